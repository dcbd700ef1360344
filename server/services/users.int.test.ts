import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { acceptInvitation, changeRole, inviteMember, removeMember } from './members';
import { accountFailureLimiter, authenticate, loginLimiter, signUp } from './users';

describe('accounts, invitations and roles (real Postgres)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t?.drop());

  it('first sign-up owns a new organization; passwords are hashed; duplicates refused', async () => {
    const res = await signUp({ db: t.db }, { name: 'Ann', email: 'Ann@Example.test', password: 'long enough pw', orgName: 'Acme' });
    const user = await t.db.user.findUniqueOrThrow({ where: { email: 'ann@example.test' } });
    expect(user.passwordHash).toMatch(/^scrypt:/);
    expect(user.passwordHash).not.toContain('long enough pw');
    const m = await t.db.membership.findFirstOrThrow({ where: { userId: user.id } });
    expect(m).toMatchObject({ orgId: res.orgId, role: 'owner' });
    await expect(signUp({ db: t.db }, { name: 'A2', email: 'ann@example.test', password: 'long enough pw', orgName: 'Xyz' })).rejects.toThrow(/already exists/);
    expect(await authenticate({ db: t.db }, 'ann@example.test', 'long enough pw', 'ip1')).toMatchObject({ email: 'ann@example.test' });
    expect(await authenticate({ db: t.db }, 'ann@example.test', 'wrong', 'ip1')).toBeNull();
  });

  it('throttles password guessing per account and client', async () => {
    loginLimiter.reset('x');
    let limited: DomainError | null = null;
    for (let i = 0; i < 12 && !limited; i++) {
      try {
        await authenticate({ db: t.db }, 'ann@example.test', `guess-${i}`, 'attacker');
      } catch (e) {
        limited = e as DomainError;
      }
    }
    expect(limited?.code).toBe('RATE_LIMITED');
    // another client is not locked out by the attacker
    expect(await authenticate({ db: t.db }, 'ann@example.test', 'long enough pw', 'office')).not.toBeNull();
  });

  it('rotating the client key (a forged X-Forwarded-For per attempt) does not lift the per-account bound', async () => {
    await signUp({ db: t.db }, { name: 'Rot', email: 'rot@example.test', password: 'long enough pw', orgName: 'Rot' });
    let limitedAt = -1;
    for (let i = 0; i < 40 && limitedAt < 0; i++) {
      try {
        await authenticate({ db: t.db }, 'rot@example.test', `guess-${i}`, `203.0.113.${i}`);
      } catch (e) {
        if ((e as DomainError).code === 'RATE_LIMITED') limitedAt = i;
        else throw e;
      }
    }
    expect(limitedAt).toBe(30);
    // even the right password waits, so a guess that happens to be right is not confirmed
    await expect(authenticate({ db: t.db }, 'rot@example.test', 'long enough pw', '198.51.100.7')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    // other accounts are unaffected
    expect(await authenticate({ db: t.db }, 'ann@example.test', 'long enough pw', '198.51.100.7')).not.toBeNull();
    accountFailureLimiter.reset(createHash('sha256').update('rot@example.test').digest('hex'));
  });

  it('invitations: one use, right email only, audited; the last owner cannot be demoted or removed', async () => {
    const owner = await t.db.user.findUniqueOrThrow({ where: { email: 'ann@example.test' } });
    const om = await t.db.membership.findFirstOrThrow({ where: { userId: owner.id } });
    const actor = { userId: owner.id, orgId: om.orgId, role: 'owner' as const };
    const inv = await inviteMember({ db: t.db }, actor, { email: 'bob@example.test', role: 'lead' });
    const stored = await t.db.invitation.findUniqueOrThrow({ where: { id: inv.invitationId } });
    expect(stored.tokenHash).not.toBe(inv.token);

    await signUp({ db: t.db }, { name: 'Eve', email: 'eve@example.test', password: 'long enough pw', orgName: 'Eve Co' });
    const eve = await t.db.user.findUniqueOrThrow({ where: { email: 'eve@example.test' } });
    await expect(acceptInvitation({ db: t.db }, eve.id, eve.email, inv.token)).rejects.toThrow(/for bob@example.test/);

    const bob = await signUp({ db: t.db }, { name: 'Bob', email: 'bob@example.test', password: 'long enough pw', inviteToken: inv.token });
    expect(bob.orgId).toBe(om.orgId);
    const bm = await t.db.membership.findFirstOrThrow({ where: { orgId: om.orgId, user: { email: 'bob@example.test' } } });
    expect(bm.role).toBe('lead');
    await expect(acceptInvitation({ db: t.db }, eve.id, 'bob@example.test', inv.token)).rejects.toThrow(/already used/);

    await expect(changeRole({ db: t.db }, actor, { membershipId: om.id, role: 'admin' })).rejects.toThrow(/at least one owner/);
    await expect(removeMember({ db: t.db }, actor, om.id)).rejects.toThrow(/at least one owner/);
    await expect(changeRole({ db: t.db }, { ...actor, role: 'admin' }, { membershipId: bm.id, role: 'owner' })).rejects.toThrow(/Only an owner/);
    await changeRole({ db: t.db }, actor, { membershipId: bm.id, role: 'viewer' });
    const actions = (await t.db.auditLog.findMany({ where: { orgId: om.orgId }, orderBy: { createdAt: 'asc' } })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['org.create', 'member.invite', 'member.join', 'member.role_change']));
  });
});
