// Authorization matrix: every procedure × every role × signed-out, plus cross-org access.
// New procedures are picked up automatically; one without an access rule fails here.
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, ROLES, type Permission, type Role } from '@/lib/permissions';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { appRouter, createCaller } from './root';
import type { ApiContext, ApiMeta } from './trpc';

type Proc = { _def: { meta?: ApiMeta; type: string } };
const procedures = Object.entries((appRouter as unknown as { _def: { procedures: Record<string, Proc> } })._def.procedures);

async function call(ctx: ApiContext, path: string, input: unknown) {
  let target: any = createCaller(ctx);
  for (const part of path.split('.')) target = target[part];
  return target(input);
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (e) {
    return e instanceof TRPCError ? e.code : `THROWN:${(e as Error).message}`;
  }
}

describe('authorization matrix (real Postgres)', () => {
  let t: TestDatabase;
  const users: Record<Role, string> = {} as never;
  let orgA: string;
  let orgB: string;
  let memberOfB: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    const a = await t.db.organization.create({ data: { name: 'A', slug: 'a' } });
    const b = await t.db.organization.create({ data: { name: 'B', slug: 'b' } });
    orgA = a.id;
    orgB = b.id;
    for (const role of ROLES) {
      const u = await t.db.user.create({ data: { email: `${role}@a.test`, name: role } });
      await t.db.membership.create({ data: { orgId: orgA, userId: u.id, role } });
      users[role] = u.id;
    }
    const outsider = await t.db.user.create({ data: { email: 'b@b.test' } });
    memberOfB = (await t.db.membership.create({ data: { orgId: orgB, userId: outsider.id, role: 'owner' } })).id;
  });
  afterAll(() => t?.drop());

  it('every procedure declares who may call it', () => {
    expect(procedures.length).toBeGreaterThan(5);
    const missing = procedures.filter(([, p]) => !p._def.meta?.access).map(([k]) => k);
    expect(missing).toEqual([]);
  });

  it('signed-out callers reach only public procedures', async () => {
    for (const [path, p] of procedures) {
      if (p._def.meta?.access === 'public') continue;
      expect([path, await codeOf(call({ db: t.db, userId: null }, path, {}))]).toEqual([path, 'UNAUTHORIZED']);
    }
  });

  it('each role is forbidden exactly where the permission table says so', async () => {
    for (const [path, p] of procedures) {
      const access = p._def.meta!.access;
      if (access === 'public' || access === 'user') continue;
      for (const role of ROLES) {
        const code = await codeOf(call({ db: t.db, userId: users[role], activeOrgId: orgA }, path, { __probe: true }));
        const allowed = can(role, access as Permission);
        expect({ path, role, forbidden: code === 'FORBIDDEN' }).toEqual({ path, role, forbidden: !allowed });
      }
    }
  });

  it('a member of org A cannot act inside org B by naming it', async () => {
    for (const [path, p] of procedures) {
      const access = p._def.meta!.access;
      if (access === 'public' || access === 'user') continue;
      const code = await codeOf(call({ db: t.db, userId: users.owner, activeOrgId: orgB }, path, {}));
      expect([path, code]).toEqual([path, 'FORBIDDEN']);
    }
  });

  it("an owner of org A cannot touch org B's rows by id", async () => {
    const ctx = { db: t.db, userId: users.owner, activeOrgId: orgA };
    expect(await codeOf(call(ctx, 'org.changeRole', { membershipId: memberOfB, role: 'viewer' }))).toBe('NOT_FOUND');
    expect(await codeOf(call(ctx, 'org.removeMember', { membershipId: memberOfB }))).toBe('NOT_FOUND');
    expect(await t.db.membership.findUnique({ where: { id: memberOfB } })).not.toBeNull();
  });
});
