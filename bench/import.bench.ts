// Streaming import throughput on generated SERA-format JSONL: MB/s, rows/s and peak RSS growth.
// The file is written to a temp dir first. Two stages: the engine alone (read + parse + validate
// + hash) and the whole import a user runs (also blob store + database rows), on embedded Postgres.
import { fork } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { importJsonl, makeSeraRow } from '../server/engine/dataset/import';
import type { Bench, BenchRow } from './bench';
import type { DbImport } from './import-into-db';

async function writeRows(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  for (let i = 0; i < rows; i++) {
    if (!out.write(JSON.stringify(makeSeraRow(i, 4 + (i % 20))) + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r, j) => out.end((e?: Error) => (e ? j(e) : r())));
}

/** The whole import in a child process of its own (see import-into-db.ts). */
async function intoDatabase(dir: string, n: number): Promise<DbImport> {
  const file = path.join(dir, `db-${n}.jsonl`);
  await writeRows(file, n);
  const child = fork(path.join(import.meta.dirname, 'import-into-db.ts'), [file, path.join(dir, `blobs-${n}`)], { execArgv: process.execArgv });
  return new Promise<DbImport>((resolve, reject) => {
    child.once('message', (m) => resolve(m as DbImport));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the import child exited (code ${code}) without a result`)));
  });
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
      const n = short ? 300 : 5000;
      const small = await intoDatabase(dir, n);
      const MB = (b: number) => Number((b / 1e6).toFixed(1));
      rows.push(
        { metric: `import into DB + blob store (${n.toLocaleString()} rows, ${small.mb.toFixed(1)} MB)`, value: Number((small.mb / small.seconds).toFixed(2)), unit: 'MB/s' },
        { metric: 'import into DB + blob store', value: Math.round(small.imported / small.seconds), unit: 'rows/s' },
        { metric: 'import into DB: rows stored', value: small.imported, unit: 'rows', target: `= ${n}`, ok: small.imported === n && small.errors === 0 },
        { metric: 'import into DB: peak RSS growth', value: MB(small.rssGrowth), unit: 'MB', target: '< 64 MB', ok: small.rssGrowth < 64e6 },
        // diagnostic: what stays alive after the import once garbage is collected (a leak shows here)
        { metric: 'import into DB: live heap growth after a forced GC (diagnostic)', value: MB(small.liveHeapGrowth), unit: 'MB', target: '< 16 MB', ok: small.liveHeapGrowth < 16e6 },
      );
      if (!short) {
        // ten times the rows: memory must not grow with the file
        const large = await intoDatabase(dir, n * 10);
        rows.push(
          { metric: `import into DB, ${large.imported.toLocaleString()} rows (${large.mb.toFixed(0)} MB)`, value: Math.round(large.imported / large.seconds), unit: 'rows/s', target: `= ${(n * 10).toLocaleString()} stored`, ok: large.imported === n * 10 && large.errors === 0 },
          { metric: `import into DB, ${large.imported.toLocaleString()} rows: peak RSS growth`, value: MB(large.rssGrowth), unit: 'MB', target: `< ${n.toLocaleString()}-row figure + 32 MB`, ok: large.rssGrowth < small.rssGrowth + 32e6 },
          { metric: `import into DB, ${large.imported.toLocaleString()} rows: live heap growth after a forced GC (diagnostic)`, value: MB(large.liveHeapGrowth), unit: 'MB', target: '< 16 MB', ok: large.liveHeapGrowth < 16e6 },
        );
      }
      return rows;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
