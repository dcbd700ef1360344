import { compareScenariosInput, estimateForRepoInput, listPlansInput, planIdInput, reviewPlanInput, submitFromRepoInput } from '@/lib/schemas/plans';
import { compare, estimateForRepo } from '../../services/plan-estimate';
import { getPlan, launchPlan, listPlans, reviewPlan, submitFromRepo } from '../../services/plans';
import { orgProcedure, router, type ApiContext } from '../trpc';

const deps = (ctx: ApiContext) => ({ db: ctx.db });

export const plansRouter = router({
  list: orgProcedure('org:read').input(listPlansInput).query(({ ctx, input }) => listPlans(deps(ctx), ctx.actor, input)),
  get: orgProcedure('org:read').input(planIdInput).query(({ ctx, input }) => getPlan(deps(ctx), ctx.actor, input.planId)),
  submitFromRepo: orgProcedure('plan:submit').input(submitFromRepoInput).mutation(({ ctx, input }) => submitFromRepo(deps(ctx), ctx.actor, input)),
  review: orgProcedure('plan:approve').input(reviewPlanInput).mutation(({ ctx, input }) => reviewPlan(deps(ctx), ctx.actor, input)),
  estimateForRepo: orgProcedure('org:read')
    .input(estimateForRepoInput)
    .query(({ ctx, input }) => estimateForRepo(deps(ctx), ctx.actor, input)),
  compare: orgProcedure('org:read').input(compareScenariosInput).query(({ ctx, input }) => compare(deps(ctx), ctx.actor, input.scenarios)),
  launch: orgProcedure('job:launch').input(planIdInput).mutation(({ ctx, input }) => launchPlan(deps(ctx), ctx.actor, input.planId)),
});
