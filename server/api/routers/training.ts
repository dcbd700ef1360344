import { z } from 'zod';
import { compareTrainingInput, launchTrainingInput, serveCheckpointInput, trainingConfigInput, trainingRunIdInput } from '@/lib/schemas/training';
import {
  cancelTrainingRun,
  compareTrainingRuns,
  getTrainingRun,
  launchTrainingRun,
  listDatasetVersionsForTraining,
  listTrainingRuns,
  previewTraining,
  resumeTrainingRun,
  serveCheckpoint,
  trainingPresets,
} from '../../services/training';
import { snapshotDatasetVersion } from '../../services/training-datasets';
import { orgProcedure, router, type ApiContext } from '../trpc';

const deps = (ctx: ApiContext) => ({ db: ctx.db });

export const trainingRouter = router({
  presets: orgProcedure('org:read').query(() => trainingPresets()),
  datasetVersions: orgProcedure('org:read').query(({ ctx }) => listDatasetVersionsForTraining(deps(ctx), ctx.actor)),
  preview: orgProcedure('org:read')
    .input(z.object({ config: trainingConfigInput, resumeFromCheckpoint: z.string().optional() }))
    .query(({ input }) => previewTraining(input.config, input.resumeFromCheckpoint)),
  list: orgProcedure('org:read').query(({ ctx }) => listTrainingRuns(deps(ctx), ctx.actor)),
  get: orgProcedure('org:read').input(trainingRunIdInput).query(({ ctx, input }) => getTrainingRun(deps(ctx), ctx.actor, input.id)),
  compare: orgProcedure('org:read').input(compareTrainingInput).query(({ ctx, input }) => compareTrainingRuns(deps(ctx), ctx.actor, input.ids)),
  launch: orgProcedure('job:launch').input(launchTrainingInput).mutation(({ ctx, input }) => launchTrainingRun(deps(ctx), ctx.actor, input)),
  resume: orgProcedure('job:launch')
    .input(z.object({ id: z.string().min(1), checkpoint: z.string().min(1) }))
    .mutation(({ ctx, input }) => resumeTrainingRun(deps(ctx), ctx.actor, input.id, input.checkpoint)),
  cancel: orgProcedure('job:cancel').input(trainingRunIdInput).mutation(({ ctx, input }) => cancelTrainingRun(deps(ctx), ctx.actor, input.id)),
  snapshotDataset: orgProcedure('data:curate')
    .input(z.object({ name: z.string().trim().min(1, 'Name the dataset').max(120) }))
    .mutation(({ ctx, input }) => snapshotDatasetVersion(deps(ctx), ctx.actor, input)),
  serve: orgProcedure('job:launch').input(serveCheckpointInput).mutation(({ ctx, input }) => serveCheckpoint(deps(ctx), ctx.actor, input)),
});
