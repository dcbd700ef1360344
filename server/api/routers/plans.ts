import { listPlansInput, planIdInput, reviewPlanInput, submitFromRepoInput } from '@/lib/schemas/plans';
import { getPlan, launchPlan, listPlans, reviewPlan, submitFromRepo } from '../../services/plans';
import { orgProcedure, router, type ApiContext } from '../trpc';

const deps = (ctx: ApiContext) => ({ db: ctx.db });

export const plansRouter = router({
  list: orgProcedure('org:read').input(listPlansInput).query(({ ctx, input }) => listPlans(deps(ctx), ctx.actor, input)),
  get: orgProcedure('org:read').input(planIdInput).query(({ ctx, input }) => getPlan(deps(ctx), ctx.actor, input.planId)),
  submitFromRepo: orgProcedure('plan:submit').input(submitFromRepoInput).mutation(({ ctx, input }) => submitFromRepo(deps(ctx), ctx.actor, input)),
  review: orgProcedure('plan:approve').input(reviewPlanInput).mutation(({ ctx, input }) => reviewPlan(deps(ctx), ctx.actor, input)),
  launch: orgProcedure('job:launch').input(planIdInput).mutation(({ ctx, input }) => launchPlan(deps(ctx), ctx.actor, input.planId)),
});
