// Streaming import throughput on generated SERA-format JSONL: MB/s, rows/s and peak RSS growth.
// The file is written to a temp dir first. Two stages: the engine alone (read + parse + validate
// + hash) and the whole import a user runs (also blob store + database rows), on embedded Postgres.
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDb } from '../server/db';
import { importJsonl, makeSeraRow } from '../server/engine/dataset/import';
import { createFsBlobStore } from '../server/engine/storage/fs-blob-store';
import { startEmbeddedPostgres } from '../server/runtime/embedded-postgres';
import { migrate } from '../server/runtime/migrate';
import { importTrajectories } from '../server/services/trajectory-import';
import type { Bench, BenchRow } from './bench';

async function writeRows(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  for (let i = 0; i < rows; i++) {
    if (!out.write(JSON.stringify(makeSeraRow(i, 4 + (i % 20))) + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r, j) => out.end((e?: Error) => (e ? j(e) : r())));
}

/** The whole import (engine + blob store + Trajectory rows) into a fresh embedded PostgreSQL. */
async function intoDatabase(dir: string, n: number): Promise<BenchRow[]> {
  const file = path.join(dir, 'db.jsonl');
  await writeRows(file, n);
  const mb = statSync(file).size / 1e6;
  // its own temp dir: as root, postgres runs as another user that cannot enter `dir` (0700)
  const pgDir = mkdtempSync(path.join(tmpdir(), 'import-bench-pg-'));
  const pg = await startEmbeddedPostgres({ dataDir: pgDir, port: 55000 + Math.floor(Math.random() * 4000), ephemeral: true, database: 'bench' });
  const db = createDb(pg.url);
  try {
    await migrate(pg.url, path.resolve(import.meta.dirname, '../prisma/migrations'));
    const orgId = (await db.organization.create({ data: { name: 'Import', slug: `import-${Date.now()}` } })).id;
    const deps = { db, blobs: createFsBlobStore(path.join(dir, 'blobs')) };
    const actor = { orgId, userId: 'bench', role: 'owner' as const };
    // warm-up on other rows: the first queries load Prisma's query compiler (one-time memory)
    const warm = Array.from({ length: 5 }, (_, i) => JSON.stringify(makeSeraRow(1_000_000 + i, 4))).join('\n') + '\n';
    await importTrajectories(deps, actor, (async function* () {
      yield warm;
    })());
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const t0 = performance.now();
    const res = await importTrajectories(deps, actor, createReadStream(file, { highWaterMark: 256 * 1024 }), {
      onProgress: () => (peak = Math.max(peak, process.memoryUsage().rss)),
    });
    const s = (performance.now() - t0) / 1000;
    return [
      { metric: `import into DB + blob store (${n.toLocaleString()} rows, ${mb.toFixed(1)} MB)`, value: Number((mb / s).toFixed(2)), unit: 'MB/s' },
      { metric: 'import into DB + blob store', value: Math.round(res.imported / s), unit: 'rows/s' },
      { metric: 'import into DB: rows stored', value: res.imported, unit: 'rows', target: `= ${n}`, ok: res.imported === n && res.errors.length === 0 },
      { metric: 'import into DB: peak RSS growth', value: Number(((peak - rssBefore) / 1e6).toFixed(1)), unit: 'MB', target: '< 64 MB', ok: peak - rssBefore < 64e6 },
    ];
  } finally {
    await db.$disconnect();
    await pg.stop();
    rmSync(pgDir, { recursive: true, force: true });
  }
}

export const bench: Bench = {
  async run({ short }) {
    const dir = mkdtempSync(path.join(tmpdir(), 'import-bench-'));
    try {
      const file = path.join(dir, 'sera.jsonl');
      await writeRows(file, short ? 500 : 20000);
      const size = statSync(file).size;
      const rssBefore = process.memoryUsage().rss;
      let peak = rssBefore;
      let ok = 0;
      let bad = 0;
      const t0 = performance.now();
      for await (const r of importJsonl(createReadStream(file, { highWaterMark: 256 * 1024 }), { onProgress: () => (peak = Math.max(peak, process.memoryUsage().rss)) })) {
        if (r.ok) ok += 1;
        else bad += 1;
      }
      const s = (performance.now() - t0) / 1000;
      peak = Math.max(peak, process.memoryUsage().rss);
      const mb = size / 1e6;
      const rows: BenchRow[] = [
        { metric: 'import file size', value: Number(mb.toFixed(1)), unit: 'MB' },
        { metric: 'import throughput', value: Number((mb / s).toFixed(1)), unit: 'MB/s', target: '>= 20 MB/s', ok: mb / s >= 20 },
        { metric: 'import rows', value: Math.round(ok / s), unit: 'rows/s' },
        { metric: 'import invalid rows', value: bad, unit: 'rows', target: '0', ok: bad === 0 },
        // Bounded memory: RSS must not grow with file size (the file is never held in memory).
        { metric: 'import peak RSS growth', value: Number(((peak - rssBefore) / 1e6).toFixed(1)), unit: 'MB', target: `< ${Math.max(64, mb / 2).toFixed(0)} MB`, ok: peak - rssBefore < Math.max(64e6, size / 2) },
        { metric: 'import peak RSS', value: Number((peak / 1e6).toFixed(1)), unit: 'MB' },
      ];
      rows.push(...(await intoDatabase(dir, short ? 300 : 5000)));
      return rows;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
