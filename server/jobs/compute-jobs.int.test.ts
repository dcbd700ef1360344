// The real worker (pg-boss on real Postgres) runs jobs.submit and jobs.reconcile against
// the real local backend; the worker is stopped mid-run and a new one finishes the job.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resetEnvForTests } from '../env';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { createJob, readJobLog } from '../services/jobs';
import { stopQueue } from './queue';
import { reconcileJobDefinition } from './reconcile.job';
import { submitJobDefinition } from './submit.job';
import { startWorker } from './worker';
import type { JobDefinition } from './define';

const dataDir = mkdtempSync(path.join(tmpdir(), 'specialist-compute-jobs-'));
const defs = [submitJobDefinition, reconcileJobDefinition] as JobDefinition[];

async function waitForState(t: TestDatabase, id: string, states: string[], ms = 40_000) {
  const t0 = Date.now();
  for (;;) {
    const j = await t.db.job.findUniqueOrThrow({ where: { id } });
    if (states.includes(j.state)) return j;
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${states.join('/')}, job is ${j.state}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('compute jobs through the real worker (pg-boss, Postgres, local backend)', () => {
  let t: TestDatabase;
  afterAll(async () => {
    await stopQueue().catch(() => {});
    await t?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a job keeps running while no worker is up and is finished, exactly once, by the next worker', async () => {
    t = await createTestDatabase();
    // the worker's handlers read their database and data dir from the environment
    process.env.DATABASE_URL = t.url;
    process.env.SPECIALIST_DATA_DIR = dataDir;
    process.env.SPECIALIST_SECRET_KEY = randomBytes(32).toString('base64');
    resetEnvForTests();
    const org = await t.db.organization.create({ data: { name: 'W', slug: `w-${Date.now()}` } });
    const deps = { db: t.db };

    const w1 = await startWorker(t.url, defs);
    const { jobId } = await createJob(deps, { orgId: org.id }, { kind: 'import', spec: { name: 'restart', command: { script: 'echo one; sleep 4; echo two' } } });
    await waitForState(t, jobId, ['running']);
    await w1.stop();

    // nobody is watching: the process goes on at the backend, the row stays running
    await new Promise((r) => setTimeout(r, 1500));
    expect((await t.db.job.findUniqueOrThrow({ where: { id: jobId } })).state).toBe('running');

    const w2 = await startWorker(t.url, defs);
    try {
      const done = await waitForState(t, jobId, ['succeeded', 'failed', 'cancelled']);
      expect(done.state).toBe('succeeded');
      expect(done.attempts).toBe(1);
      const readLog = async () => (await readJobLog({ ...deps, dataDir }, { orgId: org.id }, jobId)).text;
      // the "# succeeded" line is appended just after the state change: wait for it, then count
      await expect.poll(async () => (await readLog()).match(/# succeeded/g)?.length ?? 0, { timeout: 10_000 }).toBeGreaterThan(0);
      const log = await readLog();
      expect(log.match(/^one$/gm)).toHaveLength(1);
      expect(log.match(/^two$/gm)).toHaveLength(1);
      expect(log.match(/# succeeded/g)).toHaveLength(1);
      expect(log.match(/submitting/g)).toHaveLength(1);
    } finally {
      await w2.stop();
    }
  }, 90_000);
});
