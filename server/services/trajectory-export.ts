// Streams an organization's trajectories in our own JSONL format (engine toExportLine): every
// column, the body verbatim and lineage by content hash, T1s before T2s so a re-import links each
// T2 to its T1 as it goes. Paged by id, so memory holds one page, never the organization.
import { toExportLine, type ExportSource } from '../engine/dataset/import';
import type { BlobStore } from '../engine/storage/blob-store';
import { trajectoryFilter, type TrajectoryFilter } from '@/lib/schemas/trajectories';
import type { OrgActor, ServiceDeps } from './context';
import { trajectoryWhere } from './trajectories';

const PAGE = 200;

const exportSelect = {
  id: true, contentHash: true, instanceId: true, stage: true, seedFunction: true, seedFile: true, changeType: true, recall: true, verification: true,
  patchLines: true, totalTokens: true, maxToolOutputTokens: true, avgToolOutputTokens: true, steps: true, truncationRatio: true, exitStatus: true,
  costUsd: true, prText: true, included: true, labels: true, notes: true, blobKey: true, parent: { select: { contentHash: true } },
} as const;

/** Yields one JSON line (with its newline) per trajectory; a missing body is reported, not fatal. */
export async function* exportTrajectoriesJsonl(deps: ServiceDeps & { blobs: BlobStore }, actor: OrgActor, filter: TrajectoryFilter = {}, onSkip?: (id: string, reason: string) => void): AsyncGenerator<string> {
  for (const stage of ['T1', 'T2'] as const) {
    if (filter.stage && filter.stage !== stage) continue;
    let cursor: string | undefined;
    for (;;) {
      const page = await deps.db.trajectory.findMany({
        where: { AND: [trajectoryWhere(actor.orgId, filter), { stage }] },
        select: exportSelect,
        orderBy: { id: 'asc' },
        take: PAGE,
        ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
      });
      for (const t of page) {
        let body: Record<string, unknown>;
        try {
          body = JSON.parse((await deps.blobs.get(t.blobKey)).toString()) as Record<string, unknown>;
        } catch (e) {
          onSkip?.(t.id, `body unreadable: ${(e as Error).message}`);
          continue;
        }
        const { id: _id, blobKey: _b, parent, ...row } = t;
        yield JSON.stringify(toExportLine(row as ExportSource, body, parent?.contentHash ?? null)) + '\n';
      }
      if (page.length < PAGE) break;
      cursor = page[page.length - 1].id;
    }
  }
}

/** Browser filters from URL search params (`included` is a boolean); unknown or invalid ones are ignored. */
export function exportFilterFromParams(params: URLSearchParams): TrajectoryFilter {
  const raw: Record<string, unknown> = {};
  for (const [k, v] of params) raw[k] = k === 'included' ? v === 'true' : v;
  const r = trajectoryFilter.safeParse(raw);
  return r.success ? r.data : {};
}

/** The download route's entry point, with the real blob store. */
export async function exportTrajectoriesWithDefaults(db: ServiceDeps['db'], actor: OrgActor, filter: TrajectoryFilter) {
  const path = await import('node:path');
  const { getEnv } = await import('../env');
  const { createFsBlobStore } = await import('../engine/storage/fs-blob-store');
  return exportTrajectoriesJsonl({ db, blobs: createFsBlobStore(path.join(getEnv().dataDir, 'blobs')) }, actor, filter);
}
