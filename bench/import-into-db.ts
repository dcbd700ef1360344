// One whole import (engine + blob store + Trajectory rows) into a fresh embedded PostgreSQL,
// run by import.bench.ts in a child process of its own: a process's heap only grows, so two
// imports (or the engine stage before them) in one process would hide each other's growth.
// Usage (from the bench): fork this file with [jsonlFile, blobDir]; it sends back a DbImport.
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { createDb } from '../server/db';
import { makeSeraRow } from '../server/engine/dataset/import';
import { createFsBlobStore } from '../server/engine/storage/fs-blob-store';
import { startEmbeddedPostgres } from '../server/runtime/embedded-postgres';
import { migrate } from '../server/runtime/migrate';
import { importTrajectories } from '../server/services/trajectory-import';

/** A full collection, for the diagnostic rows only (the product never forces one): tells live
 *  memory (what the import retains) from garbage V8 has not collected yet. */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

export type DbImport = { mb: number; seconds: number; imported: number; errors: number; rssGrowth: number; liveHeapGrowth: number };

async function intoDatabase(file: string, blobDir: string): Promise<DbImport> {
  const mb = statSync(file).size / 1e6;
  // its own temp dir: as root, postgres runs as another user that cannot enter `dir` (0700)
  const pgDir = mkdtempSync(path.join(tmpdir(), 'import-bench-pg-'));
  const pg = await startEmbeddedPostgres({ dataDir: pgDir, port: 55000 + Math.floor(Math.random() * 4000), ephemeral: true, database: 'bench' });
  const db = createDb(pg.url);
  try {
    await migrate(pg.url, path.resolve(import.meta.dirname, '../prisma/migrations'));
    const orgId = (await db.organization.create({ data: { name: 'Import', slug: `import-${Date.now()}` } })).id;
    const deps = { db, blobs: createFsBlobStore(blobDir) };
    const actor = { orgId, userId: 'bench', role: 'owner' as const };
    // warm-up on other rows: the first queries load Prisma's query compiler (one-time memory)
    const warm = Array.from({ length: 5 }, (_, i) => JSON.stringify(makeSeraRow(1_000_000 + i, 4))).join('\n') + '\n';
    await importTrajectories(deps, actor, (async function* () {
      yield warm;
    })());
    // start from a collected heap, so the garbage of writing the file and starting up is not counted
    collectGarbage();
    const rssBefore = process.memoryUsage().rss;
    const heapBefore = process.memoryUsage().heapUsed;
    let peak = rssBefore;
    const t0 = performance.now();
    const res = await importTrajectories(deps, actor, createReadStream(file, { highWaterMark: 256 * 1024 }), {
      onProgress: () => (peak = Math.max(peak, process.memoryUsage().rss)),
    });
    const seconds = (performance.now() - t0) / 1000;
    collectGarbage();
    const liveHeapGrowth = process.memoryUsage().heapUsed - heapBefore;
    return { mb, seconds, imported: res.imported, errors: res.errors.length, rssGrowth: peak - rssBefore, liveHeapGrowth };
  } finally {
    await db.$disconnect();
    await pg.stop();
    rmSync(pgDir, { recursive: true, force: true });
  }
}

if (process.send) {
  const [file, blobDir] = process.argv.slice(2);
  const result = await intoDatabase(file!, blobDir!);
  process.send(result, () => process.exit(0));
}
