import { createDatasetVersionInput, datasetRecipe, tokenPreviewInput } from '@/lib/schemas/datasets';
import { createDatasetVersion, listDatasets, previewDatasetVersion, tokenPreview } from '../../services/datasets';
import { orgProcedure, router, type ApiContext } from '../trpc';

const deps = (ctx: ApiContext) => ({ db: ctx.db });

export const datasetsRouter = router({
  list: orgProcedure('org:read').query(({ ctx }) => listDatasets(deps(ctx), ctx.actor)),
  // the counts a recipe would produce (it may fill in token statistics of imported rows)
  preview: orgProcedure('data:curate').input(datasetRecipe).query(({ ctx, input }) => previewDatasetVersion(deps(ctx), ctx.actor, input)),
  createVersion: orgProcedure('data:curate').input(createDatasetVersionInput).mutation(({ ctx, input }) => createDatasetVersion(deps(ctx), ctx.actor, input)),
  tokenPreview: orgProcedure('org:read').input(tokenPreviewInput).query(({ ctx, input }) => tokenPreview(deps(ctx), ctx.actor, input)),
});
