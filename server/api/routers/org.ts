import { z } from 'zod';
import {
  acceptInviteInput,
  changeRoleInput,
  createOrgInput,
  inviteMemberInput,
  removeMemberInput,
  revokeInviteInput,
  switchOrgInput,
} from '@/lib/schemas/org';
import { forbidden } from '../../errors';
import { listAudit } from '../../services/audit';
import { acceptInvitation, changeRole, inviteMember, listMembers, removeMember, revokeInvitation } from '../../services/members';
import { createOrgForUser, findMembership, getOrg, listMyOrgs } from '../../services/orgs';
import { orgProcedure, router, userProcedure } from '../trpc';

export const orgRouter = router({
  /** Who am I, which orgs, which one is active and with what role. */
  me: userProcedure.query(async ({ ctx }) => {
    const [user, orgs, active] = await Promise.all([
      ctx.db.user.findUniqueOrThrow({ where: { id: ctx.userId }, select: { id: true, email: true, name: true } }),
      listMyOrgs({ db: ctx.db }, ctx.userId),
      findMembership({ db: ctx.db }, ctx.userId, ctx.activeOrgId),
    ]);
    return { user, orgs, active: active ? { ...active, org: orgs.find((o) => o.id === active.orgId)! } : null };
  }),
  create: userProcedure.input(createOrgInput).mutation(async ({ ctx, input }) => {
    const org = await createOrgForUser(ctx.db, ctx.userId, input.name);
    ctx.setActiveOrg?.(org.id);
    return { id: org.id, slug: org.slug };
  }),
  switch: userProcedure.input(switchOrgInput).mutation(async ({ ctx, input }) => {
    const m = await findMembership({ db: ctx.db }, ctx.userId, input.orgId);
    if (!m) throw forbidden('You are not a member of this organization');
    ctx.setActiveOrg?.(m.orgId);
    return { orgId: m.orgId };
  }),
  acceptInvite: userProcedure.input(acceptInviteInput).mutation(async ({ ctx, input }) => {
    const user = await ctx.db.user.findUniqueOrThrow({ where: { id: ctx.userId } });
    const res = await acceptInvitation({ db: ctx.db }, ctx.userId, user.email, input.token);
    ctx.setActiveOrg?.(res.orgId);
    return res;
  }),
  current: orgProcedure('org:read').query(({ ctx }) => getOrg({ db: ctx.db }, ctx.actor.orgId)),
  members: orgProcedure('org:read').query(({ ctx }) => listMembers({ db: ctx.db }, ctx.actor)),
  invite: orgProcedure('members:manage').input(inviteMemberInput).mutation(({ ctx, input }) => inviteMember({ db: ctx.db }, ctx.actor, input)),
  revokeInvite: orgProcedure('members:manage')
    .input(revokeInviteInput)
    .mutation(({ ctx, input }) => revokeInvitation({ db: ctx.db }, ctx.actor, input.invitationId)),
  changeRole: orgProcedure('members:manage').input(changeRoleInput).mutation(({ ctx, input }) => changeRole({ db: ctx.db }, ctx.actor, input)),
  removeMember: orgProcedure('members:manage')
    .input(removeMemberInput)
    .mutation(({ ctx, input }) => removeMember({ db: ctx.db }, ctx.actor, input.membershipId)),
  audit: orgProcedure('members:manage')
    .input(z.object({ take: z.number().int().min(1).max(500).default(100) }).optional())
    .query(({ ctx, input }) => listAudit(ctx.db, ctx.actor.orgId, input?.take)),
});
