// The Postgres-backed queue (pg-boss). One instance per process.
import PgBoss from 'pg-boss';
import type { z } from 'zod';
import { getDatabaseUrl } from '../env';
import type { JobDefinition } from './define';

let boss: PgBoss | undefined;
let starting: Promise<PgBoss> | undefined;

export function getQueue(url = getDatabaseUrl()): Promise<PgBoss> {
  starting ??= (async () => {
    const b = new PgBoss({ connectionString: url, schema: 'pgboss', max: 5 });
    b.on('error', (e) => console.error(JSON.stringify({ level: 'error', msg: 'queue error', error: String(e) })));
    await b.start();
    boss = b;
    return b;
  })();
  return starting;
}

export async function enqueue<S extends z.ZodType>(def: JobDefinition<S>, data: z.infer<S>, opts: { singletonKey?: string; startAfterSeconds?: number } = {}) {
  const q = await getQueue();
  await q.createQueue(def.name);
  return q.send(def.name, def.schema.parse(data) as object, {
    retryLimit: def.retryLimit ?? 3,
    retryDelay: def.retryDelaySeconds ?? 10,
    retryBackoff: true,
    singletonKey: opts.singletonKey,
    startAfter: opts.startAfterSeconds,
  });
}

export async function stopQueue(): Promise<void> {
  const b = boss;
  boss = undefined;
  starting = undefined;
  await b?.stop({ graceful: true, timeout: 10_000 });
}
