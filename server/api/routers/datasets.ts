import { createDatasetVersionInput } from '@/lib/schemas/datasets';
import { createDatasetVersion, listDatasets } from '../../services/datasets';
import { orgProcedure, router, type ApiContext } from '../trpc';

const deps = (ctx: ApiContext) => ({ db: ctx.db });

export const datasetsRouter = router({
  list: orgProcedure('org:read').query(({ ctx }) => listDatasets(deps(ctx), ctx.actor)),
  createVersion: orgProcedure('data:curate').input(createDatasetVersionInput).mutation(({ ctx, input }) => createDatasetVersion(deps(ctx), ctx.actor, input)),
});
