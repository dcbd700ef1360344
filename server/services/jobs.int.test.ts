// Durable jobs against real Postgres and the real local backend (detached processes).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { checkBackend, deleteBackend, listBackends, saveBackend } from './backends';
import { ingestResults, readJobResults, reportProgress, WorkerApiError } from './job-worker-api';
import { cancelJob, createJob, getJob, listJobs, RECONCILE_JOB, retryJob, readJobLog, reconcileJobs, submitJob, SUBMIT_JOB, type JobsDeps } from './jobs';
import { reconcileOnce } from '../jobs/reconcile.job';

const dataDir = mkdtempSync(path.join(tmpdir(), 'specialist-jobs-'));
const secretKey = randomBytes(32);

describe('durable jobs on the local backend (real Postgres, real processes)', () => {
  let t: TestDatabase;
  let orgId: string;
  const sent: { name: string; data: object }[] = [];
  let deps: JobsDeps;
  beforeAll(async () => {
    t = await createTestDatabase();
    orgId = (await t.db.organization.create({ data: { name: 'Acme', slug: `acme-${Date.now()}` } })).id;
    deps = { db: t.db, dataDir, secretKey, publicUrl: 'http://127.0.0.1:9', send: async (name, data) => void sent.push({ name, data }) };
  });
  afterAll(async () => {
    await t?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const actor = () => ({ orgId, userId: 'u1', role: 'owner' as const });

  /** Runs what the worker would: pending submits, then reconcile passes, until pred holds. */
  async function drive(d: JobsDeps, jobId: string, pred: (s: string) => boolean, ms = 30_000) {
    const t0 = Date.now();
    for (;;) {
      for (const m of sent.splice(0)) if (m.name === SUBMIT_JOB) await submitJob(d, (m.data as { jobId: string }).jobId);
      await reconcileJobs(d);
      const j = await t.db.job.findUniqueOrThrow({ where: { id: jobId } });
      if (pred(j.state)) return j;
      if (Date.now() - t0 > ms) throw new Error(`timed out in state ${j.state}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  it('the local backend exists by default, checks ok, and secrets are never returned', async () => {
    const list = await listBackends(deps, actor());
    expect(list.map((b) => b.kind)).toEqual(['local']);
    const check = await checkBackend(deps, actor(), list[0]!.id);
    expect(check).toMatchObject({ ok: true });
    const ssh = await saveBackend(deps, actor(), {
      name: 'gpu box',
      kind: 'ssh',
      config: { workRoot: '/srv/jobs', ssh: { host: '127.0.0.1', port: 1, username: 'x', privateKey: 'PRIVATE-KEY-MATERIAL', strictHostKeyChecking: false } },
    });
    expect(ssh.hasKey).toBe(true);
    expect(JSON.stringify(ssh)).not.toContain('PRIVATE-KEY-MATERIAL');
    const stored = await t.db.backend.findUniqueOrThrow({ where: { id: ssh.id } });
    expect(stored.configEncrypted).not.toContain('PRIVATE-KEY');
    // editing without re-entering the key keeps it
    const edited = await saveBackend(deps, actor(), { id: ssh.id, name: 'gpu box 2', kind: 'ssh', config: { workRoot: '/srv/jobs', ssh: { host: '127.0.0.1', port: 1, username: 'x', privateKey: '', strictHostKeyChecking: false } } });
    expect(edited.secrets).toEqual({ 'ssh.privateKey': true });
    await expect(saveBackend(deps, actor(), { name: 'bad', kind: 'ssh', config: { workRoot: '/x' } })).rejects.toThrow(/ssh/);
    // nothing listens on port 1: a specific error, not a stack trace
    const closed = await saveBackend(deps, actor(), { name: 'closed port', kind: 'ssh', config: { workRoot: '/srv/jobs', ssh: { host: '127.0.0.1', port: 1, username: 'x', password: 'pw', strictHostKeyChecking: false } } });
    const bad = await checkBackend(deps, actor(), closed.id);
    expect(bad, JSON.stringify(bad)).toMatchObject({ ok: false, error: 'host_unreachable' });
  });

  it('create → submit → running → succeeded, log captured once, token injected', async () => {
    const { jobId } = await createJob(deps, actor(), {
      kind: 'import',
      spec: { name: 'hello', secrets: { API_KEY: 'sk-very-secret' }, command: { script: 'for i in 1 2 3; do echo "line $i"; sleep 0.2; done; echo "token=${#SPECIALIST_JOB_TOKEN} url=$SPECIALIST_URL key=${#API_KEY}"' } },
    });
    expect((await t.db.job.findUniqueOrThrow({ where: { id: jobId } })).state).toBe('queued');
    const running = await drive(deps, jobId, (s) => s !== 'queued' && s !== 'submitting');
    expect(running.state).toBe('running');
    expect(running.attempts).toBe(1);
    expect((running.handle as { backend: { kind: string } }).backend.kind).toBe('local');
    const before = sent.length;
    const listed = (await listJobs(deps, actor())).find((j) => j.id === jobId);
    expect(listed).toMatchObject({ state: 'running', name: 'hello', attempts: 1, backend: { kind: 'local', name: 'local' }, handle: { kind: 'local', shards: 1 } });
    // listing active jobs makes sure a reconcile pass is scheduled
    expect(sent.slice(before).map((m) => m.name)).toContain(RECONCILE_JOB);
    const done = await drive(deps, jobId, (s) => s === 'succeeded' || s === 'failed');
    expect(done.state).toBe('succeeded');
    expect(done.finishedAt).not.toBeNull();
    const log = (await readJobLog(deps, actor(), jobId)).text;
    expect(log.match(/line \d/g)).toEqual(['line 1', 'line 2', 'line 3']);
    expect(log).toContain('token=43 url=http://127.0.0.1:9');
    expect(log).toContain('key=14');
    // neither the job token nor the caller's secret is stored in clear
    expect(JSON.stringify(done.spec)).not.toContain('sk-very-secret');
    expect(done.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await getJob(deps, actor(), jobId)).hasSecrets).toBe(true);
    // pagination: reading from the middle continues without overlap
    const first = await readJobLog(deps, actor(), jobId, { limit: 20 });
    const rest = await readJobLog(deps, actor(), jobId, { offset: first.nextOffset });
    expect(first.text + rest.text).toBe(log);
  });

  it('a failing command is retried up to maxAttempts and ends failed with the exit reason', async () => {
    const { jobId } = await createJob(deps, actor(), { kind: 'import', maxAttempts: 2, spec: { name: 'boom', command: { script: 'echo trying; exit 7' } } });
    const done = await drive(deps, jobId, (s) => s === 'failed' || s === 'succeeded');
    expect(done.state).toBe('failed');
    expect(done.attempts).toBe(2);
    expect(done.error).toMatch(/exit code 7/);
    const log = (await readJobLog(deps, actor(), jobId)).text;
    expect(log.match(/trying/g)).toHaveLength(2);
    expect(log).toContain('attempt 2/2');
    // Retry from the UI gives exactly one more attempt
    await expect(retryJob(deps, actor(), jobId)).resolves.toEqual({ state: 'queued' });
    const again = await drive(deps, jobId, (s) => s === 'failed' || s === 'succeeded');
    expect(again).toMatchObject({ state: 'failed', attempts: 3, maxAttempts: 3 });
    expect((await readJobLog(deps, actor(), jobId)).text.match(/trying/g)).toHaveLength(3);
    await expect(retryJob(deps, actor(), (await createJob(deps, actor(), { kind: 'import', spec: { name: 'q', command: { argv: ['true'] } } })).jobId)).rejects.toThrow(/Only failed/);
  });

  it('cancel kills the process and marks the job cancelled', async () => {
    const marker = path.join(dataDir, 'cancel-marker');
    const { jobId } = await createJob(deps, actor(), { kind: 'import', spec: { name: 'long', command: { script: `echo started; sleep 30; touch ${marker}` } } });
    await drive(deps, jobId, (s) => s === 'running');
    const job = await t.db.job.findUniqueOrThrow({ where: { id: jobId } });
    const pidFile = path.join((job.handle as { backend: { data: { jobDir: string } } }).backend.data.jobDir);
    expect(existsSync(pidFile)).toBe(true);
    await expect(cancelJob(deps, actor(), jobId)).resolves.toEqual({ state: 'cancelled' });
    // the backend agrees the process is gone, and the reconciler leaves the row alone
    const { createLocalBackend } = await import('../engine/backends');
    const st = await createLocalBackend({ workRoot: path.join(dataDir, 'backends', 'local') }).status((job.handle as { backend: never }).backend);
    expect(['cancelled', 'failed']).toContain(st.state);
    await reconcileJobs(deps);
    expect((await t.db.job.findUniqueOrThrow({ where: { id: jobId } })).state).toBe('cancelled');
    await expect(cancelJob(deps, actor(), jobId)).rejects.toThrow(/already cancelled/);
    // a backend with active jobs cannot be deleted
    const { jobId: busy } = await createJob(deps, actor(), { kind: 'import', spec: { name: 'busy', command: { argv: ['sleep', '1'] } } });
    const localId = (await t.db.job.findUniqueOrThrow({ where: { id: busy } })).backendId!;
    await expect(deleteBackend(deps, actor(), localId)).rejects.toThrow(/still run/);
    await cancelJob(deps, actor(), busy);
  });

  it('survives a worker restart mid-run: a new worker finishes it and it is reconciled exactly once', async () => {
    const { jobId } = await createJob(deps, actor(), { kind: 'import', spec: { name: 'restart', command: { script: 'echo one; sleep 1.5; echo two' } } });
    await drive(deps, jobId, (s) => s === 'running');
    // "worker 1" is gone: a brand-new database client (no in-memory state) takes over,
    // and two reconcilers race on it (the old chain redelivered + the new one)
    const t2 = await import('../db').then((m) => m.createDb(t.url));
    const sent2: string[] = [];
    const deps2: JobsDeps = { ...deps, db: t2, send: async (n) => void sent2.push(n) };
    let transitions = 0;
    for (let i = 0; i < 100; i++) {
      const [a, b] = await Promise.all([reconcileOnce(deps2, 1), reconcileOnce({ ...deps2 }, 1)]);
      transitions += ('transitions' in a ? a.transitions : 0) + ('transitions' in b ? b.transitions : 0);
      const j = await t2.job.findUniqueOrThrow({ where: { id: jobId } });
      if (j.state !== 'running') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const j = await t2.job.findUniqueOrThrow({ where: { id: jobId } });
    expect(j.state).toBe('succeeded');
    expect(transitions).toBe(1);
    const log = (await readJobLog(deps, actor(), jobId)).text;
    expect(log.match(/^one$/gm)).toHaveLength(1);
    expect(log.match(/^two$/gm)).toHaveLength(1);
    expect(log.match(/# succeeded/g)).toHaveLength(1);
    await t2.$disconnect();
  });

  it('worker API: bearer token auth, progress, idempotent results, 401 after the attempt, 409 when cancelled', async () => {
    const { jobId } = await createJob(deps, actor(), { kind: 'import', spec: { name: 'api', command: { script: 'echo "$SPECIALIST_JOB_TOKEN" > token.txt; sleep 30' } } });
    const running = await drive(deps, jobId, (s) => s === 'running');
    const tokenFile = path.join((running.handle as { backend: { data: { jobDir: string } } }).backend.data.jobDir);
    // the token is only in the process's environment: read it back from what the job wrote
    let token = '';
    for (let i = 0; i < 50 && !token; i++) {
      const { readdirSync } = await import('node:fs');
      const hit = readdirSync(tokenFile, { recursive: true }).map(String).find((f) => f.endsWith('token.txt'));
      if (hit) token = readFileSync(path.join(tokenFile, hit), 'utf8').trim();
      if (!token) await new Promise((r) => setTimeout(r, 100));
    }
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await expect(reportProgress(deps, 'wrong', { done: 1 })).rejects.toMatchObject({ status: 401 });
    await expect(reportProgress(deps, undefined, { done: 1 })).rejects.toBeInstanceOf(WorkerApiError);
    await reportProgress(deps, token, { done: 3, total: 10, message: 'rollout 1' });
    expect((await t.db.job.findUniqueOrThrow({ where: { id: jobId } })).progress).toMatchObject({ done: 3, total: 10 });
    const batch = '{"id":1}\n{"id":2}\n';
    expect(await ingestResults(deps, token, 'batch-1', batch)).toEqual({ accepted: 2, duplicate: false });
    expect(await ingestResults(deps, token, 'batch-1', batch)).toEqual({ accepted: 2, duplicate: true });
    await expect(ingestResults(deps, token, 'batch-1', '{"id":3}\n')).rejects.toMatchObject({ status: 409 });
    await expect(ingestResults(deps, token, 'batch-2', 'not json\n')).rejects.toMatchObject({ status: 400 });
    expect(await readJobResults(deps, jobId)).toEqual([{ id: 1 }, { id: 2 }]);
    await cancelJob(deps, actor(), jobId);
    await expect(reportProgress(deps, token, { done: 4 })).rejects.toMatchObject({ status: 409 });
  });
});
