import { z } from 'zod';
import { getDb } from '../db';
import { defineJob } from './define';
import { GENERATION_JOB, runGenerationJob } from '../services/generation';

export const generationJob = defineJob({
  name: GENERATION_JOB,
  schema: z.object({ jobId: z.string() }),
  retryLimit: 2,
  expireInSeconds: 23 * 3600,
  async handler(data) {
    await runGenerationJob({ db: getDb() }, data.jobId);
  },
});
