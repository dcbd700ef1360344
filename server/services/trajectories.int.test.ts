// Trajectory browser services against a real Postgres: AND-combined filters, SQL-bucketed recall
// histogram with threshold totals, single and bulk curation (all matching, not one page), presets,
// and organization scoping (another org's id is NOT_FOUND).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { applyCurationPreset, countTrajectories, curateMatching, curateTrajectory, getTrajectoryDetail, listTrajectoryPage, trajectoryRecallHistogram } from './trajectories';
import { countTrajectoriesQuery, listTrajectoriesQuery, histogramQuery } from '@/lib/schemas/trajectories';

describe('trajectory browser services (real Postgres)', () => {
  let t: TestDatabase;
  const a = { orgId: '', userId: 'u1', role: 'engineer' as const };
  const b = { orgId: '', userId: 'u2', role: 'engineer' as const };
  let t1Id = '';
  let otherOrgId = '';

  beforeAll(async () => {
    t = await createTestDatabase();
    a.orgId = (await t.db.organization.create({ data: { name: 'A', slug: `a-${Date.now()}` } })).id;
    b.orgId = (await t.db.organization.create({ data: { name: 'B', slug: `b-${Date.now()}` } })).id;
    const t1 = await t.db.trajectory.create({ data: { orgId: a.orgId, contentHash: 't1', instanceId: 'calc_t1', stage: 'T1', blobKey: 'k', seedFunction: 'parse_expr', seedFile: 'calc/parse.py' } });
    t1Id = t1.id;
    // 40 T2 rows: recall i/39, patch lines 10*i%90, tokens 1000+i, cost 0.01 each
    await t.db.trajectory.createMany({
      data: Array.from({ length: 40 }, (_, i) => ({
        orgId: a.orgId, contentHash: `h${i}`, instanceId: `calc_${i}`, stage: 'T2' as const, blobKey: `k${i}`, parentId: i < 3 ? t1.id : null,
        recall: i / 39, patchLines: (10 * i) % 90, totalTokens: 1000 + i, costUsd: 0.01, maxToolOutputTokens: i % 2 ? 700 : 100,
        verification: i % 4 === 0 ? ('hard' as const) : ('soft' as const), prText: i === 7 ? 'Fix overflow in tokenizer' : `PR ${i}`,
      })),
    });
    otherOrgId = (await t.db.trajectory.create({ data: { orgId: b.orgId, contentHash: 'x', instanceId: 'secret', stage: 'T2', blobKey: 'k', recall: 1 } })).id;
  });
  afterAll(async () => void (await t?.drop()));

  const list = (q: object) => listTrajectoryPage({ db: t.db }, a, listTrajectoriesQuery.parse(q));
  const count = async (filter: object) => (await countTrajectories({ db: t.db }, a, countTrajectoriesQuery.parse({ filter }))).total;

  it('combines filters with AND, pages by cursor and counts separately', async () => {
    expect(await count({ stage: 'T2' })).toBe(40);
    expect(await count({ stage: 'T2', minRecall: 0.5 })).toBe(20);
    const r = await list({ filter: { stage: 'T2', minRecall: 0.5, verification: 'hard', maxPatchLines: 50 }, sort: 'recall', dir: 'asc' });
    const expected = Array.from({ length: 40 }, (_, i) => i).filter((i) => i / 39 >= 0.5 && i % 4 === 0 && (10 * i) % 90 <= 50);
    expect(r.rows.map((x) => x.instanceId)).toEqual(expected.map((i) => `calc_${i}`));
    const q = { filter: { stage: 'T2' }, limit: 15, sort: 'totalTokens', dir: 'asc' };
    const p1 = await list(q);
    const p2 = await list({ ...q, cursor: p1.nextCursor });
    const page = await list({ ...q, cursor: p2.nextCursor });
    expect(page.rows).toHaveLength(10);
    expect(page.rows[0]!.totalTokens).toBe(1030);
    expect(page.nextCursor).toBeNull();
    expect((await list({ filter: { q: 'overflow' } })).rows.map((x) => x.instanceId)).toEqual(['calc_7']);
    expect((await list({ filter: { fn: 'PARSE' } })).rows.map((x) => x.id)).toEqual([t1Id]);
    // the other org's row never shows up
    expect((await list({ filter: { q: 'secret' } })).rows).toEqual([]);
    expect(await count({ q: 'secret' })).toBe(0);
  });

  it('buckets recall in the database and totals what passes the threshold', async () => {
    const h = await trajectoryRecallHistogram({ db: t.db }, a, histogramQuery.parse({ filter: { stage: 'T2' }, buckets: 4, threshold: 0.75 }));
    const recalls = Array.from({ length: 40 }, (_, i) => i / 39);
    expect(h.buckets.map((x) => x.count)).toEqual([0, 1, 2, 3].map((k) => recalls.filter((r) => (k === 3 ? r >= 0.75 : r >= k / 4 && r < (k + 1) / 4)).length));
    expect(h.total).toBe(40);
    const passing = Array.from({ length: 40 }, (_, i) => i).filter((i) => i / 39 >= 0.75);
    expect(h.passing.samples).toBe(passing.length);
    expect(h.passing.tokens).toBe(passing.reduce((s, i) => s + 1000 + i, 0));
    expect(h.passing.dollars).toBeCloseTo(passing.length * 0.01, 6);
    const stricter = await trajectoryRecallHistogram({ db: t.db }, a, histogramQuery.parse({ filter: { stage: 'T2' }, buckets: 4, threshold: 1 }));
    expect(stricter.passing.samples).toBe(1);
  });

  it('curates one trajectory (labels stay a set, notes, exclude) and shows lineage', async () => {
    const row = (await list({ filter: { q: 'overflow' } })).rows[0]!;
    await curateTrajectory({ db: t.db }, a, { id: row.id, addLabels: ['good', 'tokenizer'], notes: 'nice' });
    const after = await curateTrajectory({ db: t.db }, a, { id: row.id, addLabels: ['good'], removeLabels: ['tokenizer'], included: false });
    expect(after.labels).toEqual(['good']);
    expect(after.included).toBe(false);
    expect(after.notes).toBe('nice');
    const d = await getTrajectoryDetail({ db: t.db }, a, t1Id);
    expect(d.lineage.children.map((c) => c.instanceId).sort()).toEqual(['calc_0', 'calc_1', 'calc_2']);
    const child = await getTrajectoryDetail({ db: t.db }, a, d.lineage.children[0]!.id);
    expect(child.lineage.parent?.id).toBe(t1Id);
  });

  it('refuses another organization’s trajectory as NOT_FOUND', async () => {
    await expect(getTrajectoryDetail({ db: t.db }, a, otherOrgId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(curateTrajectory({ db: t.db }, a, { id: otherOrgId, included: false })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await t.db.trajectory.findUniqueOrThrow({ where: { id: otherOrgId } })).included).toBe(true);
  });

  it('bulk actions apply to all rows matching the filter, and presets exclude what the paper drops', async () => {
    const r = await curateMatching({ db: t.db }, a, { filter: { stage: 'T2', maxRecall: 0.5 }, addLabels: ['low'] });
    const low = Array.from({ length: 40 }, (_, i) => i).filter((i) => i / 39 <= 0.5).length;
    expect(r.affected).toBe(low);
    expect(await count({ label: 'low' })).toBe(low);
    const p = await applyCurationPreset({ db: t.db }, a, { preset: 'patch-over-40-lines', filter: {} });
    const long = Array.from({ length: 40 }, (_, i) => i).filter((i) => (10 * i) % 90 > 40).length;
    expect(p.affected).toBe(long);
    const excluded = await list({ filter: { included: false, label: 'patch-over-40-lines' }, limit: 200 });
    expect(excluded.rows).toHaveLength(long);
    expect(await count({ included: false, label: 'patch-over-40-lines' })).toBe(long);
    expect(excluded.rows.every((x) => (x.patchLines ?? 0) > 40)).toBe(true);
    const tool = await applyCurationPreset({ db: t.db }, a, { preset: 'tool-output-over-600-tokens', filter: {} });
    expect(tool.affected).toBe(20);
    // other org untouched
    expect((await t.db.trajectory.findUniqueOrThrow({ where: { id: otherOrgId } })).labels).toEqual([]);
  });
});
