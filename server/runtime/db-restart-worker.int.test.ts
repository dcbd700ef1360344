// Database restart under a running worker: jobs queued before the restart are done, the worker
// rides out the outage (its errors are logged, it does not exit), and jobs queued after the
// database is back are picked up by the same worker process, each exactly once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import PgBoss from 'pg-boss';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createDb } from '../db';
import { defineJob } from '../jobs/define';
import { enqueue } from '../jobs/queue';
import { startWorker } from '../jobs/worker';
import { startEmbeddedPostgres } from './embedded-postgres';
import { migrate } from './migrate';

const waitFor = async (pred: () => boolean | Promise<boolean>, ms: number, what: string) => {
  const t0 = Date.now();
  while (!(await pred())) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('database restart under a running worker (real embedded PostgreSQL, pg-boss)', () => {
  it('the worker keeps going: jobs sent after the restart run exactly once on the same worker', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'specialist-restart-worker-'));
    const port = 59000 + Math.floor(Math.random() * 900);
    let pg = await startEmbeddedPostgres({ dataDir, port, database: 'app' });
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    const seen: number[] = [];
    const job = defineJob({
      name: 'test.restart',
      schema: z.object({ n: z.number() }),
      retryLimit: 5,
      retryDelaySeconds: 1,
      expireInSeconds: 30,
      async handler(data) {
        seen.push(data.n);
      },
    });
    let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
    let producer: PgBoss | undefined;
    try {
      await migrate(pg.url, path.resolve('prisma/migrations'));
      worker = await startWorker(pg.url, [job]);
      producer = new PgBoss({ connectionString: pg.url, schema: 'pgboss' });
      producer.on('error', () => {});
      await producer.start();
      await enqueue(job, { n: 1 }, {}, producer);
      await waitFor(() => seen.includes(1), 20_000, 'job 1');

      await pg.stop();
      await new Promise((r) => setTimeout(r, 1500)); // the worker polls a dead database for a while
      pg = await startEmbeddedPostgres({ dataDir, port, database: 'app' });

      // the producer (the dashboard) may need a moment to reconnect too
      await waitFor(async () => enqueue(job, { n: 2 }, {}, producer).then(() => true, () => false), 20_000, 'enqueue after restart');
      await enqueue(job, { n: 3 }, {}, producer);
      await waitFor(() => seen.includes(2) && seen.includes(3), 30_000, 'jobs 2 and 3 on the same worker');
      expect(seen.filter((n) => n === 2)).toHaveLength(1);
      expect(seen.filter((n) => n === 3)).toHaveLength(1);
      // and the app's own client reads the queue state
      const db = createDb(pg.url);
      const rows = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'test.restart' AND state = 'completed'`;
      expect(rows[0].n).toBeGreaterThanOrEqual(3);
      await db.$disconnect();
    } finally {
      await worker?.stop({ graceful: false }).catch(() => {});
      await producer?.stop({ graceful: false }).catch(() => {});
      await pg.stop().catch(() => {});
      quiet.mockRestore();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});
