import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { indexFunctions } from '../../engine/repo/function-index';
import { listTreeFiles, readTreeFiles } from '../../engine/repo/git-tree';
import { seededSample } from '../../engine/repo/function-index';
import { createUnsafeLocalSandbox } from '../../engine/sandbox';
import { makeRollout, teacherChat } from '../../engine/svg/rollout';
import { runSamples, sampleKey } from '../../engine/svg/run';
import { runSvgSample, seededRandom, type SeedFunction } from '../../engine/svg/pipeline';
import { appendSample, readSampleFile } from '../../engine/svg/file-store';
import { sampleRecord } from '../../engine/svg/records';
import type { CliCommand } from '../command';
import { UsageError } from '../command';

export const command: CliCommand = {
  summary: 'Run Soft Verified Generation on a local repository against any OpenAI-compatible teacher',
  usage: `Usage: specialist generate --repo PATH --endpoint URL --model NAME --samples N --out DIR
         [--commit SHA] [--concurrency 4] [--seed 0] [--max-steps 115] [--context 32768]
         [--api-key-env VAR] [--unsafe-local-sandbox] [--shard K/N]

  Samples N functions (deterministically from --seed) at the commit (default HEAD), runs
  rollout 1 → self-check → synthetic PR → rollout 2 → recall for each in a bubblewrap sandbox,
  and writes DIR/samples.ndjson (one line per finished sample; rerunning resumes), plus
  DIR/t1.jsonl and DIR/t2.jsonl training rows in SERA's format.`,
  async run(argv, io) {
    let v;
    try {
      v = parseArgs({
        args: argv,
        options: {
          repo: { type: 'string' },
          endpoint: { type: 'string' },
          model: { type: 'string' },
          samples: { type: 'string' },
          out: { type: 'string' },
          commit: { type: 'string' },
          concurrency: { type: 'string', default: '4' },
          seed: { type: 'string', default: '0' },
          'max-steps': { type: 'string', default: '115' },
          context: { type: 'string', default: '32768' },
          'api-key-env': { type: 'string' },
          'unsafe-local-sandbox': { type: 'boolean' },
          shard: { type: 'string' },
        },
      }).values;
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    for (const k of ['repo', 'endpoint', 'model', 'samples', 'out'] as const) if (!v[k]) throw new UsageError(`--${k} is required`);
    const repo = path.resolve(v.repo!);
    const n = Number(v.samples);
    if (!Number.isInteger(n) || n < 1) throw new UsageError('--samples must be a positive integer');
    let commit: string;
    try {
      commit = execFileSync('git', ['rev-parse', v.commit ?? 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
    } catch {
      throw new UsageError(`${repo} is not a git repository (or ${v.commit ?? 'HEAD'} does not exist)`);
    }
    const all = await listTreeFiles(repo, commit);
    const contents = await readTreeFiles(repo, commit, all.filter((f) => f.endsWith('.py')));
    const index = await indexFunctions({ listFiles: async () => all, readFile: async (f) => contents.get(f) ?? '' });
    if (!index.total) throw new UsageError(`No Python functions found in ${repo} at ${commit.slice(0, 10)}`);
    let seeds: SeedFunction[] = seededSample(index.functions, n, Number(v.seed)).map((f) => ({ id: f.id, file: f.file, name: f.qualifiedName.split('.').pop()!, commit }));
    if (v.shard) {
      // Shard k of n: every worker samples the same list and takes every n-th seed.
      const m = /^(\d+)\/(\d+)$/.exec(v.shard);
      if (!m || Number(m[1]) >= Number(m[2])) throw new UsageError('--shard must look like K/N with 0 ≤ K < N, e.g. 0/4');
      const [k, of] = [Number(m[1]), Number(m[2])];
      seeds = seeds.filter((_, i) => i % of === k);
    }
    const out = path.resolve(v.out!);
    const file = path.join(out, 'samples.ndjson');
    const apiKey = v['api-key-env'] ? process.env[v['api-key-env']] : undefined;
    const teacher = { baseUrl: v.endpoint!, model: v.model!, apiKey };
    const rollout = makeRollout({
      source: repo,
      workRoot: path.join(out, 'work'),
      teacher,
      maxSteps: Number(v['max-steps']),
      sandboxFor: v['unsafe-local-sandbox'] ? (dir) => createUnsafeLocalSandbox({ hostWorkdir: dir } as never) : undefined,
    });
    const chat = teacherChat(teacher);
    const known = new Set((await readSampleFile(file)).filter((r) => r.t1?.patch).map((r) => r.t1!.patch));
    const seen = { has: (h: string) => known.has(h), add: (h: string) => void known.add(h) };
    const prefix = `${path.basename(repo)}_${commit.slice(0, 5)}`;
    io.out(`${index.total} functions at ${commit.slice(0, 10)}; ${seeds.length} seeds; writing ${file}`);
    const progress = await runSamples({
      seeds,
      concurrency: Number(v.concurrency),
      store: {
        finishedKeys: async () => new Set((await readSampleFile(file)).map((r) => r.key)),
        save: async (key, r) => appendSample(file, sampleRecord(key, r, { instancePrefix: prefix, index: seeds.findIndex((s) => sampleKey(s) === key), contextLength: Number(v.context) })),
      },
      sample: (seed) =>
        runSvgSample(seed, {
          rollout,
          chat,
          rand: seededRandom(Number(v.seed) * 1_000_003 + seeds.indexOf(seed)),
          // patches are compared by text: the set holds full patches, hashing is unnecessary here
          seenPatches: { has: (h) => seen.has(h), add: (h) => seen.add(h) },
        }),
      onProgress: (p) => io.out(`  ${p.done}/${p.total} ${JSON.stringify(p.byStatus)}`),
    });
    const records = await readSampleFile(file);
    const t1 = records.filter((r) => r.t1?.row && !['self_check_rejected', 'empty_patch', 'teacher_failed'].includes(r.status)).map((r) => JSON.stringify(r.t1!.row));
    const t2 = records.filter((r) => r.status === 'complete' && r.t2?.row).map((r) => JSON.stringify({ ...r.t2!.row, recall: r.recall }));
    await writeFile(path.join(out, 't1.jsonl'), t1.join('\n') + (t1.length ? '\n' : ''));
    await writeFile(path.join(out, 't2.jsonl'), t2.join('\n') + (t2.length ? '\n' : ''));
    const complete = records.filter((r) => r.status === 'complete');
    const mean = complete.length ? complete.reduce((s, r) => s + (r.recall ?? 0), 0) / complete.length : 0;
    io.out(`done: ${records.length} samples, ${complete.length} complete T1/T2 pairs (mean recall ${mean.toFixed(3)}), ${t1.length} T1 rows, ${t2.length} T2 rows`);
    if (progress.failedBecause) io.err(progress.failedBecause);
    return progress.stoppedBecause || progress.failedBecause ? 1 : 0;
  },
};
