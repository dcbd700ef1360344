// The worker: runs every registered job against the Postgres queue. It is stateless;
// kill it at any time and pg-boss redelivers unfinished jobs (after their expiry) to
// the next worker, so a job survives worker restarts.
import PgBoss from 'pg-boss';
import { createLogger } from '../logger';
import type { JobDefinition } from './define';
import { jobs as registry } from './registry';

export interface Worker {
  stop(opts?: { graceful?: boolean }): Promise<void>;
}

export async function startWorker(databaseUrl: string, jobs: JobDefinition[] = registry): Promise<Worker> {
  const log = createLogger({ component: 'worker' });
  const boss = new PgBoss({ connectionString: databaseUrl, schema: 'pgboss', max: 5, monitorStateIntervalSeconds: 5, maintenanceIntervalSeconds: 5 } as never);
  boss.on('error', (e) => log.error('queue error', { error: String(e) }));
  await boss.start();
  const controller = new AbortController();
  for (const def of jobs) {
    await boss.createQueue(def.name);
    await boss.work(def.name, { batchSize: 1, pollingIntervalSeconds: 1 } as never, async (batch: { id: string; data: unknown }[]) => {
      for (const job of batch) {
        const data = def.schema.parse(job.data);
        await def.handler(data, { id: job.id, log: log.child({ job: def.name, id: job.id }), signal: controller.signal });
      }
    });
  }
  if (jobs.some((j) => j.name === 'worker.heartbeat')) {
    await boss.schedule('worker.heartbeat', '* * * * *', {}).catch(() => {});
    await boss.send('worker.heartbeat', {});
  }
  // A worker that died mid-pass may have left no reconcile pass queued: start one now.
  if (jobs.some((j) => j.name === 'jobs.reconcile')) await boss.send('jobs.reconcile', {}).catch(() => {});
  log.info('worker started', { jobs: jobs.map((j) => j.name) });
  return {
    async stop(opts = {}) {
      controller.abort();
      await boss.stop({ graceful: opts.graceful ?? true, timeout: 10_000, wait: true } as never);
    },
  };
}
