import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetEnvForTests } from '../env';
import { createFsBlobStore } from '../engine/storage/fs-blob-store';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { contamination, curves, importResults, importTaskSet } from './evals';

const inst = (id: string, patch = '') => ({
  instance_id: id,
  base_commit: 'a'.repeat(40),
  problem_statement: 'p',
  patch,
  test_patch: '+t\n',
  FAIL_TO_PASS: JSON.stringify([`tests/t.py::${id}`]),
  PASS_TO_PASS: [],
});

describe('evaluation services (real Postgres)', () => {
  let t: TestDatabase;
  let actor: { userId: string; orgId: string; role: 'owner' };
  let repoId: string;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'evals-int-'));
  beforeAll(async () => {
    process.env.SPECIALIST_DATA_DIR = dataDir;
    resetEnvForTests();
    t = await createTestDatabase();
    const org = await t.db.organization.create({ data: { name: 'O', slug: 'o' } });
    const user = await t.db.user.create({ data: { email: 'o@o.test' } });
    actor = { userId: user.id, orgId: org.id, role: 'owner' };
    repoId = (await t.db.repository.create({ data: { orgId: org.id, name: 'r', source: 'local', url: '/x' } })).id;
  });
  afterAll(() => t?.drop());

  it('imports all or nothing, with line numbers', async () => {
    const bad = [JSON.stringify(inst('a')), '{oops', JSON.stringify({ instance_id: 'b' })].join('\n');
    await expect(importTaskSet({ db: t.db }, actor, { name: 'x', repoId, content: bad })).rejects.toThrow(/line 2: not valid JSON.*line 3/);
    expect(await t.db.evalTaskSet.count()).toBe(0);
    const ok = await importTaskSet({ db: t.db }, actor, { name: 'x', repoId, content: JSON.stringify([inst('a', '-x = 1\n+x = 2\n'), inst('b')]) });
    expect(ok.count).toBe(2);
  });

  it('baselines and series aggregate over seeds; results files in several formats', async () => {
    const ts = (await t.db.evalTaskSet.findFirstOrThrow()).id;
    await importResults({ db: t.db }, actor, { taskSetId: ts, modelName: 'teacher', seed: 0, isBaseline: true, content: JSON.stringify({ resolved_ids: ['a', 'b'] }) });
    await importResults({ db: t.db }, actor, { taskSetId: ts, modelName: 's', trainingSamples: 100, seed: 0, isBaseline: false, content: JSON.stringify({ resolved: ['a'], unresolved: ['b'] }) });
    await importResults({ db: t.db }, actor, { taskSetId: ts, modelName: 's', trainingSamples: 100, seed: 1, isBaseline: false, content: JSON.stringify({ a: { resolved: false }, b: { resolved: false } }) });
    await expect(importResults({ db: t.db }, actor, { taskSetId: ts, modelName: 'z', seed: 0, isBaseline: true, content: JSON.stringify({ resolved_ids: ['nope'] }) })).rejects.toThrow(/None of the instance ids/);
    const c = await curves({ db: t.db }, actor, ts);
    expect(c.baselines).toEqual([{ name: 'teacher', mean: 100, std: 0, seeds: 1 }]);
    expect(c.series[0].points).toEqual([{ samples: 100, mean: 25, std: expect.closeTo(35.36, 1), seeds: 2 }]);
    expect(c.series[0].snr?.badge).toBe('too-few-seeds');
  });

  it('flags training trajectories that reproduce a gold patch', async () => {
    const ts = (await t.db.evalTaskSet.findFirstOrThrow()).id;
    const blobs = createFsBlobStore(path.join(dataDir, 'blobs'));
    const leak = await blobs.put(JSON.stringify({ trajectory: { patch: '--- a/m.py\n+++ b/m.py\n-x = 1\n+x = 2\n' } }));
    const clean = await blobs.put(JSON.stringify({ trajectory: { patch: '+unrelated = True\n' } }));
    for (const [h, key] of [['h1', leak.key], ['h2', clean.key]])
      await t.db.trajectory.create({ data: { orgId: actor.orgId, repositoryId: repoId, contentHash: h, instanceId: h, stage: 'T1', blobKey: key } });
    const r = await contamination({ db: t.db }, actor, ts);
    expect(r.checkedTrajectories).toBe(2);
    expect(r.flagged).toEqual([expect.objectContaining({ instanceId: 'a', overlap: 1 })]);
  });
});
