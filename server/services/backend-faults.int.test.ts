// Backends the server cannot or must not reach: an SSH host on a closed 127.0.0.1 port (the job
// is marked with the reason on every attempt and retried), hosts pointing at cloud metadata or
// link-local addresses (refused when saved), and the audit trail of backend secrets and jobs.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { checkBackend, deleteBackend, listBackends, saveBackend } from './backends';
import { cancelJob, createJob, getJob, readJobLog, reconcileJobs, retryJob, submitJob, SUBMIT_JOB, type JobsDeps } from './jobs';
import { closedPort } from '../testing/closed-port';

describe('unreachable and forbidden backends (real Postgres, real TCP on 127.0.0.1)', () => {
  let t: TestDatabase;
  let deps: JobsDeps;
  const sent: { name: string; data: { jobId?: string } }[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'specialist-backend-faults-'));
  let actor: { orgId: string; userId: string; role: 'owner' };
  let privateKey: string;
  const resolve = async (h: string) => (h === 'metadata-alias.example.test' ? ['169.254.169.254'] : h === 'box.example.test' ? ['10.1.2.3'] : []);

  beforeAll(async () => {
    t = await createTestDatabase();
    // loopback allowed as on a single-machine install; private ranges only where allowed below
    deps = { db: t.db, dataDir: dir, secretKey: randomBytes(32), publicUrl: 'http://127.0.0.1:9', send: async (name, data) => void sent.push({ name, data }), outbound: { allowLoopback: true, resolve } };
    const org = await t.db.organization.create({ data: { name: 'B', slug: `b-${Date.now()}` } });
    const user = await t.db.user.create({ data: { email: `owner-${Date.now()}@example.test`, name: 'Owner' } });
    actor = { orgId: org.id, userId: user.id, role: 'owner' };
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'test', '-f', path.join(dir, 'id')]);
    privateKey = readFileSync(path.join(dir, 'id'), 'utf8');
  });
  afterAll(async () => {
    await t?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a job on an SSH host with a closed port fails each attempt with the reason, is retried, and shows why', async () => {
    const port = await closedPort();
    const b = await saveBackend(deps, actor, { name: 'closed', kind: 'ssh', config: { workRoot: '/tmp/x', ssh: { host: '127.0.0.1', port, username: 'x', privateKey, strictHostKeyChecking: false, readyTimeoutMs: 3_000 } } });
    expect(await checkBackend(deps, actor, b.id)).toMatchObject({ ok: false, error: 'host_unreachable' });

    const { jobId } = await createJob(deps, actor, { kind: 'import', backendId: b.id, maxAttempts: 3, spec: { name: 'never runs', command: { script: 'echo hi' } } });
    // drive the queue as the worker would: every SUBMIT_JOB message is one delivery
    for (let i = 0; i < 10 && sent.some((m) => m.name === SUBMIT_JOB); i++) for (const m of sent.splice(0)) if (m.name === SUBMIT_JOB) await submitJob(deps, m.data.jobId!);

    const job = await getJob(deps, actor, jobId);
    expect(job.state).toBe('failed');
    expect(job.attempts).toBe(3);
    expect(job.error).toMatch(/ECONNREFUSED|refused|unreachable/i);
    expect(job.error).toContain(String(port));
    const log = (await readJobLog(deps, actor, jobId)).text;
    for (const a of [1, 2, 3]) expect(log).toMatch(new RegExp(`# attempt ${a} failed: .*(ECONNREFUSED|refused|unreachable)`, 'i'));

    // a user may retry once more; it is audited, and fails again for the same reason
    await retryJob(deps, actor, jobId);
    for (const m of sent.splice(0)) if (m.name === SUBMIT_JOB) await submitJob(deps, m.data.jobId!);
    const again = await getJob(deps, actor, jobId);
    expect(again).toMatchObject({ state: 'failed', attempts: 4 });
    expect(again.error).toMatch(/ECONNREFUSED|refused|unreachable/i);
    const actions = (await t.db.auditLog.findMany({ where: { orgId: actor.orgId, targetId: jobId } })).map((a) => a.action);
    expect(actions).toContain('job.retry');
  }, 60_000);

  it('refuses backend hosts at cloud metadata, link-local or unallowed private addresses', async () => {
    const ssh = (host: string) => ({ workRoot: '/tmp/x', ssh: { host, username: 'x', privateKey } });
    const refused = async (config: Record<string, unknown>, re: RegExp, kind: 'ssh' | 'slurm' | 'kubernetes' = 'ssh') => {
      const e = await saveBackend(deps, actor, { name: `bad-${randomBytes(3).toString('hex')}`, kind, config }).catch((x) => x);
      expect(e, config.ssh ? (config.ssh as { host: string }).host : 'kubeconfig').toMatchObject({ code: 'INVALID' });
      expect((e as Error).message).toMatch(re);
    };
    await refused(ssh('169.254.169.254'), /metadata/i);
    await refused(ssh('metadata.google.internal'), /metadata/i);
    await refused(ssh('metadata-alias.example.test'), /metadata/i); // through DNS
    await refused(ssh('169.254.10.20'), /link-local/i);
    await refused(ssh('fe80::1'), /link-local/i);
    await refused(ssh('10.1.2.3'), /private network range/i);
    await refused(ssh('box.example.test'), /private network range/i);
    await refused({ workRoot: '/tmp/x', ssh: { host: '169.254.169.254', username: 'x', privateKey } }, /metadata/i, 'slurm');
    const kubeconfig = (server: string) => `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: ${server}\ncontexts: []\nusers: []\n`;
    await refused({ namespace: 'x', kubeconfigYaml: kubeconfig('https://169.254.169.254:6443') }, /metadata/i, 'kubernetes');
    expect(await t.db.backend.count({ where: { orgId: actor.orgId, name: { startsWith: 'bad-' } } })).toBe(0);

    // an admin-allowed private range (SPECIALIST_PRIVATE_RANGES_ALLOWED) is accepted; metadata never is
    const allowed = { ...deps, outbound: { allowLoopback: false, allowedPrivateRanges: ['10.0.0.0/8', '169.254.0.0/16'], resolve } };
    await expect(saveBackend(allowed, actor, { name: 'onprem', kind: 'ssh', config: ssh('box.example.test') })).resolves.toMatchObject({ name: 'onprem' });
    await expect(saveBackend(allowed, actor, { name: 'meta', kind: 'ssh', config: ssh('169.254.169.254') })).rejects.toThrow(/metadata/i);
  });

  it('backend secret changes, deletes and job cancels are audited, without secret values', async () => {
    const b = await saveBackend(deps, actor, { name: 'audited', kind: 'ssh', config: { workRoot: '/tmp/x', ssh: { host: '127.0.0.1', username: 'x', privateKey, password: 'hunter2-pw' } } });
    // edit without re-entering secrets: kept, and no secret change recorded
    await saveBackend(deps, actor, { id: b.id, name: 'audited', kind: 'ssh', config: { workRoot: '/tmp/y', ssh: { host: '127.0.0.1', username: 'x', privateKey: '', password: '' } } });
    await saveBackend(deps, actor, { id: b.id, name: 'audited', kind: 'ssh', config: { workRoot: '/tmp/y', ssh: { host: '127.0.0.1', username: 'x', password: 'new-pw-77' } } });
    const listed = JSON.stringify(await listBackends(deps, actor));
    for (const s of ['hunter2-pw', 'new-pw-77', 'PRIVATE KEY']) expect(listed).not.toContain(s);

    const { jobId } = await createJob(deps, actor, { kind: 'import', spec: { name: 'to cancel', command: { script: 'sleep 30' } } });
    await cancelJob(deps, actor, jobId);
    await deleteBackend(deps, actor, b.id);

    const entries = await t.db.auditLog.findMany({ where: { orgId: actor.orgId }, orderBy: { createdAt: 'asc' } });
    const mine = entries.filter((e) => e.targetId === b.id).map((e) => [e.action, (e.details as { fields?: string[] } | null)?.fields ?? null]);
    expect(mine).toEqual([
      ['backend.create', null],
      ['secret.set', ['ssh.privateKey', 'ssh.password']],
      ['backend.update', null],
      ['backend.update', null],
      ['secret.set', ['ssh.password']],
      ['backend.delete', null],
    ]);
    expect(entries.find((e) => e.targetId === jobId)).toMatchObject({ action: 'job.cancel', actorId: actor.userId });
    const all = JSON.stringify(entries);
    for (const s of ['hunter2-pw', 'new-pw-77', 'PRIVATE KEY']) expect(all).not.toContain(s);
  });

  it('job logs never show the job’s secrets or its backend’s credentials, even when the job prints them', async () => {
    const token = `hf_${randomBytes(12).toString('hex')}`;
    const { jobId } = await createJob(deps, actor, {
      kind: 'import',
      spec: { name: 'leaky', secrets: { HF_TOKEN: token }, command: { script: 'echo "token is $HF_TOKEN"; env | grep HF_TOKEN; echo "len=${#HF_TOKEN}"' } },
    });
    const t0 = Date.now();
    let state = 'queued';
    while (!['succeeded', 'failed', 'cancelled'].includes(state)) {
      if (Date.now() - t0 > 30_000) throw new Error(`timed out in ${state}`);
      for (const m of sent.splice(0)) if (m.name === SUBMIT_JOB) await submitJob(deps, m.data.jobId!);
      await reconcileJobs(deps);
      state = (await t.db.job.findUniqueOrThrow({ where: { id: jobId } })).state;
      await new Promise((r) => setTimeout(r, 150));
    }
    expect(state).toBe('succeeded');
    const log = (await readJobLog(deps, actor, jobId)).text;
    expect(log).toContain('len=27'); // the job really had the secret
    expect(log).toContain('token is [redacted]');
    expect(log).toContain('HF_TOKEN=[redacted]');
    expect(log).not.toContain(token);
    expect(JSON.stringify(await getJob(deps, actor, jobId))).not.toContain(token);
  });
});
