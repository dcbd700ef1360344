import { z } from 'zod';
import { defineJob } from './define';
import { IMPORT_JOB, runImportWithDefaults } from '../services/trajectory-import-job';

export const importJob = defineJob({
  name: IMPORT_JOB,
  schema: z.object({ jobId: z.string() }),
  retryLimit: 2,
  expireInSeconds: 6 * 60 * 60,
  async handler(data) {
    await runImportWithDefaults(data.jobId);
  },
});
