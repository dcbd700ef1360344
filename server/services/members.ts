// Members and invitations. Invitation tokens are shown once; only their hash is stored.
import { createHash } from 'node:crypto';
import { randomToken } from '../crypto';
import { conflict, forbidden, invalid, notFound, precondition } from '../errors';
import type { Role } from '@/lib/permissions';
import type { OrgActor, ServiceDeps } from './context';
import { audit } from './audit';

const INVITE_DAYS = 7;
const hashToken = (t: string) => createHash('sha256').update(t).digest('hex');

export async function listMembers(deps: ServiceDeps, actor: OrgActor) {
  const [members, invitations] = await Promise.all([
    deps.db.membership.findMany({
      where: { orgId: actor.orgId },
      include: { user: { select: { email: true, name: true } } },
      orderBy: { createdAt: 'asc' },
    }),
    deps.db.invitation.findMany({
      where: { orgId: actor.orgId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      orderBy: { createdAt: 'desc' },
      select: { id: true, email: true, role: true, expiresAt: true, createdAt: true },
    }),
  ]);
  return {
    members: members.map((m) => ({ id: m.id, userId: m.userId, email: m.user.email, name: m.user.name, role: m.role, createdAt: m.createdAt })),
    invitations,
  };
}

function assertCanGrant(actor: OrgActor, role: Role) {
  if (role === 'owner' && actor.role !== 'owner') throw forbidden('Only an owner can make someone an owner');
}

export async function inviteMember(deps: ServiceDeps, actor: OrgActor, input: { email: string; role: Role }) {
  assertCanGrant(actor, input.role);
  const already = await deps.db.membership.findFirst({ where: { orgId: actor.orgId, user: { email: input.email } } });
  if (already) throw conflict(`${input.email} is already a member`, { email: 'Already a member' });
  const token = randomToken(24);
  const now = deps.now?.() ?? new Date();
  const inv = await deps.db.invitation.create({
    data: {
      orgId: actor.orgId,
      email: input.email,
      role: input.role,
      tokenHash: hashToken(token),
      invitedById: actor.userId,
      expiresAt: new Date(now.getTime() + INVITE_DAYS * 86400_000),
    },
  });
  await audit(deps.db, { orgId: actor.orgId, actorId: actor.userId, action: 'member.invite', targetType: 'invitation', targetId: inv.id, details: { email: input.email, role: input.role } });
  return { invitationId: inv.id, token, expiresAt: inv.expiresAt };
}

export async function revokeInvitation(deps: ServiceDeps, actor: OrgActor, invitationId: string) {
  const inv = await deps.db.invitation.findFirst({ where: { id: invitationId, orgId: actor.orgId } });
  if (!inv) throw notFound('Invitation');
  await deps.db.invitation.update({ where: { id: inv.id }, data: { revokedAt: new Date() } });
  await audit(deps.db, { orgId: actor.orgId, actorId: actor.userId, action: 'member.invite_revoke', targetType: 'invitation', targetId: inv.id });
}

export async function describeInvitation(deps: ServiceDeps, token: string) {
  const inv = await deps.db.invitation.findUnique({ where: { tokenHash: hashToken(token) }, include: { org: { select: { name: true } } } });
  if (!inv || inv.revokedAt || inv.acceptedAt || inv.expiresAt < new Date()) return null;
  return { orgName: inv.org.name, email: inv.email, role: inv.role };
}

export async function acceptInvitation(deps: ServiceDeps, userId: string, userEmail: string, token: string) {
  const inv = await deps.db.invitation.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!inv || inv.revokedAt) throw notFound('Invitation');
  if (inv.acceptedAt) throw precondition('This invitation was already used');
  if (inv.expiresAt < (deps.now?.() ?? new Date())) throw precondition('This invitation has expired; ask for a new one');
  if (inv.email.toLowerCase() !== userEmail.toLowerCase())
    throw forbidden(`This invitation is for ${inv.email}; sign in with that address`);
  const existing = await deps.db.membership.findUnique({ where: { orgId_userId: { orgId: inv.orgId, userId } } });
  const m = existing ?? (await deps.db.membership.create({ data: { orgId: inv.orgId, userId, role: inv.role } }));
  await deps.db.invitation.update({ where: { id: inv.id }, data: { acceptedAt: new Date() } });
  await audit(deps.db, { orgId: inv.orgId, actorId: userId, action: 'member.join', targetType: 'membership', targetId: m.id, details: { role: m.role } });
  return { orgId: inv.orgId, membershipId: m.id };
}

async function ownersLeft(deps: ServiceDeps, orgId: string, excludingMembershipId: string) {
  return deps.db.membership.count({ where: { orgId, role: 'owner', id: { not: excludingMembershipId } } });
}

export async function changeRole(deps: ServiceDeps, actor: OrgActor, input: { membershipId: string; role: Role }) {
  const m = await deps.db.membership.findFirst({ where: { id: input.membershipId, orgId: actor.orgId } });
  if (!m) throw notFound('Member');
  assertCanGrant(actor, input.role);
  if (m.role === 'owner' && actor.role !== 'owner') throw forbidden('Only an owner can change an owner');
  if (m.role === 'owner' && input.role !== 'owner' && (await ownersLeft(deps, actor.orgId, m.id)) === 0)
    throw invalid('An organization needs at least one owner; make someone else owner first');
  await deps.db.membership.update({ where: { id: m.id }, data: { role: input.role } });
  await audit(deps.db, { orgId: actor.orgId, actorId: actor.userId, action: 'member.role_change', targetType: 'membership', targetId: m.id, details: { from: m.role, to: input.role } });
}

export async function removeMember(deps: ServiceDeps, actor: OrgActor, membershipId: string) {
  const m = await deps.db.membership.findFirst({ where: { id: membershipId, orgId: actor.orgId } });
  if (!m) throw notFound('Member');
  if (m.role === 'owner' && actor.role !== 'owner') throw forbidden('Only an owner can remove an owner');
  if (m.role === 'owner' && (await ownersLeft(deps, actor.orgId, m.id)) === 0)
    throw invalid('An organization needs at least one owner');
  await deps.db.membership.delete({ where: { id: m.id } });
  await audit(deps.db, { orgId: actor.orgId, actorId: actor.userId, action: 'member.remove', targetType: 'membership', targetId: m.id, details: { role: m.role } });
}
