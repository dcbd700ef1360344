// Axolotl-ready JSONL for a dataset version: one SERA hermes row (engine/dataset toTrainingRow)
// per member trajectory whose body is in the blob store. Rows SERA's postprocess would drop
// (not submitted, malformed tool calls) and missing bodies are skipped and counted.
// Imported SERA rows are exported as they were imported (engine/dataset trainingRowFromBody).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { RowError, trainingRowFromBody, type StoredBody } from '../engine/dataset';
import { createFsBlobStore } from '../engine/storage/fs-blob-store';
import type { ServiceDeps } from './context';

export async function exportDatasetVersionJsonl(deps: ServiceDeps & { dataDir: string }, versionId: string, file: string) {
  const blobs = createFsBlobStore(path.join(deps.dataDir, 'blobs'));
  const members = await deps.db.datasetMembership.findMany({
    where: { datasetVersionId: versionId },
    include: { trajectory: { select: { id: true, instanceId: true, blobKey: true } } },
    orderBy: { trajectoryId: 'asc' },
  });
  const out = createWriteStream(file);
  let rows = 0;
  const skipped: { trajectoryId: string; reason: string }[] = [];
  for (const m of members) {
    try {
      const body = JSON.parse((await blobs.get(m.trajectory.blobKey)).toString()) as StoredBody;
      const row = trainingRowFromBody(body, m.trajectory.instanceId);
      const line = JSON.stringify(row) + '\n';
      if (!out.write(line)) await once(out, 'drain');
      rows++;
    } catch (e) {
      skipped.push({ trajectoryId: m.trajectory.id, reason: e instanceof RowError ? e.message : `body unreadable: ${(e as Error).message}` });
    }
  }
  out.end();
  await once(out, 'finish');
  return { rows, skipped };
}
