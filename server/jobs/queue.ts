// Producer side of the Postgres-backed queue (pg-boss). One instance per process.
import PgBoss from 'pg-boss';
import type { z } from 'zod';
import { getDatabaseUrl } from '../env';
import type { JobDefinition } from './define';

let starting: Promise<PgBoss> | undefined;

export function getQueue(url = getDatabaseUrl()): Promise<PgBoss> {
  starting ??= (async () => {
    // Producers never run maintenance; workers do.
    const b = new PgBoss({ connectionString: url, schema: 'pgboss', max: 3, supervise: false, schedule: false } as never);
    b.on('error', (e) => console.error(JSON.stringify({ level: 'error', msg: 'queue error', error: String(e) })));
    await b.start();
    return b;
  })();
  return starting;
}

export interface EnqueueOptions {
  singletonKey?: string;
  startAfterSeconds?: number;
  /** How long a started job may run before it is considered lost and retried. */
  expireInSeconds?: number;
}

export async function enqueue<S extends z.ZodType>(def: JobDefinition<S>, data: z.infer<S>, opts: EnqueueOptions = {}, queue?: PgBoss) {
  const q = queue ?? (await getQueue());
  await q.createQueue(def.name);
  return q.send(def.name, def.schema.parse(data) as object, {
    retryLimit: def.retryLimit ?? 3,
    retryDelay: def.retryDelaySeconds ?? 10,
    retryBackoff: true,
    singletonKey: opts.singletonKey,
    startAfter: opts.startAfterSeconds,
    expireInSeconds: opts.expireInSeconds ?? def.expireInSeconds ?? 15 * 60,
  });
}

export async function stopQueue(): Promise<void> {
  const s = starting;
  starting = undefined;
  await (await s)?.stop({ graceful: true, timeout: 5_000 });
}

/** Enqueue by name (services use this to avoid importing job modules, which import services). */
export async function sendJob(name: string, data: object, opts: EnqueueOptions & { retryLimit?: number } = {}) {
  const q = await getQueue();
  await q.createQueue(name);
  return q.send(name, data, {
    retryLimit: opts.retryLimit ?? 2,
    retryDelay: 5,
    singletonKey: opts.singletonKey,
    startAfter: opts.startAfterSeconds,
    expireInSeconds: opts.expireInSeconds ?? 30 * 60,
  });
}
