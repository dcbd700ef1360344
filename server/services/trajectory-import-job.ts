// The durable side of imports: an uploaded file is saved under the data dir, a Job (kind
// 'import') records progress, and the pg-boss `trajectories.import` job streams it in. A
// redelivered job simply re-runs: rows already stored are skipped as duplicates.
import { existsSync } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { notFound } from '../errors';
import type { OrgActor } from './context';
import { importTrajectoryFile, type ImportDeps, type ImportSummary } from './trajectory-import';

export const IMPORT_JOB = 'trajectories.import';

export interface ImportJobDeps extends ImportDeps {
  dataDir: string;
  send: (name: string, data: object) => Promise<void>;
}

// Any format (JSONL, .traj, Parquet): the reader is chosen from the bytes and the original name.
// Uploads queued before formats were detected were saved as .jsonl.
const uploadPath = (dataDir: string, jobId: string) => {
  const file = path.join(dataDir, 'imports', `${jobId}.upload`);
  const legacy = path.join(dataDir, 'imports', `${jobId}.jsonl`);
  return !existsSync(file) && existsSync(legacy) ? legacy : file;
};

/** Saves the upload (streamed to disk, bounded memory) and queues the import job. */
export async function startImport(deps: ImportJobDeps, actor: OrgActor, input: { fileName: string; body: AsyncIterable<Uint8Array | string>; repoId?: string }) {
  const job = await deps.db.job.create({ data: { orgId: actor.orgId, kind: 'import', maxAttempts: 3, createdById: actor.userId, spec: { fileName: input.fileName.slice(0, 300), repoId: input.repoId ?? null } } });
  const file = uploadPath(deps.dataDir, job.id);
  await mkdir(path.dirname(file), { recursive: true });
  await pipeline(Readable.from(input.body), createWriteStream(file));
  // the total lets the UI show a progress bar (bytes processed of bytes uploaded)
  const { size } = await stat(file);
  await deps.db.job.update({ where: { id: job.id }, data: { progress: { bytes: 0, rows: 0, totalBytes: size } } });
  await deps.send(IMPORT_JOB, { jobId: job.id });
  return { jobId: job.id };
}

/** Worker side: streams the saved file in, reporting progress on the Job row. */
export async function runImport(deps: ImportJobDeps, jobId: string): Promise<ImportSummary | null> {
  const job = await deps.db.job.findUnique({ where: { id: jobId } });
  if (!job || job.kind !== 'import' || job.state === 'succeeded' || job.state === 'cancelled') return null;
  await deps.db.job.update({ where: { id: jobId }, data: { state: 'running', startedAt: job.startedAt ?? new Date(), attempts: { increment: 1 } } });
  const actor: OrgActor = { orgId: job.orgId, userId: job.createdById ?? 'import', role: 'engineer' };
  const spec = job.spec as { repoId?: string | null; fileName?: string };
  const file = uploadPath(deps.dataDir, jobId);
  let last = 0;
  let pending: Promise<unknown> = Promise.resolve();
  try {
    const { size: totalBytes } = await stat(file);
    const summary = await importTrajectoryFile(deps, actor, file, spec.fileName ?? 'upload.jsonl', {
      repoId: spec.repoId ?? undefined,
      jobId,
      onProgress: (bytes, rows) => {
        // throttled: one progress write per second at most
        if (Date.now() - last < 1000) return;
        last = Date.now();
        pending = deps.db.job.update({ where: { id: jobId }, data: { progress: { bytes, rows, totalBytes } } }).catch(() => {});
      },
    });
    await pending; // a late progress write must not overwrite the final summary
    await deps.db.job.update({ where: { id: jobId }, data: { state: 'succeeded', finishedAt: new Date(), progress: { ...summary, bytes: totalBytes, rows: summary.imported + summary.duplicates, totalBytes } } });
    await rm(file, { force: true });
    return summary;
  } catch (e) {
    await deps.db.job.update({ where: { id: jobId }, data: { state: 'failed', finishedAt: new Date(), error: e instanceof Error ? e.message.slice(0, 2000) : String(e) } });
    throw e;
  }
}

/** Import status for the UI: counts and per-line errors with their line numbers. */
export async function getImport(deps: Pick<ImportDeps, "db">, actor: OrgActor, jobId: string) {
  const job = await deps.db.job.findFirst({ where: { id: jobId, orgId: actor.orgId, kind: 'import' }, select: { id: true, state: true, progress: true, error: true, spec: true, queuedAt: true, finishedAt: true } });
  if (!job) throw notFound('Import');
  return job;
}

/** The worker's entry point, with the real database, blob store and queue. */
export async function runImportWithDefaults(jobId: string) {
  const { getDb } = await import('../db');
  const { getEnv } = await import('../env');
  const { createFsBlobStore } = await import('../engine/storage/fs-blob-store');
  const { sendJob } = await import('../jobs/queue');
  const dataDir = getEnv().dataDir;
  return runImport({ db: getDb(), blobs: createFsBlobStore(path.join(dataDir, 'blobs')), dataDir, send: async (n, d) => void (await sendJob(n, d)) }, jobId);
}

/** Upload entry point with the real blob store, data dir and queue. */
export async function startImportWithDefaults(db: ImportDeps['db'], actor: OrgActor, input: { fileName: string; body: AsyncIterable<Uint8Array | string> }) {
  const { getEnv } = await import('../env');
  const { createFsBlobStore } = await import('../engine/storage/fs-blob-store');
  const { sendJob } = await import('../jobs/queue');
  const dataDir = getEnv().dataDir;
  return startImport({ db, blobs: createFsBlobStore(path.join(dataDir, 'blobs')), dataDir, send: async (n, d) => void (await sendJob(n, d)) }, actor, input);
}
