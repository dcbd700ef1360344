import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { importJsonl, importTrajectoryJson, ImportError, type ImportResult } from '../../engine/dataset/import';
import type { CliCommand } from '../command';
import { UsageError } from '../command';

const MAX_SHOWN_ERRORS = 10;

export const command: CliCommand = {
  summary: 'Check and import trajectories: SERA JSONL rows, SWE-agent .traj or Specialist trajectory JSON',
  usage: `Usage: specialist import FILE [--format jsonl|traj] [--dry-run] [--json]

  Streams FILE, validates every row and prints counts plus the first ${MAX_SHOWN_ERRORS} errors with
  line numbers. --format defaults to traj for *.traj / *.json and jsonl otherwise. Nothing is
  stored yet from the CLI: --dry-run is accepted for scripts and is currently always the behaviour.
  Exit code 0 when at least one record is valid, 1 otherwise.`,
  async run(argv, io) {
    const files = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--format');
    if (files.length !== 1) throw new UsageError('Give exactly one FILE');
    const file = files[0];
    const fi = argv.indexOf('--format');
    const format = fi >= 0 ? argv[fi + 1] : /\.(traj|json)$/.test(file) ? 'traj' : 'jsonl';
    if (format !== 'jsonl' && format !== 'traj') throw new UsageError('--format must be jsonl or traj');
    try {
      await stat(file);
    } catch {
      throw new UsageError(`Cannot read ${file}`);
    }
    const results: ImportResult[] = [];
    let ok = 0;
    let bad = 0;
    const hashes = new Set<string>();
    let dupes = 0;
    const note = (r: ImportResult) => {
      if (r.ok) {
        ok += 1;
        if (hashes.has(r.record.contentHash)) dupes += 1;
        hashes.add(r.record.contentHash);
      } else {
        bad += 1;
        if (results.length < MAX_SHOWN_ERRORS) results.push(r);
      }
    };
    let bytes = 0;
    const started = Date.now();
    if (format === 'jsonl') {
      for await (const r of importJsonl(createReadStream(file), { onProgress: (b) => (bytes = b) })) note(r);
    } else {
      const text = await readFile(file, 'utf8');
      bytes = Buffer.byteLength(text);
      try {
        note({ line: 1, ok: true, record: importTrajectoryJson(text, file) });
      } catch (e) {
        if (!(e instanceof ImportError)) throw e;
        note({ line: 1, ok: false, error: e.message });
      }
    }
    const summary = { file, format, bytes, valid: ok, invalid: bad, duplicates: dupes, seconds: (Date.now() - started) / 1000, dryRun: true };
    if (argv.includes('--json')) {
      io.out(JSON.stringify({ ...summary, errors: results }, null, 2));
    } else {
      io.out(`${file} (${format}, ${bytes} bytes): ${ok} valid, ${bad} invalid, ${dupes} duplicate${dupes === 1 ? '' : 's'} (dry run)`);
      for (const r of results) if (!r.ok) io.out(`  line ${r.line}: ${r.error}`);
      if (bad > results.length) io.out(`  … ${bad - results.length} more errors`);
    }
    return ok > 0 ? 0 : 1;
  },
};
