import { readFile } from 'node:fs/promises';
import { isVerified, lineRecall } from '../../engine/verify';
import type { CliCommand } from '../command';
import { UsageError } from '../command';

export const command: CliCommand = {
  summary: "Line-level recall of P1's changed lines in P2 (SERA soft verification)",
  usage: `Usage: specialist recall P1.diff P2.diff [--threshold 0.5] [--json]

  Prints r = matched / |P1 changed lines|, the verification level (hard r = 1, soft 0 < r < 1,
  unverified r = 0, undefined when P1 has no changed lines) and the matched and missed lines.`,
  async run(argv, io) {
    const files = argv.filter((a) => !a.startsWith('--') && !/^\d*\.?\d+$/.test(a));
    if (files.length !== 2) throw new UsageError('Give two patch files: P1 (rollout 1) and P2 (rollout 2)');
    const ti = argv.indexOf('--threshold');
    const threshold = ti >= 0 ? Number(argv[ti + 1]) : undefined;
    if (threshold !== undefined && !(threshold >= 0 && threshold <= 1)) throw new UsageError('--threshold must be between 0 and 1');
    const read = async (f: string) => {
      try {
        return await readFile(f, 'utf8');
      } catch {
        throw new UsageError(`Cannot read ${f}`);
      }
    };
    const r = lineRecall(await read(files[0]), await read(files[1]));
    if (argv.includes('--json')) {
      io.out(JSON.stringify({ ...r, verified: threshold === undefined ? undefined : isVerified(r, threshold) }, null, 2));
      return 0;
    }
    const lines = [
      `recall: ${r.recall === null ? 'undefined (P1 has no changed lines)' : `${r.recall.toFixed(4)} (${r.matched.length}/${r.p1Lines})`}`,
      `level:  ${r.level}`,
      ...(threshold !== undefined ? [`verified at ${threshold}: ${isVerified(r, threshold) ? 'yes' : 'no'}`] : []),
      '',
      `matched (${r.matched.length}):`,
      ...r.matched.map((l) => `  ✓ ${l}`),
      `missed (${r.missed.length}):`,
      ...r.missed.map((l) => `  ✗ ${l}`),
    ];
    io.out(lines.join('\n'));
    return 0;
  },
};
