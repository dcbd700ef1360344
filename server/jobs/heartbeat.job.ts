import { z } from 'zod';
import { getDb } from '../db';
import { defineJob } from './define';
import { recordHeartbeat } from '../services/worker-status';

/** Proves the worker is alive (scheduled every minute). */
export const heartbeatJob = defineJob({
  name: 'worker.heartbeat',
  schema: z.object({}).passthrough(),
  retryLimit: 0,
  async handler() {
    await recordHeartbeat({ db: getDb() });
  },
});
