import type { JobSpec } from './job-spec';
import { shq, slugify } from './shell';

export interface SlurmScriptOptions {
  /** Absolute job directory on the cluster's shared filesystem. */
  jobDir: string;
  partition?: string;
  account?: string;
  qos?: string;
  /** Extra `#SBATCH` lines, e.g. `--constraint=h100`. */
  extraDirectives?: string[];
}

/** `--time` as D-HH:MM:SS (accepted by every Slurm since 2.x). */
export function slurmTime(minutes: number): string {
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d}-${p(h)}:${p(m)}:00`;
}

/**
 * sbatch script for a spec. Shards become a job array `--array=0-(N-1)`; each task
 * gets SHARD_INDEX from SLURM_ARRAY_TASK_ID and writes its exit code next to its log,
 * so results survive after Slurm forgets the job (MinJobAge) without slurmdbd.
 */
export function sbatchScript(spec: JobSpec, o: SlurmScriptOptions): string {
  const d = o.jobDir;
  const array = spec.shards > 1;
  const lines = ['#!/bin/bash', `#SBATCH --job-name=${slugify(spec.name, 60)}`];
  lines.push(`#SBATCH --output=${d}/${array ? 'shard-%a.log' : 'shard-0.log'}`);
  if (array) lines.push(`#SBATCH --array=0-${spec.shards - 1}`);
  lines.push(`#SBATCH --chdir=${d}/work`);
  lines.push('#SBATCH --ntasks=1');
  lines.push(`#SBATCH --cpus-per-task=${spec.cpus}`);
  if (spec.gpus > 0) lines.push(`#SBATCH --gres=gpu:${spec.gpuType ? `${spec.gpuType.toLowerCase()}:` : ''}${spec.gpus}`);
  if (spec.memoryGb) lines.push(`#SBATCH --mem=${Math.ceil(spec.memoryGb * 1024)}M`);
  if (spec.timeLimitMinutes) lines.push(`#SBATCH --time=${slurmTime(spec.timeLimitMinutes)}`);
  if (o.partition) lines.push(`#SBATCH --partition=${o.partition}`);
  if (o.account) lines.push(`#SBATCH --account=${o.account}`);
  if (o.qos) lines.push(`#SBATCH --qos=${o.qos}`);
  for (const x of o.extraDirectives ?? []) lines.push(`#SBATCH ${x}`);
  lines.push(
    '',
    `d=${shq(d)}`,
    'export SHARD_INDEX="${SLURM_ARRAY_TASK_ID:-0}"',
    `export SHARD_COUNT=${spec.shards}`,
    'export SPECIALIST_JOB_DIR="$d"',
    'set -a; . "$d/secrets.env"; set +a',
    'bash "$d/run.sh" < /dev/null',
    'rc=$?',
    'echo "$rc" > "$d/shard-$SHARD_INDEX.exit-code.tmp" && mv "$d/shard-$SHARD_INDEX.exit-code.tmp" "$d/shard-$SHARD_INDEX.exit-code"',
    'exit "$rc"',
    '',
  );
  return lines.join('\n');
}
