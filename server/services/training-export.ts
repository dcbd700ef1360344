// Axolotl-ready JSONL for a dataset version: one SERA hermes row (engine/dataset toTrainingRow)
// per member trajectory whose body is in the blob store. Rows SERA's postprocess would drop
// (not submitted, malformed tool calls) and missing bodies are skipped and counted.
// Stand-in until the datasets service ships its own export; training uses this by default.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import type { Trajectory } from '../engine/agent';
import { RowError, toTrainingRow } from '../engine/dataset';
import type { ImportedTrajectory } from '../engine/dataset/import';
import { createFsBlobStore } from '../engine/storage/fs-blob-store';
import type { ServiceDeps } from './context';

/** An imported SERA row is already a training row; other imports lack the per-turn train flags. */
function importedTrainingRow(r: ImportedTrajectory, instanceId: string) {
  if (!r.messages.some((m) => m.train !== undefined)) throw new RowError(`imported ${r.format} trajectories have no training flags; import the SERA-format row instead`);
  return {
    messages: r.messages.map((m) => ({ role: m.role, content: m.content, train: m.train ?? false })),
    instance_id: r.instanceId ?? instanceId,
    ...(r.metadata.toolJson ? { tool_json: r.metadata.toolJson } : {}),
  };
}

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
      const body = JSON.parse((await blobs.get(m.trajectory.blobKey)).toString()) as { trajectory?: Trajectory & { row?: unknown; rowError?: string | null }; imported?: ImportedTrajectory };
      if (body.imported) {
        const line = JSON.stringify(importedTrainingRow(body.imported, m.trajectory.instanceId)) + '\n';
        if (!out.write(line)) await once(out, 'drain');
        rows++;
        continue;
      }
      if (!body.trajectory) throw new RowError('the stored body has no trajectory');
      // Generated trajectories store their SERA row already (server/engine/svg/records.ts).
      if ('row' in body.trajectory && !body.trajectory.row) throw new RowError(body.trajectory.rowError ?? 'no training row');
      const row = body.trajectory.row ?? toTrainingRow(body.trajectory, m.trajectory.instanceId);
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
