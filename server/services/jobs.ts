// Durable compute jobs: the row in Postgres is the truth (state, attempts, backend handle,
// log offsets); the worker's `jobs.submit` and `jobs.reconcile` handlers move it through
// the engine's state machine. Every transition is a conditional update on the state (and
// attempt) it was decided from, so two workers (or a restarted one) apply it exactly once.
import { createHash } from 'node:crypto';
import { appendFile, mkdir, open, stat } from 'node:fs/promises';
import path from 'node:path';
import { isTerminalJobState, nextState, parseJobSpec, reconcile, reconcileSubmitting, type JobHandle, type JobSpecInput, type JobState, type ReconcileDecision } from '../engine/backends';
import { decryptSecret, encryptSecret, randomToken } from '../crypto';
import { getEnv, getSecretKey } from '../env';
import { conflict, invalid, notFound } from '../errors';
import { Prisma } from '../generated/prisma/client';
import { sendJob } from '../jobs/queue';
import { backendSecretValues, computeBackendFor, ensureLocalBackend, getBackendRow, type BackendServiceDeps } from './backends';
import type { OrgActor } from './context';
import { audit } from './audit';
import { redactLogChunk } from './log-redaction';

export const SUBMIT_JOB = 'jobs.submit';
export const RECONCILE_JOB = 'jobs.reconcile';
export const ACTIVE_STATES: JobState[] = ['queued', 'submitting', 'running'];

export type JobKind = 'svg_generation' | 'sft_training' | 'evaluation' | 'serving' | 'import' | 'install_check';

export interface JobsDeps extends BackendServiceDeps {
  /** Enqueue a worker job (defaults to pg-boss via sendJob). */
  send?: (name: string, data: object, opts?: { startAfterSeconds?: number; singletonKey?: string }) => Promise<unknown>;
  /** Base URL remote workers report to (SPECIALIST_URL). */
  publicUrl?: string;
}

/** Stored in Job.handle: the backend's handle plus what the reconciler must remember. */
interface StoredHandle {
  backend: JobHandle;
  /** Bytes of each shard's log already copied into the job's log file. */
  logOffsets: number[];
  unknownPolls: number;
}

const send = (deps: JobsDeps, name: string, data: object, opts?: { startAfterSeconds?: number; singletonKey?: string }) =>
  (deps.send ?? ((n, d, o) => sendJob(n, d, { ...o, retryLimit: 5 })))(name, data, opts);
const now = (deps: JobsDeps) => deps.now?.() ?? new Date();
const dataDir = (deps: JobsDeps) => deps.dataDir ?? getEnv().dataDir;
export const jobLogPath = (deps: JobsDeps, jobId: string) => path.resolve(dataDir(deps), 'jobs', jobId, 'log');
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface CreateJobInput {
  spec: JobSpecInput;
  kind: JobKind;
  backendId?: string;
  planId?: string;
  maxAttempts?: number;
}

/** queued, then handed to the worker's `jobs.submit`. */
/**
 * Makes sure a reconcile pass is coming. Skips when one is already waiting in the queue,
 * so the self-re-enqueueing chain does not multiply (an advisory lock covers the rest).
 */
export async function scheduleReconcile(deps: JobsDeps, startAfterSeconds = 1) {
  if (deps.send) return deps.send(RECONCILE_JOB, {}, { startAfterSeconds });
  const pending = await deps.db
    .$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = ${RECONCILE_JOB} AND state IN ('created', 'retry')`
    .catch(() => [{ n: 0 }]);
  if ((pending[0]?.n ?? 0) > 0) return;
  return sendJob(RECONCILE_JOB, {}, { startAfterSeconds, retryLimit: 5, expireInSeconds: 120 });
}

export async function createJob(deps: JobsDeps, actor: Pick<OrgActor, 'orgId'> & { userId?: string }, input: CreateJobInput) {
  const spec = parseJobSpec(input.spec);
  const backend = input.backendId ? await getBackendRow(deps, actor.orgId, input.backendId) : await ensureLocalBackend(deps, actor.orgId);
  const job = await deps.db.job.create({
    data: {
      orgId: actor.orgId,
      kind: input.kind,
      backendId: backend.id,
      planId: input.planId ?? null,
      createdById: actor.userId ?? null,
      maxAttempts: input.maxAttempts ?? 3,
      // secrets never go to Postgres in clear: encrypted beside the spec, decrypted per submit
      spec: {
        ...spec,
        secrets: {},
        ...(Object.keys(spec.secrets).length ? { secretsEncrypted: encryptSecret(JSON.stringify(spec.secrets), deps.secretKey ?? getSecretKey(), `job-secrets:${actor.orgId}`) } : {}),
      } as unknown as Prisma.InputJsonValue,
      progress: {},
    },
  });
  await deps.db.job.update({ where: { id: job.id }, data: { logsPointer: `file:jobs/${job.id}/log` } });
  await send(deps, SUBMIT_JOB, { jobId: job.id }, { singletonKey: `${job.id}:1` });
  // also covers a submit whose worker died (reconcileSubmitting) before it could schedule one
  await scheduleReconcile(deps, 5);
  return { jobId: job.id };
}

async function log(deps: JobsDeps, jobId: string, text: string) {
  const file = jobLogPath(deps, jobId);
  await mkdir(path.dirname(file), { recursive: true });
  await appendFile(file, text);
}

type JobRow = NonNullable<Awaited<ReturnType<JobsDeps['db']['job']['findUnique']>>>;

/** The `jobs.submit` body: queued → submitting → running (handle stored). Safe to run twice. */
export async function submitJob(deps: JobsDeps, jobId: string): Promise<void> {
  const job = await deps.db.job.findUnique({ where: { id: jobId } });
  if (!job || job.state !== 'queued') return;
  const to = nextState(job, { type: 'submit' });
  const token = randomToken();
  const claimed = await deps.db.job.updateMany({
    where: { id: job.id, state: 'queued', attempts: job.attempts },
    data: { state: to, attempts: job.attempts + 1, tokenHash: hashToken(token), error: null, handle: Prisma.DbNull, startedAt: job.startedAt ?? now(deps) },
  });
  if (claimed.count !== 1) return; // another worker took it
  const attempt = job.attempts + 1;
  await log(deps, job.id, `# attempt ${attempt}/${job.maxAttempts}: submitting\n`);
  let backendRow;
  try {
    backendRow = job.backendId ? await getBackendRow(deps, job.orgId, job.backendId) : await ensureLocalBackend(deps, job.orgId);
  } catch {
    return finishFailed(deps, { ...job, state: 'submitting', attempts: attempt }, 'submit_failed', 'the backend was deleted');
  }
  const backend = computeBackendFor(deps, backendRow);
  try {
    const { secretsEncrypted, ...stored } = job.spec as unknown as JobSpecInput & { secretsEncrypted?: string };
    const secrets = secretsEncrypted ? (JSON.parse(decryptSecret(secretsEncrypted, deps.secretKey ?? getSecretKey(), `job-secrets:${job.orgId}`)) as Record<string, string>) : {};
    const spec = parseJobSpec({
      ...stored,
      env: { ...(stored.env ?? {}), SPECIALIST_URL: deps.publicUrl ?? publicUrl(), SPECIALIST_JOB_ID: job.id },
      secrets: { ...secrets, SPECIALIST_JOB_TOKEN: token },
    });
    const handle = await backend.submit(spec);
    const h: StoredHandle = { backend: handle, logOffsets: Array.from({ length: handle.shards }, () => 0), unknownPolls: 0 };
    const done = await deps.db.job.updateMany({
      where: { id: job.id, state: 'submitting', attempts: attempt },
      data: { state: nextState({ ...job, state: 'submitting' }, { type: 'submitted' }), handle: h as unknown as Prisma.InputJsonValue },
    });
    if (done.count !== 1) {
      // cancelled while we were submitting: do not leave it running at the backend
      await backend.cancel(handle).catch(() => {});
      return;
    }
    await log(deps, job.id, `# submitted to ${backendRow.kind} backend "${backendRow.name}" as ${handle.id}\n`);
    await scheduleReconcile(deps, 1);
  } catch (e) {
    await finishFailed(deps, { ...job, state: 'submitting', attempts: attempt }, 'submit_failed', (e as Error).message);
  } finally {
    await backend.close?.().catch(() => {});
  }
}

function publicUrl() {
  const env = getEnv();
  return env.NEXTAUTH_URL ?? `http://${env.HOST}:${env.PORT}`;
}

/** failed (with reason); back to queued and resubmitted while attempts remain. */
async function finishFailed(deps: JobsDeps, job: Pick<JobRow, 'id' | 'state' | 'attempts' | 'maxAttempts'>, event: 'submit_failed' | 'failed', reason: string) {
  const failed = await deps.db.job.updateMany({
    where: { id: job.id, state: job.state, attempts: job.attempts },
    data: { state: nextState(job, event === 'failed' ? { type: 'failed', reason } : { type: 'submit_failed', reason }), error: reason, finishedAt: now(deps) },
  });
  if (failed.count !== 1) return;
  await log(deps, job.id, `# attempt ${job.attempts} failed: ${reason}\n`);
  if (job.attempts < job.maxAttempts) {
    const retried = await deps.db.job.updateMany({ where: { id: job.id, state: 'failed', attempts: job.attempts }, data: { state: 'queued', finishedAt: null } });
    if (retried.count === 1) await send(deps, SUBMIT_JOB, { jobId: job.id }, { singletonKey: `${job.id}:${job.attempts + 1}` });
  }
}

/** Values that must never reach a stored job log: the job's own secrets and its backend's. */
function secretValues(deps: JobsDeps, job: Pick<JobRow, 'orgId' | 'spec'>, row: Parameters<typeof backendSecretValues>[1]): string[] {
  const enc = (job.spec as { secretsEncrypted?: string } | null)?.secretsEncrypted;
  const own = enc ? Object.values(JSON.parse(decryptSecret(enc, deps.secretKey ?? getSecretKey(), `job-secrets:${job.orgId}`)) as Record<string, string>) : [];
  // very short values would blank out ordinary words; longest first so overlaps go whole
  return [...own, ...backendSecretValues(deps, row)].filter((v) => v.length >= 6).sort((a, b) => b.length - a.length);
}

/**
 * Copies new backend log bytes into the job's log file (redacted) and returns the new
 * offsets. While the job runs only whole lines are copied, so no secret is split; `final`
 * (the job has ended) copies the rest.
 */
async function tailLogs(deps: JobsDeps, jobId: string, backend: ReturnType<typeof computeBackendFor>, h: StoredHandle, secrets: string[], final: boolean): Promise<number[]> {
  const offsets = [...h.logOffsets];
  for (let shard = 0; shard < Math.min(h.backend.shards, 16); shard++) {
    try {
      for await (const c of backend.logs(h.backend, { shard, since: offsets[shard] ?? 0 })) {
        const { emit, consumedBytes } = redactLogChunk(c.text ?? '', secrets, final);
        if (emit) await log(deps, jobId, h.backend.shards > 1 ? emit.replace(/^(?=.)/gm, `[${shard}] `) : emit);
        offsets[shard] = c.offset + consumedBytes;
        // an unfinished line stays in the backend's log until the next round reads it whole
        if (offsets[shard] !== c.nextOffset) break;
      }
    } catch {
      // logs not there yet (job still starting); try next round
    }
  }
  return offsets;
}

/** One reconcile pass over every submitting/running job. Returns how many are still active. */
export async function reconcileJobs(deps: JobsDeps): Promise<{ active: number; transitions: number }> {
  const rows = await deps.db.job.findMany({ where: { state: { in: ['submitting', 'running'] }, backendId: { not: null } } });
  let transitions = 0;
  for (const job of rows) {
    const h = job.handle as unknown as StoredHandle | null;
    if (job.state === 'submitting') {
      const d = reconcileSubmitting({ ...job, hasHandle: !!h, submittingSeconds: (now(deps).getTime() - job.updatedAt.getTime()) / 1000 });
      if (d.action === 'transition' && d.to === 'running') {
        transitions += (await deps.db.job.updateMany({ where: { id: job.id, state: 'submitting', attempts: job.attempts }, data: { state: 'running' } })).count;
      } else if (d.action === 'transition') {
        await finishFailed(deps, job, 'submit_failed', d.event.type === 'submit_failed' ? d.event.reason : 'submit failed');
        transitions++;
      }
      continue;
    }
    if (!h) continue;
    const row = await getBackendRow(deps, job.orgId, job.backendId!).catch(() => undefined);
    if (!row) {
      await finishFailed(deps, job, 'failed', 'the backend was deleted');
      continue;
    }
    const backend = computeBackendFor(deps, row);
    try {
      const status = await backend.status(h.backend);
      // logs first, so a finished job's last lines are in the file before it shows terminal
      const ended = status.state === 'succeeded' || status.state === 'failed' || status.state === 'cancelled';
      const logOffsets = await tailLogs(deps, job.id, backend, h, secretValues(deps, job, row), ended);
      const decision: ReconcileDecision = reconcile({ ...job, unknownPolls: h.unknownPolls }, status);
      const unknownPolls = decision.action === 'investigate' ? h.unknownPolls + 1 : 0;
      const handle = { ...h, logOffsets, unknownPolls } as unknown as Prisma.InputJsonValue;
      if (decision.action !== 'transition') {
        await deps.db.job.updateMany({ where: { id: job.id, state: 'running', attempts: job.attempts }, data: { handle } });
        continue;
      }
      if (decision.to === 'failed') {
        await deps.db.job.updateMany({ where: { id: job.id, state: 'running', attempts: job.attempts }, data: { handle } });
        const reason = decision.event.type === 'failed' ? (decision.event.reason ?? `exit code ${decision.event.exitCode ?? '?'}`) : 'failed';
        await finishFailed(deps, job, 'failed', reason);
        transitions++;
        continue;
      }
      const n = await deps.db.job.updateMany({
        where: { id: job.id, state: 'running', attempts: job.attempts },
        // progress is left alone: workers own it (a stale copy here would overwrite their last report)
        data: { state: decision.to, handle, finishedAt: now(deps) },
      });
      if (n.count === 1) {
        transitions++;
        await log(deps, job.id, `# ${decision.to}\n`);
      }
    } catch (e) {
      await log(deps, job.id, `# status check failed: ${(e as Error).message}\n`).catch(() => {});
    } finally {
      await backend.close?.().catch(() => {});
    }
  }
  const active = await deps.db.job.count({ where: { state: { in: ACTIVE_STATES } } });
  return { active, transitions };
}

/** Cancels at the backend (kills the process / scancel / deletes the k8s Job), then marks cancelled. */
export async function cancelJob(deps: JobsDeps, actor: Pick<OrgActor, 'orgId'> & { userId?: string }, jobId: string) {
  const job = await deps.db.job.findFirst({ where: { id: jobId, orgId: actor.orgId } });
  if (!job) throw notFound('Job');
  if (isTerminalJobState(job.state)) throw conflict(`The job already ${job.state}`);
  const to = nextState(job, { type: 'cancel' });
  // mark first so the reconciler and submitter stop touching it, then tell the backend
  const n = await deps.db.job.updateMany({ where: { id: job.id, state: job.state }, data: { state: to, finishedAt: now(deps), error: 'cancelled by a user' } });
  if (n.count !== 1) throw conflict('The job changed state; reload and try again');
  const h = job.handle as unknown as StoredHandle | null;
  if (h && job.backendId) {
    const row = await getBackendRow(deps, job.orgId, job.backendId).catch(() => undefined);
    if (row) {
      const backend = computeBackendFor(deps, row);
      try {
        await backend.cancel(h.backend);
        const logOffsets = await tailLogs(deps, job.id, backend, h, secretValues(deps, job, row), true);
        await deps.db.job.update({ where: { id: job.id }, data: { handle: { ...h, logOffsets } as unknown as Prisma.InputJsonValue } });
      } finally {
        await backend.close?.().catch(() => {});
      }
    }
  }
  await log(deps, job.id, '# cancelled\n');
  await audit(deps.db, { orgId: job.orgId, actorId: actor.userId ?? null, action: 'job.cancel', targetType: 'job', targetId: job.id, details: { kind: job.kind } });
  return { state: to };
}

/** A failed job gets one more attempt. */
export async function retryJob(deps: JobsDeps, actor: Pick<OrgActor, 'orgId'> & { userId?: string }, jobId: string) {
  const job = await deps.db.job.findFirst({ where: { id: jobId, orgId: actor.orgId } });
  if (!job) throw notFound('Job');
  if (job.state !== 'failed') throw invalid('Only failed jobs can be retried');
  const n = await deps.db.job.updateMany({ where: { id: job.id, state: 'failed' }, data: { state: 'queued', maxAttempts: job.attempts + 1, finishedAt: null } });
  if (n.count !== 1) throw conflict('The job changed state; reload and try again');
  await send(deps, SUBMIT_JOB, { jobId: job.id }, { singletonKey: `${job.id}:${job.attempts + 1}` });
  await audit(deps.db, { orgId: job.orgId, actorId: actor.userId ?? null, action: 'job.retry', targetType: 'job', targetId: job.id, details: { kind: job.kind } });
  return { state: 'queued' as const };
}

function jobView(j: JobRow & { backend?: { name: string; kind: string } | null }) {
  const h = j.handle as unknown as StoredHandle | null;
  return {
    id: j.id,
    kind: j.kind,
    name: (j.spec as { name?: string }).name ?? j.kind,
    state: j.state,
    attempts: j.attempts,
    maxAttempts: j.maxAttempts,
    progress: j.progress as Record<string, unknown>,
    error: j.error,
    backend: j.backend ? { id: j.backendId, name: j.backend.name, kind: j.backend.kind } : null,
    handle: h?.backend ?? null,
    queuedAt: j.queuedAt,
    startedAt: j.startedAt,
    finishedAt: j.finishedAt,
  };
}
export type JobView = ReturnType<typeof jobView>;

export async function listJobs(deps: JobsDeps, actor: Pick<OrgActor, 'orgId'>, opts: { limit?: number } = {}) {
  const rows = await deps.db.job.findMany({ where: { orgId: actor.orgId }, orderBy: { queuedAt: 'desc' }, take: opts.limit ?? 100, include: { backend: { select: { name: true, kind: true } } } });
  // self-healing: a worker that crashed mid-pass leaves no pass scheduled until pg-boss expires it
  if (rows.some((r) => r.state === 'submitting' || r.state === 'running')) await scheduleReconcile(deps, 1).catch(() => {});
  return rows.map(jobView);
}

export async function getJob(deps: JobsDeps, actor: Pick<OrgActor, 'orgId'>, jobId: string) {
  const j = await deps.db.job.findFirst({ where: { id: jobId, orgId: actor.orgId }, include: { backend: { select: { name: true, kind: true } } } });
  if (!j) throw notFound('Job');
  const { secretsEncrypted: _hidden, ...spec } = j.spec as Record<string, unknown>;
  return { ...jobView(j), spec, hasSecrets: !!_hidden };
}

/** A page of the job's log file by byte offset (UTF-8 safe at line ends when possible). */
export async function readJobLog(deps: JobsDeps, actor: Pick<OrgActor, 'orgId'>, jobId: string, opts: { offset?: number; limit?: number } = {}) {
  const j = await deps.db.job.findFirst({ where: { id: jobId, orgId: actor.orgId }, select: { id: true } });
  if (!j) throw notFound('Job');
  const file = jobLogPath(deps, j.id);
  const size = await stat(file).then((s) => s.size, () => 0);
  const offset = Math.min(Math.max(opts.offset ?? 0, 0), size);
  const limit = Math.min(opts.limit ?? 64_000, 1_000_000);
  if (offset >= size) return { text: '', offset, nextOffset: offset, size };
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(Math.min(limit, size - offset));
    const { bytesRead } = await fh.read(buf, 0, buf.length, offset);
    let end = bytesRead;
    // stop at the last newline so multi-byte characters and lines are never split
    const nl = buf.subarray(0, bytesRead).lastIndexOf(10);
    if (nl >= 0 && offset + bytesRead < size) end = nl + 1;
    return { text: buf.subarray(0, end).toString('utf8'), offset, nextOffset: offset + end, size };
  } finally {
    await fh.close();
  }
}
