import { z } from 'zod';
import { getDb } from '../db';
import type { Db } from '../db';
import { defineJob } from './define';
import { RECONCILE_JOB, reconcileJobs, scheduleReconcile, type JobsDeps } from '../services/jobs';

export const RECONCILE_INTERVAL_SECONDS = 5;

/**
 * One pass over active jobs, then it enqueues itself again (pg-boss schedules are per
 * minute). An advisory lock keeps two chains (after a restart) from tailing logs twice;
 * the chain stops when nothing is active and createJob/submit start it again.
 */
export async function reconcileOnce(deps: JobsDeps & { db: Db }, intervalSeconds = RECONCILE_INTERVAL_SECONDS) {
  const result = await deps.db.$transaction(
    async (tx) => {
      const [row] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(872341) AS locked`;
      if (!row?.locked) return undefined;
      return reconcileJobs(deps);
    },
    { timeout: 5 * 60_000, maxWait: 10_000 },
  );
  if (result === undefined) return { skipped: true as const };
  if (result.active > 0) await scheduleReconcile(deps, intervalSeconds);
  return { skipped: false as const, ...result };
}

export const reconcileJobDefinition = defineJob({
  name: RECONCILE_JOB,
  schema: z.object({}).passthrough(),
  retryLimit: 5,
  retryDelaySeconds: 2,
  expireInSeconds: 120,
  async handler() {
    await reconcileOnce({ db: getDb() });
  },
});
