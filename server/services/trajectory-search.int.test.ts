// Browser search, sort and facets against a real Postgres: a word that appears only in an
// observation (a tool output message) is found once the trajectory is imported; every term must
// match; rows inserted without searchText still match on PR text (the migration's trigger);
// sorting by steps/cost; facets are distinct, org-scoped values.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFsBlobStore } from '../engine/storage/fs-blob-store';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { listTrajectoriesQuery } from '@/lib/schemas/trajectories';
import { countTrajectories, listTrajectoryPage, trajectoryFacets } from './trajectories';
import { importTrajectories } from './trajectory-import';
import { seraRowLine } from '../engine/dataset/import/sera-row-fixture';

async function* once(text: string) {
  yield text;
}

const seraRow = (id: string, pr: string, observation: string) => seraRowLine(id, pr, { observation });

describe('trajectory search, sort and facets (real Postgres)', () => {
  let t: TestDatabase;
  const dir = mkdtempSync(path.join(tmpdir(), 'specialist-search-'));
  const a = { orgId: '', userId: 'u1', role: 'engineer' as const };
  const b = { orgId: '', userId: 'u2', role: 'engineer' as const };
  const list = (actor: typeof a, q: object) => listTrajectoryPage({ db: t.db }, actor, listTrajectoriesQuery.parse(q));

  beforeAll(async () => {
    t = await createTestDatabase();
    a.orgId = (await t.db.organization.create({ data: { name: 'A', slug: `a-${Date.now()}` } })).id;
    b.orgId = (await t.db.organization.create({ data: { name: 'B', slug: `b-${Date.now()}` } })).id;
    const file = [seraRow('calc_1', 'Fix the parser', 'zanzibarite.py'), seraRow('calc_2', 'Make sum handle empty lists', 'setup.py')].join('\n') + '\n';
    const deps = { db: t.db, blobs: createFsBlobStore(path.join(dir, 'blobs')) };
    expect((await importTrajectories(deps, a, once(file))).imported).toBe(2);
    expect((await importTrajectories(deps, b, once(seraRow('other_1', 'Secret', 'zanzibarite.py') + '\n'))).imported).toBe(1);
    // inserted without searchText, as older code or raw SQL would: PR text is still searchable
    await t.db.trajectory.createMany({
      data: [
        { orgId: a.orgId, contentHash: 'r1', instanceId: 'raw_1', stage: 'T2', blobKey: 'k', prText: 'Tokenizer overflow', steps: 9, costUsd: 0.5, changeType: 'bugfix', exitStatus: 'submitted', labels: ['good'] },
        { orgId: a.orgId, contentHash: 'r2', instanceId: 'raw_2', stage: 'T1', blobKey: 'k', prText: 'Refactor', steps: 1, costUsd: 0.1, changeType: 'refactor', exitStatus: 'submitted', labels: ['good', 'long'] },
        { orgId: b.orgId, contentHash: 'r3', instanceId: 'raw_3', stage: 'T1', blobKey: 'k', changeType: 'secret-type', labels: ['secret'] },
      ],
    });
  });
  afterAll(async () => {
    await t?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds a word that appears only in an observation message, within the org', async () => {
    const r = await list(a, { filter: { q: 'ZANZIBARITE' } });
    expect(r.rows.map((x) => x.instanceId)).toEqual(['calc_1']);
    expect((await countTrajectories({ db: t.db }, a, { filter: { q: 'ZANZIBARITE' } })).total).toBe(1);
  });

  it('requires every term, and falls back to PR text / instance id for rows without searchText', async () => {
    expect((await list(a, { filter: { q: 'parser zanzibarite' } })).rows.map((x) => x.instanceId)).toEqual(['calc_1']);
    expect((await list(a, { filter: { q: 'parser setup.py' } })).rows).toEqual([]);
    expect((await countTrajectories({ db: t.db }, a, { filter: { q: 'parser setup.py' } })).total).toBe(0);
    expect((await list(a, { filter: { q: 'overflow' } })).rows.map((x) => x.instanceId)).toEqual(['raw_1']);
    expect((await list(a, { filter: { q: 'raw_2' } })).rows.map((x) => x.instanceId)).toEqual(['raw_2']);
  });

  it('sorts by steps and cost with nulls last', async () => {
    const bySteps = (await list(a, { sort: 'steps', dir: 'desc' })).rows.map((x) => x.instanceId);
    expect(bySteps[0]).toBe('raw_1');
    expect(bySteps).toHaveLength(4);
    const byCost = (await list(a, { sort: 'costUsd', dir: 'asc' })).rows.map((x) => x.instanceId);
    expect(byCost.slice(0, 2)).toEqual(['raw_2', 'raw_1']);
  });

  it('offers distinct, org-scoped facet values', async () => {
    const f = await trajectoryFacets({ db: t.db }, a);
    expect(f.changeTypes).toEqual(['bugfix', 'refactor']);
    expect(f.exitStatuses).toContain('submitted');
    expect(f.labels).toEqual(['good', 'long']);
    expect(f.repos).toEqual([]);
  });
});
