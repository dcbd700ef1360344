// The worker: runs every registered job against the Postgres queue. It is stateless;
// kill it at any time and pg-boss redelivers unfinished jobs to the next worker.
import { createLogger } from '../logger';
import { jobs } from './registry';
import { getQueue, stopQueue } from './queue';

export async function startWorker(databaseUrl: string): Promise<{ stop(): Promise<void> }> {
  const log = createLogger({ component: 'worker' });
  const boss = await getQueue(databaseUrl);
  const controller = new AbortController();
  for (const def of jobs) {
    await boss.createQueue(def.name);
    await boss.work(def.name, { batchSize: 1, localConcurrency: def.concurrency ?? 1 } as never, async (batch: { id: string; data: unknown }[]) => {
      for (const job of batch) {
        const data = def.schema.parse(job.data);
        await def.handler(data, { id: job.id, log: log.child({ job: def.name, id: job.id }), signal: controller.signal });
      }
    });
  }
  await boss.schedule('worker.heartbeat', '* * * * *', {}).catch(() => {});
  await boss.send('worker.heartbeat', {});
  log.info('worker started', { jobs: jobs.map((j) => j.name) });
  return {
    async stop() {
      controller.abort();
      await stopQueue();
    },
  };
}
