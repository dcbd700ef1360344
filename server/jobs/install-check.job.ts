import { z } from 'zod';
import { getDb } from '../db';
import { defineJob } from './define';
import { INSTALL_CHECK_JOB, runInstallCheck } from '../services/install-check';

export const installCheckJob = defineJob({
  name: INSTALL_CHECK_JOB,
  schema: z.object({ jobId: z.string() }),
  retryLimit: 0,
  expireInSeconds: 60 * 60,
  async handler(data) {
    await runInstallCheck({ db: getDb() }, data.jobId);
  },
});
