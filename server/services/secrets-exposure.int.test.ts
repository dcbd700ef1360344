// Stored secrets (a repository token, a teacher API key, a backend password, a job secret) go
// in through the same services the tRPC routers call, then we look everywhere they could leak: every table of the
// database (at rest: only ciphertext), the API responses, the audit log, the dataset export,
// job logs and everything the process wrote to stdout/stderr (the JSON logger).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeSeraRow } from '../engine/dataset/import';
import { createFsBlobStore } from '../engine/storage/fs-blob-store';
import { startScriptedTeacher, type ScriptedTeacher } from '../engine/agent';
import { resetEnvForTests } from '../env';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { createPythonFixtureRepo } from '../testing/fixtures/python-repo';
import { startTestGitHttpServer, type TestGitServer } from '../testing/git-http-server';
import { listAudit } from './audit';
import { listBackends, saveBackend } from './backends';
import { createDatasetVersion } from './datasets';
import { createDatasetVersionInput } from '@/lib/schemas/datasets';
import { createJob, getJob, listJobs, readJobLog, reconcileJobs, submitJob, SUBMIT_JOB, type JobsDeps } from './jobs';
import { checkTeacher, connectRepository, getRepository, listRepositories } from './repos';
import { exportDatasetVersionJsonl } from './training-export';

const SECRETS = {
  repoToken: `ghp_${randomBytes(16).toString('hex')}`,
  teacherKey: `sk-${randomBytes(16).toString('hex')}`,
  backendPassword: `pw-${randomBytes(12).toString('hex')}`,
  jobSecret: `hf_${randomBytes(12).toString('hex')}`,
};
const leaks = (text: string) => Object.entries(SECRETS).filter(([, v]) => text.includes(v)).map(([k]) => k);

describe('stored secrets never leak (real Postgres, real services, real git over HTTP)', () => {
  let t: TestDatabase;
  let git: TestGitServer;
  let teacher: ScriptedTeacher;
  const root = mkdtempSync(path.join(tmpdir(), 'specialist-secrets-'));
  const dataDir = path.join(root, 'data');
  const written: string[] = [];
  const saved = { key: process.env.SPECIALIST_SECRET_KEY, dir: process.env.SPECIALIST_DATA_DIR };
  let actor: { orgId: string; userId: string; role: 'owner' };
  let orgId: string;

  beforeAll(async () => {
    process.env.SPECIALIST_SECRET_KEY = randomBytes(32).toString('base64');
    process.env.SPECIALIST_DATA_DIR = dataDir;
    resetEnvForTests();
    // everything the logger (or anyone) writes from here on is captured and checked
    for (const stream of [process.stdout, process.stderr]) {
      const orig = stream.write.bind(stream);
      vi.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
        written.push(String(chunk));
        return (orig as (...a: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write);
    }
    t = await createTestDatabase();
    const user = await t.db.user.create({ data: { email: `o-${Date.now()}@example.test`, name: 'Owner' } });
    orgId = (await t.db.organization.create({ data: { name: 'S', slug: `s-${Date.now()}` } })).id;
    await t.db.membership.create({ data: { orgId, userId: user.id, role: 'owner' } });
    actor = { orgId, userId: user.id, role: 'owner' };
    const work = await createPythonFixtureRepo(path.join(root, 'work'));
    execFileSync('git', ['clone', '-q', '--bare', work.dir, path.join(root, 'srv', 'calckit.git')]);
    git = await startTestGitHttpServer(path.join(root, 'srv'), SECRETS.repoToken);
    teacher = await startScriptedTeacher({ apiKey: SECRETS.teacherKey });
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await git?.stop();
    await teacher?.close();
    await t?.drop();
    process.env.SPECIALIST_SECRET_KEY = saved.key;
    process.env.SPECIALIST_DATA_DIR = saved.dir;
    if (saved.key === undefined) delete process.env.SPECIALIST_SECRET_KEY;
    if (saved.dir === undefined) delete process.env.SPECIALIST_DATA_DIR;
    resetEnvForTests();
    rmSync(root, { recursive: true, force: true });
  });

  it('are encrypted at rest and absent from API responses, audit, exports, job logs and process output', async () => {
    const deps = { db: t.db };
    const responses: unknown[] = [];
    const keep = <T>(r: T) => (responses.push(r), r);

    // secrets go in the way users put them in
    const repo = keep(await connectRepository(deps, actor, { name: 'calckit', url: `${git.url}/calckit.git`, authKind: 'token', token: SECRETS.repoToken }));
    const repoId = (repo as { id: string }).id;
    keep(await checkTeacher(deps, actor, { repoId, preset: 'openai-compatible', baseUrl: teacher.url, model: teacher.model, apiKey: SECRETS.teacherKey, hosting: 'api' }, { save: true }));
    keep(await saveBackend(deps, actor, { name: 'box', kind: 'ssh', config: { workRoot: '/tmp/x', ssh: { host: '127.0.0.1', port: 1, username: 'x', password: SECRETS.backendPassword, strictHostKeyChecking: false } } }));
    // a wrong token is refused with a message that does not echo the token back
    const wrong = await connectRepository(deps, actor, { name: 'calckit2', url: `${git.url}/calckit.git`, authKind: 'token', token: `${SECRETS.repoToken}x` }).catch((e) => e);
    expect(String(wrong?.message)).toMatch(/Authentication failed/);
    expect(String(wrong?.message)).not.toContain(SECRETS.repoToken);

    // a job with its own secret, which it prints
    const sent: { name: string; data: { jobId?: string } }[] = [];
    const jobsDeps: JobsDeps = { db: t.db, dataDir, publicUrl: 'http://127.0.0.1:9', send: async (name, data) => void sent.push({ name, data }) };
    // what the worker does: submit what was queued, reconcile, until the job succeeds; returns
    // how many rounds saw it running
    const runToSuccess = async (id: string) => {
      let roundsWhileRunning = 0;
      for (let i = 0; i < 200; i++) {
        for (const m of sent.splice(0)) if (m.name === SUBMIT_JOB) await submitJob(jobsDeps, m.data.jobId!);
        await reconcileJobs(jobsDeps);
        const state = (await t.db.job.findUniqueOrThrow({ where: { id } })).state;
        if (state === 'succeeded') break;
        if (state === 'running') roundsWhileRunning++;
        await new Promise((r) => setTimeout(r, 150));
      }
      return roundsWhileRunning;
    };
    const { jobId } = await createJob(jobsDeps, { orgId }, { kind: 'import', spec: { name: 'leaky', secrets: { HF_TOKEN: SECRETS.jobSecret }, command: { script: 'echo "$HF_TOKEN"; env' } } });
    await runToSuccess(jobId);
    const log = (await readJobLog(jobsDeps, { orgId }, jobId)).text;
    expect(log).toContain('[redacted]');
    expect(leaks(log)).toEqual([]);

    // a secret written in two halves, with reconcile rounds in between, is redacted whole
    // (copying the first half on its own would store the secret in two pieces)
    const split = await createJob(jobsDeps, { orgId }, {
      kind: 'import',
      spec: { name: 'slow-leak', secrets: { HF_TOKEN: SECRETS.jobSecret }, command: { script: 'printf "token=%s" "${HF_TOKEN:0:10}"; sleep 4; printf "%s done\\n" "${HF_TOKEN:10}"' } },
    });
    const roundsWhileRunning = await runToSuccess(split.jobId);
    // the reconciler really read the log while only the first half was in it (4 s of the job)
    expect(roundsWhileRunning).toBeGreaterThanOrEqual(2);
    const splitLog = (await readJobLog(jobsDeps, { orgId }, split.jobId)).text;
    expect(splitLog).toContain('token=[redacted] done');
    expect(leaks(splitLog)).toEqual([]);
    expect(splitLog).not.toContain(SECRETS.jobSecret.slice(0, 10));

    // trajectories, a dataset version and its export
    // generated-shaped bodies (what the export reads), one per trajectory row
    const blobs = createFsBlobStore(path.join(dataDir, 'blobs'));
    for (const i of [1, 2, 3]) {
      const row = makeSeraRow(i);
      const { key } = await blobs.put(JSON.stringify({ record: {}, trajectory: { row, rowError: null }, stage: 'T2' }));
      await t.db.trajectory.create({ data: { orgId, repositoryId: repoId, contentHash: `h${i}`, instanceId: String(row.instance_id), stage: 'T2', recall: 1, blobKey: key } });
    }
    const version = keep(await createDatasetVersion(deps, actor, createDatasetVersionInput.parse({ name: 'all' }))) as { id: string };
    const out = path.join(root, 'export.jsonl');
    await exportDatasetVersionJsonl({ db: t.db, dataDir }, version.id, out);
    const exported = readFileSync(out, 'utf8');
    expect(exported.split('\n').filter(Boolean)).toHaveLength(3);
    expect(leaks(exported)).toEqual([]);

    // what the UI reads back
    keep(await listRepositories(deps, actor));
    keep(await getRepository(deps, actor, repoId));
    keep(await listBackends(deps, actor));
    keep(await listJobs(deps, actor));
    keep(await getJob(deps, actor, jobId));
    keep(await listAudit(t.db, orgId));
    const api$ = JSON.stringify(responses);
    expect(api$).toContain('hasTeacherKey');
    expect(leaks(api$)).toEqual([]);
    const actions = (await t.db.auditLog.findMany({ where: { orgId } })).map((a) => a.action);
    expect(actions.filter((a) => a === 'secret.set')).toHaveLength(3); // repo token, teacher key, backend password

    // at rest: no table holds any secret in clear
    const c = new pg.Client({ connectionString: t.url });
    await c.connect();
    const tables = (await c.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).rows.map((r) => r.tablename as string);
    expect(tables.length).toBeGreaterThan(10);
    let dump = '';
    for (const name of tables) dump += JSON.stringify((await c.query(`SELECT row_to_json(x) AS r FROM "${name}" x`)).rows);
    await c.end();
    expect(dump.length).toBeGreaterThan(1000);
    expect(leaks(dump)).toEqual([]);

    // nothing the process printed (logs of every layer above) carries a secret
    expect(leaks(written.join(''))).toEqual([]);
  }, 90_000);
});
