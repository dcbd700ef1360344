import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { fitPowerLaw, predict, seedStats, solveForX } from '../../engine/evals/scaling-law';
import type { CliCommand } from '../command';
import { UsageError } from '../command';

/** CSV with a header: samples,resolve_rate[,seed] (resolve rate in %). */
export function parsePointsCsv(text: string): { x: number; y: number }[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim());
  if (!lines.length) throw new UsageError('The CSV is empty');
  const header = lines[0].split(',').map((h) => h.trim().toLowerCase());
  const xi = header.indexOf('samples');
  const yi = header.findIndex((h) => h === 'resolve_rate' || h === 'resolve rate' || h === 'y');
  if (xi < 0 || yi < 0) throw new UsageError('The CSV needs a header with "samples" and "resolve_rate" columns');
  return lines.slice(1).map((l, i) => {
    const cells = l.split(',');
    const x = Number(cells[xi]);
    const y = Number(cells[yi]);
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw new UsageError(`Line ${i + 2}: "${l}" is not numeric`);
    return { x, y };
  });
}

const usd = (n: number) => `$${n.toLocaleString('en-US', { maximumFractionDigits: 0 })}`;

export const command: CliCommand = {
  summary: 'Fit y = a − b·x^(−c) to resolve rates vs samples and predict what a target costs',
  usage: `Usage: specialist fit POINTS.csv [--target PCT] [--cost-per-sample USD] [--asymptote-max PCT] [--json]

  POINTS.csv        header samples,resolve_rate[,seed]; one row per seed or per mean
  --target          resolve rate (%) to reach, e.g. 50
  --cost-per-sample dollars per trained sample (e.g. 0.1867 self-hosted, 0.0918 GLM-4.5-Air API)
  --asymptote-max   upper bound for the asymptote a (default 100; the paper's curve uses 70)`,
  async run(argv, io) {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, allowPositionals: true, options: { target: { type: 'string' }, 'cost-per-sample': { type: 'string' }, 'asymptote-max': { type: 'string' }, json: { type: 'boolean' } } });
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const file = parsed.positionals[0];
    if (!file) throw new UsageError('Give the CSV file of points');
    const num = (v: string | undefined, name: string) => {
      if (v === undefined) return undefined;
      const n = Number(v);
      if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a number`);
      return n;
    };
    const target = num(parsed.values.target, 'target');
    const costPerSample = num(parsed.values['cost-per-sample'], 'cost-per-sample');
    const aMax = num(parsed.values['asymptote-max'], 'asymptote-max') ?? 100;
    let text;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      throw new UsageError(`Cannot read ${file}`);
    }
    const points = parsePointsCsv(text);
    const fit = fitPowerLaw(points, { aMax });
    const samples = target === undefined ? undefined : solveForX(fit, target);
    const out = {
      a: fit.a,
      b: fit.b,
      c: fit.c,
      mae: fit.mae,
      points: fit.n,
      asymptoteAtBound: Math.abs(fit.a - aMax) < 1e-6,
      target,
      samplesForTarget: samples === undefined ? undefined : samples === null ? null : Math.ceil(samples),
      costForTarget: samples && costPerSample !== undefined ? Math.ceil(samples) * costPerSample : undefined,
    };
    if (parsed.values.json) {
      io.out(JSON.stringify(out, null, 2));
      return 0;
    }
    const lines = [
      `fit: y = ${fit.a.toFixed(2)} − ${fit.b.toFixed(3)}·x^(−${fit.c.toFixed(4)})   (${fit.n} points, mean absolute error ${fit.mae.toFixed(2)} points)`,
    ];
    if (out.asymptoteAtBound) lines.push(`note: the asymptote sits on its bound (${aMax}%): these points do not determine it, so predictions depend on that bound (--asymptote-max).`);
    for (const s of seedStats(points)) lines.push(`  ${String(s.x).padStart(8)} samples: observed ${s.mean.toFixed(2)}% (±${s.std.toFixed(2)}, ${s.n} seed${s.n > 1 ? 's' : ''}), fitted ${predict(fit, s.x).toFixed(2)}%`);
    if (target !== undefined) {
      if (samples === null) lines.push(`target ${target}%: above the fitted asymptote (${fit.a.toFixed(1)}%); more data alone will not reach it`);
      else lines.push(`target ${target}%: about ${Math.ceil(samples!).toLocaleString('en-US')} samples${out.costForTarget !== undefined ? `, ${usd(out.costForTarget)} at $${costPerSample}/sample` : ''}`);
    }
    io.out(lines.join('\n'));
    return 0;
  },
};
