import path from 'node:path';
import { z } from 'zod';
import { getDb } from '../db';
import { getEnv } from '../env';
import { createFsBlobStore } from '../engine/storage/fs-blob-store';
import { defineJob } from './define';
import { sendJob } from './queue';
import { IMPORT_JOB, runImport } from '../services/trajectory-import-job';

export const importJob = defineJob({
  name: IMPORT_JOB,
  schema: z.object({ jobId: z.string() }),
  retryLimit: 2,
  expireInSeconds: 6 * 60 * 60,
  async handler(data) {
    const dataDir = getEnv().dataDir;
    await runImport({ db: getDb(), blobs: createFsBlobStore(path.join(dataDir, 'blobs')), dataDir, send: async (n, d) => void (await sendJob(n, d)) }, data.jobId);
  },
});
