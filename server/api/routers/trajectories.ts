import { z } from 'zod';
import { applyPreset, countTrajectoriesQuery, curateBulk, curateOne, deleteView, histogramQuery, listTrajectoriesQuery, saveView, undoBulk } from '@/lib/schemas/trajectories';
import { undoCurationBatch } from '../../services/curation-batches';
import { deleteSavedView, listSavedViews, saveSavedView } from '../../services/saved-views';
import { applyCurationPreset, countTrajectories, curateMatching, curateTrajectory, getTrajectoryDetail, listTrajectoryPage, trajectoryFacets, trajectoryRecallHistogram } from '../../services/trajectories';
import { getImport } from '../../services/trajectory-import-job';
import { orgProcedure, router, type ApiContext } from '../trpc';

const deps = (ctx: ApiContext) => ({ db: ctx.db });

// Saved views are personal (or shared read-only with the org), so reading the org is enough.
const viewsRouter = router({
  list: orgProcedure('org:read').query(({ ctx }) => listSavedViews(deps(ctx), ctx.actor)),
  save: orgProcedure('org:read').input(saveView).mutation(({ ctx, input }) => saveSavedView(deps(ctx), ctx.actor, input)),
  delete: orgProcedure('org:read').input(deleteView).mutation(({ ctx, input }) => deleteSavedView(deps(ctx), ctx.actor, input)),
});

export const trajectoriesRouter = router({
  list: orgProcedure('org:read').input(listTrajectoriesQuery).query(({ ctx, input }) => listTrajectoryPage(deps(ctx), ctx.actor, input)),
  count: orgProcedure('org:read').input(countTrajectoriesQuery).query(({ ctx, input }) => countTrajectories(deps(ctx), ctx.actor, input)),
  histogram: orgProcedure('org:read').input(histogramQuery).query(({ ctx, input }) => trajectoryRecallHistogram(deps(ctx), ctx.actor, input)),
  facets: orgProcedure('org:read').query(({ ctx }) => trajectoryFacets(deps(ctx), ctx.actor)),
  get: orgProcedure('org:read').input(z.object({ id: z.string().min(1).max(64) })).query(({ ctx, input }) => getTrajectoryDetail(deps(ctx), ctx.actor, input.id)),
  curate: orgProcedure('data:curate').input(curateOne).mutation(({ ctx, input }) => curateTrajectory(deps(ctx), ctx.actor, input)),
  curateMatching: orgProcedure('data:curate').input(curateBulk).mutation(({ ctx, input }) => curateMatching(deps(ctx), ctx.actor, input)),
  applyPreset: orgProcedure('data:curate').input(applyPreset).mutation(({ ctx, input }) => applyCurationPreset(deps(ctx), ctx.actor, input)),
  undoBulk: orgProcedure('data:curate').input(undoBulk).mutation(({ ctx, input }) => undoCurationBatch(deps(ctx), ctx.actor, input)),
  importStatus: orgProcedure('org:read').input(z.object({ jobId: z.string().min(1).max(64) })).query(({ ctx, input }) => getImport(deps(ctx), ctx.actor, input.jobId)),
  views: viewsRouter,
});
