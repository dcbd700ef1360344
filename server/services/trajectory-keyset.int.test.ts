// Keyset paging of the browser list against a real Postgres: walking every page by cursor returns
// each matching row exactly once, in the order of one big `ORDER BY column dir NULLS LAST, id dir`,
// for every sortable column in both directions, with NULLs, many ties and awkward floats present;
// and a cursor that is not one (or is for another sort) is a clear INVALID error (BAD_REQUEST over
// the API: server/api/trajectory-list-api.int.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '../generated/prisma/client';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { listTrajectoryPage } from './trajectories';
import { trajectoryFilterSql } from './trajectory-filter-sql';
import { listTrajectoriesQuery, trajectorySortColumns, type TrajectoryFilter } from '@/lib/schemas/trajectories';

describe('keyset paging of the trajectory list (real Postgres)', () => {
  let t: TestDatabase;
  const a = { orgId: '', userId: 'u1', role: 'engineer' as const };
  const base = Date.UTC(2026, 10, 30, 12, 0, 0, 0);

  beforeAll(async () => {
    t = await createTestDatabase();
    a.orgId = (await t.db.organization.create({ data: { name: 'A', slug: 'a' } })).id;
    const other = (await t.db.organization.create({ data: { name: 'B', slug: 'b' } })).id;
    // few distinct values per column (many ties), a NULL share, floats that do not print short
    const floats = [null, 0, 0.1 + 0.2, 1 / 3, 1];
    await t.db.trajectory.createMany({
      data: Array.from({ length: 90 }, (_, i) => ({
        orgId: i < 83 ? a.orgId : other,
        contentHash: `h${i}`,
        instanceId: `calc_${i}`,
        stage: (i % 3 ? 'T2' : 'T1') as 'T1' | 'T2',
        blobKey: 'k',
        createdAt: new Date(base + (i % 9) * 1001 + (i % 2)), // 18 distinct times, ms precision
        recall: floats[i % 5],
        patchLines: i % 4 === 0 ? null : i % 6,
        totalTokens: i % 7 === 0 ? null : 1000 + (i % 3) * 100,
        maxToolOutputTokens: i % 2 ? null : (i % 5) * 150,
        truncationRatio: floats[(i + 2) % 5],
        costUsd: i % 3 === 0 ? null : ((i % 4) * 0.1 + 0.2) / 3,
        steps: i % 10 === 0 ? null : i % 4,
      })),
    });
  });
  afterAll(async () => void (await t?.drop()));

  const oneBigOrderBy = async (f: TrajectoryFilter, sort: string, dir: 'asc' | 'desc') => {
    const d = Prisma.raw(dir === 'asc' ? 'ASC' : 'DESC');
    const rows = await t.db.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "Trajectory" WHERE ${trajectoryFilterSql(a.orgId, f)} ORDER BY ${Prisma.raw(`"${sort}"`)} ${d} NULLS LAST, "id" ${d}`;
    return rows.map((r) => r.id);
  };
  const walk = async (q: { filter: TrajectoryFilter; sort: string; dir: string; limit: number }) => {
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 200; pages++) {
      const page = await listTrajectoryPage({ db: t.db }, a, listTrajectoriesQuery.parse({ ...q, cursor }));
      expect(page.rows.length).toBeLessThanOrEqual(q.limit);
      ids.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor;
      if (!cursor) return ids;
    }
    throw new Error('paging never ended');
  };

  it('returns every matching row exactly once, in ORDER BY order, for every column and direction', async () => {
    for (const filter of [{}, { stage: 'T2' }] satisfies TrajectoryFilter[]) {
      for (const sort of trajectorySortColumns) {
        for (const dir of ['asc', 'desc'] as const) {
          const expected = await oneBigOrderBy(filter, sort, dir);
          expect(expected.length).toBe(filter.stage ? 55 : 83);
          // 7 splits tie groups and the NULL boundary at different places than 1 or 10 would
          for (const limit of [1, 7, 10]) {
            const got = await walk({ filter, sort, dir, limit });
            expect({ sort, dir, limit, filter, got }).toEqual({ sort, dir, limit, filter, got: expected });
          }
        }
      }
    }
  });

  it('the data really has NULLs and ties in every sortable column (the test above is not vacuous)', async () => {
    for (const sort of trajectorySortColumns) {
      const [s] = await t.db.$queryRaw<{ nulls: number; distinct: number; n: number }[]>`
        SELECT count(*) FILTER (WHERE ${Prisma.raw(`"${sort}"`)} IS NULL)::int AS nulls, count(DISTINCT ${Prisma.raw(`"${sort}"`)})::int AS distinct, count(*)::int AS n
        FROM "Trajectory" WHERE "orgId" = ${a.orgId}`;
      if (sort !== 'createdAt') expect({ sort, hasNulls: s!.nulls > 0 }).toEqual({ sort, hasNulls: true });
      expect({ sort, ties: s!.distinct < s!.n - s!.nulls }).toEqual({ sort, ties: true });
    }
  });

  it('rejects a cursor that is not one, or that belongs to another sort, as INVALID', async () => {
    const list = (q: object) => listTrajectoryPage({ db: t.db }, a, listTrajectoriesQuery.parse(q));
    const first = await list({ sort: 'recall', dir: 'desc', limit: 5 });
    expect(first.nextCursor).toEqual(expect.any(String));
    const b64 = (x: unknown) => Buffer.from(JSON.stringify(x)).toString('base64url');
    const bad: [string, string][] = [
      ['recall', '%%%'], // not base64url
      ['recall', 'bm90IGpzb24'], // "not json"
      ['recall', b64({ s: 'recall', d: 'desc', v: 'high', id: 'x' })], // a string where recall is a number
      ['recall', b64({ s: 'recall', d: 'desc', v: 0.5 })], // no id
      ['steps', b64({ s: 'steps', d: 'desc', v: 1.5, id: 'x' })], // steps are whole numbers
      ['createdAt', b64({ s: 'createdAt', d: 'desc', v: null, id: 'x' })], // createdAt is never empty
    ];
    for (const [sort, cursor] of bad) {
      await expect(list({ sort, dir: 'desc', cursor })).rejects.toMatchObject({ code: 'INVALID', message: expect.stringContaining('page cursor') });
    }
    await expect(list({ sort: 'recall', dir: 'asc', cursor: first.nextCursor })).rejects.toMatchObject({ code: 'INVALID', message: expect.stringContaining('another sort') });
    await expect(list({ sort: 'steps', dir: 'desc', cursor: first.nextCursor })).rejects.toMatchObject({ code: 'INVALID' });
  });
});
