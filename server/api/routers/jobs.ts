import { jobIdInput, jobLogInput, testJobInput } from '@/lib/schemas/jobs';
import { launchTestJob } from '../../services/job-test-run';
import { cancelJob, getJob, listJobs, readJobLog, retryJob } from '../../services/jobs';
import { orgProcedure, router, type ApiContext } from '../trpc';

const deps = (ctx: ApiContext) => ({ db: ctx.db });

export const jobsRouter = router({
  list: orgProcedure('org:read').query(({ ctx }) => listJobs(deps(ctx), ctx.actor)),
  get: orgProcedure('org:read').input(jobIdInput).query(({ ctx, input }) => getJob(deps(ctx), ctx.actor, input.id)),
  log: orgProcedure('org:read').input(jobLogInput).query(({ ctx, input }) => readJobLog(deps(ctx), ctx.actor, input.id, input)),
  cancel: orgProcedure('job:cancel').input(jobIdInput).mutation(({ ctx, input }) => cancelJob(deps(ctx), ctx.actor, input.id)),
  retry: orgProcedure('job:launch').input(jobIdInput).mutation(({ ctx, input }) => retryJob(deps(ctx), ctx.actor, input.id)),
  runTest: orgProcedure('job:launch').input(testJobInput).mutation(({ ctx, input }) => launchTestJob(deps(ctx), ctx.actor, input)),
});
