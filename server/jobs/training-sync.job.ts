import { z } from 'zod';
import { getDb } from '../db';
import { defineJob } from './define';
import { runTrainingSync, TRAINING_SYNC_JOB } from '../services/training';

/** Parses a training run's job log into stored metrics/checkpoints every few seconds while it runs. */
export const trainingSyncJob = defineJob({
  name: TRAINING_SYNC_JOB,
  schema: z.object({ runId: z.string() }),
  retryLimit: 2,
  expireInSeconds: 5 * 60,
  async handler(data) {
    await runTrainingSync({ db: getDb() }, data.runId);
  },
});
