// `npm run bench [-- --short] [-- NAME...]`: runs every bench/*.bench.ts and prints one table.
// Each bench module exports `bench: Bench`. `--short` (or CI=true) asks for a quick pass.
import { readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Bench, BenchRow } from './bench';

const dir = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const short = args.includes('--short') || process.env.CI === 'true';
const only = args.filter((a) => !a.startsWith('--'));

// Figures only mean something next to the machine and how busy it was (other processes share the CPUs).
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' / ');
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.versions.node}, ${os.platform()} ${os.release()}`;
const loadAtStart = load();
const started = Date.now();

const files = (await readdir(dir)).filter((f) => f.endsWith('.bench.ts')).sort();
const rows: BenchRow[] = [];
let failed = 0;
for (const file of files) {
  const name = file.replace(/\.bench\.ts$/, '');
  if (only.length && !only.includes(name)) continue;
  const { bench } = (await import(path.join(dir, file))) as { bench: Bench };
  process.stderr.write(`bench ${name}${short ? ' (short)' : ''}...\n`);
  try {
    for (const row of await bench.run({ short })) rows.push({ ...row, bench: row.bench ?? name });
  } catch (e) {
    failed++;
    rows.push({ bench: name, metric: 'error', value: String(e instanceof Error ? e.message : e), unit: '' });
  }
}

console.log(`${short ? 'short' : 'full'} mode, ${((Date.now() - started) / 1000).toFixed(0)} s on ${machine}`);
console.log(`load average (1/5/15 min) at start ${loadAtStart}, at end ${load()}\n`);
const header = ['bench', 'metric', 'value', 'unit', 'target', 'ok'];
const table = rows.map((r) => [
  r.bench ?? '',
  r.metric,
  typeof r.value === 'number' ? formatNumber(r.value) : r.value,
  r.unit,
  r.target ?? '',
  r.ok === undefined ? '' : r.ok ? 'yes' : 'NO',
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => String(t[i]).length)));
const line = (cells: string[]) => '| ' + cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ') + ' |';
console.log(line(header));
console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
for (const t of table) console.log(line(t as string[]));
process.exitCode = failed ? 1 : 0;

function formatNumber(v: number): string {
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  return v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(2) : v.toPrecision(3);
}
