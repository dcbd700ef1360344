import { jobIdInput, listJobsInput, listTrajectoriesInput, trajectoryFilters, trajectoryIdInput } from '@/lib/schemas/runs';
import { cancelJob } from '../../services/generation';
import { getJob, getTrajectory, getTrajectorySteps, listJobs, listTrajectories, recallHistogram } from '../../services/runs';
import { getTrajectoryTokens } from '../../services/trajectory-tokens';
import { orgProcedure, router, type ApiContext } from '../trpc';

const deps = (ctx: ApiContext) => ({ db: ctx.db });

export const runsRouter = router({
  jobs: orgProcedure('org:read').input(listJobsInput).query(({ ctx, input }) => listJobs(deps(ctx), ctx.actor, input)),
  job: orgProcedure('org:read').input(jobIdInput).query(({ ctx, input }) => getJob(deps(ctx), ctx.actor, input.jobId)),
  cancel: orgProcedure('job:cancel').input(jobIdInput).mutation(({ ctx, input }) => cancelJob(deps(ctx), ctx.actor, input.jobId)),
  trajectories: orgProcedure('org:read').input(listTrajectoriesInput).query(({ ctx, input }) => listTrajectories(deps(ctx), ctx.actor, input)),
  histogram: orgProcedure('org:read').input(trajectoryFilters).query(({ ctx, input }) => recallHistogram(deps(ctx), ctx.actor, input)),
  trajectory: orgProcedure('org:read').input(trajectoryIdInput).query(({ ctx, input }) => getTrajectory(deps(ctx), ctx.actor, input.id)),
  /** The full steps of a long trajectory (runs.trajectory sends their headers only). */
  trajectorySteps: orgProcedure('org:read').input(trajectoryIdInput).query(({ ctx, input }) => getTrajectorySteps(deps(ctx), ctx.actor, input.id)),
  /** Qwen3 token counts of the trajectory's steps (slow on first view, cached after). */
  trajectoryTokens: orgProcedure('org:read').input(trajectoryIdInput).query(({ ctx, input }) => getTrajectoryTokens(deps(ctx), ctx.actor, input.id)),
});
