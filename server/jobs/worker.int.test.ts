// Durability: a job whose worker dies mid-run is redelivered to the next worker.
import PgBoss from 'pg-boss';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { defineJob } from './define';
import { enqueue } from './queue';
import { startWorker } from './worker';

describe('job queue (real Postgres, pg-boss)', () => {
  let t: TestDatabase;
  afterAll(() => t?.drop());

  it('a job survives its worker being stopped mid-run and completes on the next worker', async () => {
    t = await createTestDatabase();
    const attempts: string[] = [];
    let release!: () => void;
    const firstStarted = new Promise<void>((r) => (release = r));
    let finish!: (v: string) => void;
    const done = new Promise<string>((r) => (finish = r));
    const job = defineJob({
      name: 'test.durable',
      schema: z.object({ n: z.number() }),
      retryLimit: 3,
      retryDelaySeconds: 1,
      expireInSeconds: 2,
      async handler(data, ctx) {
        attempts.push(ctx.id);
        if (attempts.length === 1) {
          release();
          await new Promise(() => {}); // hangs: the worker is stopped under it
        }
        finish(`done ${data.n}`);
      },
    });
    const producer = new PgBoss({ connectionString: t.url, schema: 'pgboss' });
    await producer.start();
    const w1 = await startWorker(t.url, [job]);
    await enqueue(job, { n: 7 }, {}, producer);
    await firstStarted;
    await w1.stop({ graceful: false });

    const w2 = await startWorker(t.url, [job]);
    await expect(done).resolves.toBe('done 7');
    expect(attempts.length).toBe(2);
    expect(attempts[0]).toBe(attempts[1]); // the same job, redelivered
    await w2.stop();
    await producer.stop({ graceful: false });
  }, 60_000);
});
