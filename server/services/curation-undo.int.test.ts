// Undo of bulk curation against a real Postgres: each row gets back exactly its own previous
// state (rows already excluded stay excluded, labels return as they were), only once, only in
// the organization that made the change, and both the action and its undo are audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { undoCurationBatch } from './curation-batches';
import { applyCurationPreset, curateMatching } from './trajectories';

describe('undo of bulk curation (real Postgres)', () => {
  let t: TestDatabase;
  const a = { orgId: '', userId: '', role: 'engineer' as const };
  const b = { orgId: '', userId: '', role: 'engineer' as const };
  const state = async () =>
    Object.fromEntries((await t.db.trajectory.findMany({ where: { orgId: a.orgId }, select: { instanceId: true, included: true, labels: true } })).map((r) => [r.instanceId, { included: r.included, labels: r.labels }]));

  beforeAll(async () => {
    t = await createTestDatabase();
    a.orgId = (await t.db.organization.create({ data: { name: 'A', slug: `a-${Date.now()}` } })).id;
    b.orgId = (await t.db.organization.create({ data: { name: 'B', slug: `b-${Date.now()}` } })).id;
    a.userId = (await t.db.user.create({ data: { email: `a-${Date.now()}@example.test` } })).id;
    b.userId = (await t.db.user.create({ data: { email: `b-${Date.now()}@example.test` } })).id;
    await t.db.trajectory.createMany({
      data: Array.from({ length: 30 }, (_, i) => ({
        orgId: a.orgId, contentHash: `h${i}`, instanceId: `calc_${i}`, stage: i % 3 ? ('T2' as const) : ('T1' as const), blobKey: `k${i}`,
        patchLines: i * 3, included: i % 5 !== 0, labels: i % 4 === 0 ? ['reviewed'] : [],
      })),
    });
  });
  afterAll(async () => void (await t?.drop()));

  it('restores every touched row to its own previous state, once, and audits both steps', async () => {
    const before = await state();
    const excluded = await curateMatching({ db: t.db }, a, { filter: { stage: 'T2' }, included: false, addLabels: ['bad'] });
    expect(excluded).toMatchObject({ affected: 20, action: 'Exclude from training + Add label "bad"' });
    const preset = await applyCurationPreset({ db: t.db }, a, { preset: 'patch-over-40-lines', filter: {} });
    expect(preset.action).toBe('Exclude Patch > 40 lines (paper preset)');
    const afterBoth = await state();
    expect(afterBoth.calc_1).toEqual({ included: false, labels: ['bad'] });

    // undoing the latest batch returns its rows to the state the first batch left
    const undonePreset = await undoCurationBatch({ db: t.db }, a, { batchId: preset.batchId });
    expect(undonePreset).toEqual({ restored: preset.affected, action: preset.action });
    const mid = await state();
    expect(mid.calc_27).toEqual({ included: true, labels: [] }); // T1 with a long patch: only the preset touched it
    expect(afterBoth.calc_28).toEqual({ included: false, labels: ['bad', 'patch-over-40-lines', 'reviewed'] });
    expect(mid.calc_28).toEqual({ included: false, labels: ['bad', 'reviewed'] }); // as the first batch left it
    expect(mid.calc_15).toEqual({ included: false, labels: [] }); // T1, was already excluded before anything
    expect(mid.calc_18).toEqual({ included: true, labels: [] });

    await undoCurationBatch({ db: t.db }, a, { batchId: excluded.batchId });
    expect(await state()).toEqual(before);

    await expect(undoCurationBatch({ db: t.db }, a, { batchId: excluded.batchId })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/already undone/) });
    await expect(undoCurationBatch({ db: t.db }, b, { batchId: preset.batchId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await t.db.curationChange.count()).toBe(0);

    const audit = await t.db.auditLog.findMany({ where: { orgId: a.orgId }, orderBy: { createdAt: 'asc' }, select: { action: true, actorId: true, details: true } });
    expect(audit.map((e) => e.action)).toEqual(['trajectories.bulk_curate', 'trajectories.bulk_curate', 'trajectories.bulk_undo', 'trajectories.bulk_undo']);
    expect(audit.every((e) => e.actorId === a.userId)).toBe(true);
    expect(audit[0].details).toMatchObject({ affected: 20, filter: { stage: 'T2' } });
  });
});
