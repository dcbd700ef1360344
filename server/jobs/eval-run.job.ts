import { z } from 'zod';
import { getDb } from '../db';
import { defineJob } from './define';
import { EVAL_RUN_JOB, runEvalJob } from '../services/evals';

export const evalRunJob = defineJob({
  name: EVAL_RUN_JOB,
  schema: z.object({ jobId: z.string() }),
  retryLimit: 1,
  expireInSeconds: 6 * 3600,
  async handler(data) {
    await runEvalJob({ db: getDb() }, data.jobId);
  },
});
