// The SQL form of the browser filter (used by the one-scan histogram) must select exactly the rows
// the Prisma form selects, field by field and combined, and stay inside the organization.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { trajectoryFilterSql } from './trajectory-filter-sql';
import { trajectoryWhere } from './trajectories';
import type { TrajectoryFilter } from '@/lib/schemas/trajectories';

describe('trajectoryFilterSql matches trajectoryWhere (real Postgres)', () => {
  let t: TestDatabase;
  let orgId = '';
  let repoId = '';
  let jobId = '';

  beforeAll(async () => {
    t = await createTestDatabase();
    orgId = (await t.db.organization.create({ data: { name: 'A', slug: 'a' } })).id;
    const other = (await t.db.organization.create({ data: { name: 'B', slug: 'b' } })).id;
    repoId = (await t.db.repository.create({ data: { orgId, name: 'calc', source: 'local', url: '/tmp/calc' } })).id;
    jobId = (await t.db.job.create({ data: { orgId, kind: 'import' } })).id;
    const rows = Array.from({ length: 60 }, (_, i) => ({
      orgId: i < 55 ? orgId : other,
      contentHash: `h${i}`,
      instanceId: `calc_${i}`,
      stage: (i % 2 ? 'T2' : 'T1') as 'T1' | 'T2',
      blobKey: 'k',
      repositoryId: i % 3 === 0 && i < 55 ? repoId : null,
      jobId: i % 5 === 0 && i < 55 ? jobId : null,
      recall: i % 7 === 0 ? null : (i % 11) / 10,
      verification: (['hard', 'soft', 'unverified'] as const)[i % 3],
      changeType: i % 4 === 0 ? 'add_feature' : 'fix_bug',
      seedFunction: i % 6 === 0 ? `parse_100%_${i}` : `sum_${i}`,
      seedFile: i % 2 ? 'calc/parse.py' : 'calc/ops.py',
      patchLines: i % 9 === 0 ? null : i * 2,
      maxToolOutputTokens: i * 20,
      totalTokens: 1000 + i * 100,
      truncationRatio: i % 8 === 0 ? null : (i % 10) / 10,
      exitStatus: i % 3 ? 'submitted' : 'exit_cost',
      labels: i % 4 === 1 ? ['long', 'x'] : i % 4 === 2 ? ['x'] : [],
      included: i % 5 !== 1,
      searchText: `calc_${i} ${i % 2 ? 'Fix the Parser overflow' : 'Add sum over lists'} step_${i}`,
    }));
    await t.db.trajectory.createMany({ data: rows });
  });
  afterAll(async () => void (await t?.drop()));

  const viaSql = async (f: TrajectoryFilter) => {
    const r = await t.db.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Trajectory" WHERE ${trajectoryFilterSql(orgId, f)} ORDER BY "id"`;
    return r.map((x) => x.id);
  };
  const viaPrisma = async (f: TrajectoryFilter) => (await t.db.trajectory.findMany({ where: trajectoryWhere(orgId, f), select: { id: true }, orderBy: { id: 'asc' } })).map((x) => x.id);

  it('selects the same rows for every field and for combinations', async () => {
    const filters: TrajectoryFilter[] = [
      {},
      { repoId: '' }, // empty means "no filter", as in the Prisma form
      { stage: 'T2' },
      { minRecall: 0.3 },
      { maxRecall: 0.5 },
      { minRecall: 0.2, maxRecall: 0.8 },
      { verification: 'soft' },
      { changeType: 'add_feature' },
      { fn: 'PARSE' },
      { fn: '100%' }, // a literal %, not a wildcard
      { fn: '_1' },
      { file: 'ops' },
      { minPatchLines: 20, maxPatchLines: 60 },
      { minToolOutputTokens: 300 },
      { maxToolOutputTokens: 600 },
      { minTotalTokens: 2000, maxTotalTokens: 5000 },
      { maxTruncationRatio: 0.4 },
      { exitStatus: 'exit_cost' },
      { label: 'long' },
      { label: 'x' },
      { included: false },
      { included: true },
      { q: 'parser' },
      { q: 'overflow PARSER' },
      { q: 'step_1' },
      { stage: 'T2', minRecall: 0.5, label: 'x', included: true, q: 'fix' },
    ];
    for (const f of [...filters, { repoId }, { jobId }]) {
      const [a, b] = await Promise.all([viaSql(f), viaPrisma(f)]);
      expect({ f, ids: a }).toEqual({ f, ids: b });
    }
    // the cases are not vacuous: they cut the organization's 55 rows in different ways
    const sizes = new Set(await Promise.all(filters.map(async (f) => (await viaSql(f)).length)));
    expect(sizes.size).toBeGreaterThan(10);
    expect((await viaSql({})).length).toBe(55);
    // "_1" is literal: sum_1, sum_1x and every parse_100%_n (through "_100"), not "any char + 1"
    expect(await viaSql({ fn: '_1' })).toHaveLength(19);
  });
});
