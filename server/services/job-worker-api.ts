// What remote rollout workers call with their per-job token (SPECIALIST_JOB_TOKEN).
// The token is random per attempt and stored only as a sha256; a finished attempt's
// token stops working, and a cancelled job answers 409 so the worker stops.
import { createHash } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { getEnv } from '../env';
import type { Prisma } from '../generated/prisma/client';
import { hashToken } from './jobs';
import type { ServiceDeps } from './context';

export class WorkerApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 409 | 413,
    message: string,
  ) {
    super(message);
  }
}

export interface WorkerApiDeps extends ServiceDeps {
  dataDir?: string;
}

export function bearerToken(header: string | null | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return m?.[1];
}

async function jobForToken(deps: WorkerApiDeps, token: string | undefined) {
  if (!token) throw new WorkerApiError(401, 'missing bearer token');
  const job = await deps.db.job.findFirst({ where: { tokenHash: hashToken(token) } });
  if (!job) throw new WorkerApiError(401, 'invalid or expired job token');
  if (job.state === 'cancelled') throw new WorkerApiError(409, 'the job was cancelled; stop working');
  if (job.state !== 'running' && job.state !== 'submitting') throw new WorkerApiError(401, `job token expired (job ${job.state})`);
  return job;
}

export const progressBody = z
  .object({
    done: z.number().min(0).optional(),
    total: z.number().min(0).optional(),
    message: z.string().max(500).optional(),
  })
  .catchall(z.union([z.string().max(500), z.number(), z.boolean(), z.null()]));

export async function reportProgress(deps: WorkerApiDeps, token: string | undefined, body: unknown) {
  const job = await jobForToken(deps, token);
  const parsed = progressBody.safeParse(body);
  if (!parsed.success) throw new WorkerApiError(400, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const progress = { ...(job.progress as Record<string, unknown>), ...parsed.data, updatedAt: new Date().toISOString() };
  await deps.db.job.update({ where: { id: job.id }, data: { progress: progress as Prisma.InputJsonValue } });
  return { ok: true as const };
}

const MAX_BATCH_BYTES = 32 * 1024 * 1024;

export function resultsDir(deps: WorkerApiDeps, jobId: string) {
  return path.resolve(deps.dataDir ?? getEnv().dataDir, 'jobs', jobId, 'results');
}

/**
 * Stores one NDJSON batch as a file named by the client's idempotency key, so a retried
 * POST (after a timeout) is recognised and not stored twice. The trajectory ingestion
 * reads these files.
 */
export async function ingestResults(deps: WorkerApiDeps, token: string | undefined, idempotencyKey: string | undefined | null, ndjson: string) {
  const job = await jobForToken(deps, token);
  if (!idempotencyKey || !/^[A-Za-z0-9._:-]{1,128}$/.test(idempotencyKey)) throw new WorkerApiError(400, 'Idempotency-Key header required (1-128 of A-Z a-z 0-9 . _ : -)');
  if (Buffer.byteLength(ndjson) > MAX_BATCH_BYTES) throw new WorkerApiError(413, 'batch too large (32 MiB max)');
  const lines = ndjson.split('\n').filter((l) => l.trim());
  for (const [i, line] of lines.entries()) {
    try {
      JSON.parse(line);
    } catch {
      throw new WorkerApiError(400, `line ${i + 1} is not JSON`);
    }
  }
  const dir = resultsDir(deps, job.id);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}.ndjson`);
  const body = lines.map((l) => `${l}\n`).join('');
  try {
    const fh = await open(file, 'wx'); // exclusive create: the key decides, not a race
    try {
      await fh.writeFile(body);
    } finally {
      await fh.close();
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    const prior = await readFile(file, 'utf8');
    if (prior !== body) throw new WorkerApiError(409, 'this Idempotency-Key was used for a different batch');
    return { accepted: lines.length, duplicate: true };
  }
  return { accepted: lines.length, duplicate: false };
}

/** Every result line stored for a job (for ingestion and tests). */
export async function readJobResults(deps: WorkerApiDeps, jobId: string): Promise<unknown[]> {
  const { readdir } = await import('node:fs/promises');
  const dir = resultsDir(deps, jobId);
  const files = await readdir(dir).catch(() => [] as string[]);
  const out: unknown[] = [];
  for (const f of files.sort()) for (const l of (await readFile(path.join(dir, f), 'utf8')).split('\n')) if (l) out.push(JSON.parse(l));
  return out;
}
