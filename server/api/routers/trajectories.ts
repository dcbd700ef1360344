import { z } from 'zod';
import { applyPreset, curateBulk, curateOne, histogramQuery, listTrajectoriesQuery } from '@/lib/schemas/trajectories';
import { applyCurationPreset, curateMatching, curateTrajectory, getTrajectoryDetail, listTrajectoryPage, trajectoryRecallHistogram } from '../../services/trajectories';
import { getImport } from '../../services/trajectory-import-job';
import { orgProcedure, router, type ApiContext } from '../trpc';

const deps = (ctx: ApiContext) => ({ db: ctx.db });

export const trajectoriesRouter = router({
  list: orgProcedure('org:read').input(listTrajectoriesQuery).query(({ ctx, input }) => listTrajectoryPage(deps(ctx), ctx.actor, input)),
  histogram: orgProcedure('org:read').input(histogramQuery).query(({ ctx, input }) => trajectoryRecallHistogram(deps(ctx), ctx.actor, input)),
  get: orgProcedure('org:read').input(z.object({ id: z.string().min(1).max(64) })).query(({ ctx, input }) => getTrajectoryDetail(deps(ctx), ctx.actor, input.id)),
  curate: orgProcedure('data:curate').input(curateOne).mutation(({ ctx, input }) => curateTrajectory(deps(ctx), ctx.actor, input)),
  curateMatching: orgProcedure('data:curate').input(curateBulk).mutation(({ ctx, input }) => curateMatching(deps(ctx), ctx.actor, input)),
  applyPreset: orgProcedure('data:curate').input(applyPreset).mutation(({ ctx, input }) => applyCurationPreset(deps(ctx), ctx.actor, input)),
  importStatus: orgProcedure('org:read').input(z.object({ jobId: z.string().min(1).max(64) })).query(({ ctx, input }) => getImport(deps(ctx), ctx.actor, input.jobId)),
});
