// Our own interchange format: one JSON line per stored trajectory, carrying its columns, its
// body verbatim and its lineage by content hash (a T2 names its T1 by `parentKey`), so another
// instance (or the same one after a reset) re-imports it with P1/P2, recall and matched lines.
import type { ExportedColumns } from './imported-trajectory';
import type { SpecialistExportLine } from './schemas';

export interface ExportSource extends ExportedColumns {
  contentHash: string;
  instanceId: string;
}

export function toExportLine(row: ExportSource, body: Record<string, unknown>, parentKey: string | null): SpecialistExportLine {
  const { contentHash, instanceId, ...columns } = row;
  return {
    format: 'specialist-export',
    exportVersion: 1,
    key: contentHash,
    parentKey,
    instanceId,
    ...columns,
    body: body as SpecialistExportLine['body'],
  };
}
