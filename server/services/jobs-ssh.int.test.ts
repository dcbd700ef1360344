// A job on an SSH backend against a real sshd on 127.0.0.1 (server/testing/sshd.ts).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { sshdUnavailableReason, startTestSshd, type TestSshd } from '../testing/sshd';
import { checkBackend, saveBackend } from './backends';
import { createJob, readJobLog, reconcileJobs, submitJob, SUBMIT_JOB, type JobsDeps } from './jobs';

const unavailable = sshdUnavailableReason();
if (unavailable) console.warn(`skipping the sshd job test: ${unavailable}`);

describe.skipIf(!!unavailable)('a job on an SSH backend (real sshd, real Postgres)', () => {
  let t: TestDatabase;
  let sshd: TestSshd;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'specialist-jobs-ssh-'));
  afterAll(async () => {
    await sshd?.stop();
    await t?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('checks the host (and names a wrong key as auth failed), runs a job over ssh and captures its log', async () => {
    t = await createTestDatabase();
    sshd = await startTestSshd();
    const sent: { name: string; data: { jobId?: string } }[] = [];
    const deps: JobsDeps = { db: t.db, dataDir, secretKey: randomBytes(32), publicUrl: 'http://127.0.0.1:9', send: async (name, data) => void sent.push({ name, data }) };
    const org = await t.db.organization.create({ data: { name: 'S', slug: `s-${Date.now()}` } });
    const actor = { orgId: org.id, userId: 'u', role: 'owner' as const };
    const ssh = { host: sshd.host, port: sshd.port, username: sshd.username, hostKeyFingerprint: sshd.hostKeyFingerprint };
    const workRoot = path.join(sshd.dir, 'jobs');

    const good = await saveBackend(deps, actor, { name: 'box', kind: 'ssh', config: { workRoot, ssh: { ...ssh, privateKey: sshd.privateKey } } });
    expect(good.hasKey).toBe(true);
    expect(await checkBackend(deps, actor, good.id)).toMatchObject({ ok: true });
    const wrong = await saveBackend(deps, actor, { name: 'wrong key', kind: 'ssh', config: { workRoot, ssh: { ...ssh, privateKey: sshd.wrongPrivateKey } } });
    expect(await checkBackend(deps, actor, wrong.id)).toMatchObject({ ok: false, error: 'auth_failed' });

    const { jobId } = await createJob(deps, actor, { kind: 'import', backendId: good.id, spec: { name: 'over ssh', command: { script: 'echo "hello from $(whoami)"; sleep 0.5; echo bye' } } });
    const t0 = Date.now();
    let state = 'queued';
    while (!['succeeded', 'failed', 'cancelled'].includes(state)) {
      if (Date.now() - t0 > 40_000) throw new Error(`timed out in ${state}`);
      for (const m of sent.splice(0)) if (m.name === SUBMIT_JOB) await submitJob(deps, m.data.jobId!);
      await reconcileJobs(deps);
      state = (await t.db.job.findUniqueOrThrow({ where: { id: jobId } })).state;
      await new Promise((r) => setTimeout(r, 200));
    }
    const job = await t.db.job.findUniqueOrThrow({ where: { id: jobId } });
    expect(job.state, job.error ?? '').toBe('succeeded');
    expect((job.handle as { backend: { kind: string } }).backend.kind).toBe('ssh');
    const log = (await readJobLog(deps, actor, jobId)).text;
    expect(log).toContain(`hello from ${sshd.username}`);
    expect(log).toContain('bye');
  }, 90_000);
});
