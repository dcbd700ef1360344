// Saved browser views against a real Postgres: own views and org-shared views are listed;
// another person's private view and another organization's views are invisible; only the
// owner deletes; saving by the same name replaces; queries are normalized to known keys.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { deleteSavedView, listSavedViews, saveSavedView } from './saved-views';

const codeOf = (p: Promise<unknown>) => p.then(() => 'OK', (e) => (e instanceof DomainError ? e.code : String(e)));

describe('saved trajectory views (real Postgres)', () => {
  let t: TestDatabase;
  const a1 = { orgId: '', userId: '', role: 'engineer' as const };
  const a2 = { orgId: '', userId: '', role: 'viewer' as const };
  const b = { orgId: '', userId: '', role: 'owner' as const };

  beforeAll(async () => {
    t = await createTestDatabase();
    a1.orgId = a2.orgId = (await t.db.organization.create({ data: { name: 'A', slug: `a-${Date.now()}` } })).id;
    b.orgId = (await t.db.organization.create({ data: { name: 'B', slug: `b-${Date.now()}` } })).id;
    a1.userId = (await t.db.user.create({ data: { email: 'a1@a.test', name: 'Ada' } })).id;
    a2.userId = (await t.db.user.create({ data: { email: 'a2@a.test' } })).id;
    b.userId = (await t.db.user.create({ data: { email: 'b@b.test' } })).id;
  });
  afterAll(async () => void (await t?.drop()));

  it('lists own and shared views, hides private and foreign ones, and only the owner deletes', async () => {
    const shared = await saveSavedView({ db: t.db }, a1, { name: 'High recall', query: 'minRecall=0.8&sort=recall&dir=desc&evil=1', shared: true });
    expect(shared.query).toBe('minRecall=0.8&sort=recall&dir=desc');
    const priv = await saveSavedView({ db: t.db }, a1, { name: 'Mine', query: 'stage=T1', shared: false });

    expect((await listSavedViews({ db: t.db }, a1)).map((v) => [v.name, v.mine])).toEqual([['High recall', true], ['Mine', true]]);
    const seenByA2 = await listSavedViews({ db: t.db }, a2);
    expect(seenByA2.map((v) => [v.name, v.owner, v.mine])).toEqual([['High recall', 'Ada', false]]);
    expect(await listSavedViews({ db: t.db }, b)).toEqual([]);

    // another org: as if it did not exist; same org, not the owner: forbidden (shared) / not found (private)
    expect(await codeOf(deleteSavedView({ db: t.db }, b, { id: shared.id }))).toBe('NOT_FOUND');
    expect(await codeOf(deleteSavedView({ db: t.db }, a2, { id: shared.id }))).toBe('FORBIDDEN');
    expect(await codeOf(deleteSavedView({ db: t.db }, a2, { id: priv.id }))).toBe('NOT_FOUND');
    expect(await t.db.savedView.count()).toBe(2);

    // same name replaces the owner's view; then the owner deletes it
    const replaced = await saveSavedView({ db: t.db }, a1, { name: 'Mine', query: 'stage=T2', shared: false });
    expect(replaced.id).toBe(priv.id);
    expect(replaced.query).toBe('stage=T2');
    expect(await codeOf(deleteSavedView({ db: t.db }, a1, { id: priv.id }))).toBe('OK');
    expect((await listSavedViews({ db: t.db }, a1)).map((v) => v.name)).toEqual(['High recall']);
  });
});
