// Imports a SERA-format JSONL (or SWE-agent .traj lines) stream into the blob store + Trajectory
// rows: bounded memory (one line at a time), per-line errors with line numbers while valid rows
// import, idempotent on re-import (contentHash is unique per organization).
import { importJsonl, type ImportedTrajectory } from '../engine/dataset/import';
import { buildSearchText } from '../engine/dataset/search-text';
import type { BlobStore } from '../engine/storage/blob-store';
import type { OrgActor, ServiceDeps } from './context';

export interface ImportDeps extends ServiceDeps {
  blobs: BlobStore;
}

export interface ImportSummary {
  imported: number;
  duplicates: number;
  errors: { line: number; error: string }[];
}

const MAX_REPORTED_ERRORS = 200;

/** Changed lines of a unified diff (added + removed), the paper's patch-size measure. */
function patchLines(patch: string | null | undefined): number | null {
  if (!patch) return null;
  return patch.split('\n').filter((l) => (l.startsWith('+') && !l.startsWith('+++')) || (l.startsWith('-') && !l.startsWith('---'))).length;
}

async function store(deps: ImportDeps, actor: OrgActor, r: ImportedTrajectory, opts: { repoId?: string; jobId?: string }): Promise<boolean> {
  const exists = await deps.db.trajectory.findUnique({ where: { orgId_contentHash: { orgId: actor.orgId, contentHash: r.contentHash } }, select: { id: true } });
  if (exists) return false;
  const { key } = await deps.blobs.put(JSON.stringify({ imported: r }));
  const prText = r.messages.find((m) => m.role === 'user')?.content.slice(0, 20_000) ?? null;
  const instanceId = r.instanceId ?? r.contentHash.slice(0, 12);
  // Published SERA rows are the verified rollout-2 trajectories used for training, hence T2.
  const res = await deps.db.trajectory.createMany({
    data: [{
      orgId: actor.orgId, repositoryId: opts.repoId ?? null, jobId: opts.jobId ?? null, contentHash: r.contentHash, instanceId,
      stage: 'T2', recall: r.metadata.recall ?? null, exitStatus: r.metadata.exitStatus ?? null, patchLines: patchLines(r.metadata.patch),
      steps: r.messages.filter((m) => m.role === 'assistant').length, prText, blobKey: key,
      searchText: buildSearchText({ instanceId, prText, messages: r.messages }),
    }],
    skipDuplicates: true, // a concurrent import of the same file may have won the race
  });
  return res.count === 1;
}

export async function importTrajectories(
  deps: ImportDeps,
  actor: OrgActor,
  input: AsyncIterable<Buffer | Uint8Array | string>,
  opts: { repoId?: string; jobId?: string; onProgress?: (bytes: number, rows: number) => void } = {},
): Promise<ImportSummary> {
  const out: ImportSummary = { imported: 0, duplicates: 0, errors: [] };
  for await (const r of importJsonl(input, { onProgress: opts.onProgress })) {
    if (!r.ok) {
      if (out.errors.length < MAX_REPORTED_ERRORS) out.errors.push({ line: r.line, error: r.error });
      continue;
    }
    if (await store(deps, actor, r.record, opts)) out.imported++;
    else out.duplicates++;
  }
  return out;
}
