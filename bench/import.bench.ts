// Streaming import throughput on generated SERA-format JSONL: MB/s, rows/s and peak RSS growth.
// The file is written to a temp dir first so the bench measures read + parse + validate + hash.
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { importJsonl, makeSeraRow } from '../server/engine/dataset/import';
import type { Bench, BenchRow } from './bench';

async function writeRows(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  for (let i = 0; i < rows; i++) {
    if (!out.write(JSON.stringify(makeSeraRow(i, 4 + (i % 20))) + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r, j) => out.end((e?: Error) => (e ? j(e) : r())));
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
      return rows;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
