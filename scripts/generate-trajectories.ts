#!/usr/bin/env -S npx tsx
// `npx tsx scripts/generate-trajectories.ts --org SLUG [--count 200000]`: fills an organization
// with synthetic, realistic T1/T2 trajectory pairs (lineage, recall, patches, tokens, labels,
// PR text) whose bodies land in the blob store, so the browser, histogram and viewer can be
// tried and measured at scale. Uses DATABASE_URL when set, otherwise the embedded PostgreSQL of
// the data dir (started if no `specialist serve` is running it).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDb } from '../server/db';
import { createFsBlobStore } from '../server/engine/storage/fs-blob-store';
import { startEmbeddedPostgres } from '../server/runtime/embedded-postgres';
import { seedSyntheticTrajectories } from '../server/testing/synthetic-trajectories';

const USAGE = `Usage: npx tsx scripts/generate-trajectories.ts --org SLUG [options]

  --org SLUG        organization to fill (sign up in the dashboard first; its slug is in Settings)
  --count N         trajectory rows to insert (default 200000; T1/T2 pairs, so ~N/2 of each)
  --data-dir DIR    data dir holding the blob store and, without DATABASE_URL, the embedded
                    PostgreSQL (default $SPECIALIST_DATA_DIR or .data)
  --pg-port N       embedded PostgreSQL port (default $SPECIALIST_PG_PORT or 54329)
  --distinct N      distinct pair bodies, reused round-robin (default min(N/2, 1000))
  --no-blobs        rows only (the viewer cannot open them; list/histogram work)
  --seed N          random seed (default 42)`;

async function main(): Promise<number> {
  let flags;
  try {
    flags = parseArgs({
      options: {
        org: { type: 'string' }, count: { type: 'string' }, 'data-dir': { type: 'string' }, 'pg-port': { type: 'string' },
        distinct: { type: 'string' }, 'no-blobs': { type: 'boolean' }, seed: { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (flags.help) return console.log(USAGE), 0;
  const positive = (name: string, v: string | undefined, dflt: number) => {
    const n = v === undefined ? dflt : Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got ${JSON.stringify(v)}`);
    return n;
  };
  if (!flags.org) {
    console.error(`--org is required\n\n${USAGE}`);
    return 2;
  }
  const count = positive('count', flags.count, 200_000);
  const dataDir = path.resolve(flags['data-dir'] ?? process.env.SPECIALIST_DATA_DIR ?? '.data');
  let url = process.env.DATABASE_URL;
  let stop = async () => {};
  if (!url) {
    const pg = await startEmbeddedPostgres({ dataDir, port: positive('pg-port', flags['pg-port'] ?? process.env.SPECIALIST_PG_PORT, 54329) });
    url = pg.url;
    stop = pg.stop;
  }
  const db = createDb(url);
  try {
    const org = await db.organization.findUnique({ where: { slug: flags.org }, select: { id: true, name: true } });
    if (!org) {
      const known = (await db.organization.findMany({ select: { slug: true }, take: 10 })).map((o) => o.slug);
      console.error(`No organization with slug "${flags.org}"${known.length ? ` (known: ${known.join(', ')})` : ' (none yet: sign up in the dashboard first)'}`);
      return 1;
    }
    const t0 = performance.now();
    let last = 0;
    const res = await seedSyntheticTrajectories({
      db, orgId: org.id, count, seed: positive('seed', flags.seed, 42),
      blobs: flags['no-blobs'] ? undefined : createFsBlobStore(path.join(dataDir, 'blobs')),
      distinctPairs: flags.distinct ? positive('distinct', flags.distinct, 1000) : undefined,
      onProgress: (done, total) => {
        if (done - last >= 20_000 || done === total) {
          last = done;
          process.stderr.write(`  ${done.toLocaleString()} / ${total.toLocaleString()} rows (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
        }
      },
    });
    await db.$executeRawUnsafe('ANALYZE "Trajectory"'); // fresh statistics so the planner uses the indexes at once
    const s = (performance.now() - t0) / 1000;
    console.log(`Inserted ${res.inserted.toLocaleString()} trajectories (${res.blobs} bodies in ${path.join(dataDir, 'blobs')}) into "${org.name}" in ${s.toFixed(1)} s (${Math.round(res.inserted / s).toLocaleString()} rows/s)`);
    if (res.firstT2Id) console.log(`Open one: /trajectories/${res.firstT2Id}`);
    return 0;
  } finally {
    await db.$disconnect();
    await stop();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  },
);
