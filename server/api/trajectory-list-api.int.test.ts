// The browser's list and count over the tRPC API (real Postgres): a malformed page cursor is a
// BAD_REQUEST that says what to do, and the count is its own procedure answering the filter.
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { createCaller } from './root';

describe('trajectories.list / trajectories.count over the API (real Postgres)', () => {
  let t: TestDatabase;
  let api: ReturnType<typeof createCaller>;

  beforeAll(async () => {
    t = await createTestDatabase();
    const orgId = (await t.db.organization.create({ data: { name: 'A', slug: 'a' } })).id;
    const user = await t.db.user.create({ data: { email: 'u@a.test' } });
    await t.db.membership.create({ data: { orgId, userId: user.id, role: 'viewer' } });
    await t.db.trajectory.createMany({
      data: Array.from({ length: 7 }, (_, i) => ({ orgId, contentHash: `h${i}`, instanceId: `calc_${i}`, stage: (i % 2 ? 'T2' : 'T1') as 'T1' | 'T2', blobKey: 'k', recall: i / 7 })),
    });
    api = createCaller({ db: t.db, userId: user.id, activeOrgId: orgId });
  });
  afterAll(async () => void (await t?.drop()));

  it('answers a malformed cursor with BAD_REQUEST and the reason', async () => {
    const err = await api.trajectories.list({ cursor: 'garbage!' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect(err).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('Invalid page cursor') });
  });

  it('pages with the cursor it hands out and counts separately', async () => {
    const first = await api.trajectories.list({ sort: 'recall', dir: 'asc', limit: 4 });
    expect(first.rows).toHaveLength(4);
    const rest = await api.trajectories.list({ sort: 'recall', dir: 'asc', limit: 4, cursor: first.nextCursor });
    expect([...first.rows, ...rest.rows].map((r) => r.instanceId)).toEqual(Array.from({ length: 7 }, (_, i) => `calc_${i}`));
    expect(rest.nextCursor).toBeNull();
    expect(await api.trajectories.count({ filter: { stage: 'T2' } })).toEqual({ total: 3 });
  });
});
