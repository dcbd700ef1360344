import { importResultsInput, importTaskSetInput, mineTaskSetInput, startEvalRunInput, taskSetIdInput } from '@/lib/schemas/evals';
import { contamination, curves, importResults, importTaskSet, mineTaskSet, listRuns, listTaskSets, startEvalRun } from '../../services/evals';
import { orgProcedure, router, type ApiContext } from '../trpc';

const deps = (ctx: ApiContext) => ({ db: ctx.db });

export const evalsRouter = router({
  taskSets: orgProcedure('org:read').query(({ ctx }) => listTaskSets(deps(ctx), ctx.actor)),
  importTaskSet: orgProcedure('data:curate').input(importTaskSetInput).mutation(({ ctx, input }) => importTaskSet(deps(ctx), ctx.actor, input)),
  mineTaskSet: orgProcedure('data:curate').input(mineTaskSetInput).mutation(({ ctx, input }) => mineTaskSet(deps(ctx), ctx.actor, input)),
  runs: orgProcedure('org:read').input(taskSetIdInput).query(({ ctx, input }) => listRuns(deps(ctx), ctx.actor, input.taskSetId)),
  start: orgProcedure('job:launch').input(startEvalRunInput).mutation(({ ctx, input }) => startEvalRun(deps(ctx), ctx.actor, input)),
  importResults: orgProcedure('data:curate').input(importResultsInput).mutation(({ ctx, input }) => importResults(deps(ctx), ctx.actor, input)),
  contamination: orgProcedure('org:read').input(taskSetIdInput).query(({ ctx, input }) => contamination(deps(ctx), ctx.actor, input.taskSetId)),
  curves: orgProcedure('org:read').input(taskSetIdInput).query(({ ctx, input }) => curves(deps(ctx), ctx.actor, input.taskSetId)),
});
