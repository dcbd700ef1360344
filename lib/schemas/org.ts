import { z } from 'zod';
import { ROLES } from '../permissions';

export const roleSchema = z.enum(ROLES);
export const idSchema = z.string().min(1).max(64);

export const createOrgInput = z.object({
  name: z.string().trim().min(2, 'Organization name needs at least 2 characters').max(80),
});
export const inviteMemberInput = z.object({
  email: z.string().trim().toLowerCase().email('Enter a valid email address'),
  role: roleSchema.default('engineer'),
});
export const changeRoleInput = z.object({ membershipId: idSchema, role: roleSchema });
export const removeMemberInput = z.object({ membershipId: idSchema });
export const revokeInviteInput = z.object({ invitationId: idSchema });
export const acceptInviteInput = z.object({ token: z.string().min(10).max(200) });
export const switchOrgInput = z.object({ orgId: idSchema });
