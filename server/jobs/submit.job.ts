import { z } from 'zod';
import { getDb } from '../db';
import { defineJob } from './define';
import { SUBMIT_JOB, submitJob } from '../services/jobs';

/** queued → submitting → running at the backend. The Job row, not pg-boss, holds the attempts. */
export const submitJobDefinition = defineJob({
  name: SUBMIT_JOB,
  schema: z.object({ jobId: z.string() }),
  retryLimit: 3,
  retryDelaySeconds: 5,
  expireInSeconds: 10 * 60,
  async handler(data) {
    await submitJob({ db: getDb() }, data.jobId);
  },
});
