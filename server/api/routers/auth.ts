import { z } from 'zod';
import { signUpInput } from '@/lib/schemas/auth';
import { signUp } from '../../services/users';
import { describeInvitation } from '../../services/members';
import { publicProcedure, router } from '../trpc';

export const authRouter = router({
  signUp: publicProcedure.input(signUpInput).mutation(async ({ ctx, input }) => {
    const res = await signUp({ db: ctx.db }, input);
    ctx.setActiveOrg?.(res.orgId);
    return { email: res.user.email };
  }),
  invitation: publicProcedure
    .input(z.object({ token: z.string().min(10).max(200) }))
    .query(({ ctx, input }) => describeInvitation({ db: ctx.db }, input.token)),
});
