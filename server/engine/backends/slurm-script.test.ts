import { describe, expect, it } from 'vitest';
import { parseJobSpec } from './job-spec';
import { slurmShardStatus } from './slurm-backend';
import { sbatchScript, slurmTime } from './slurm-script';

describe('sbatch script generation', () => {
  it('emits resources, array, output paths and the exit-code protocol', () => {
    const spec = parseJobSpec({
      name: 'SVG: shard run',
      gpus: 4,
      gpuType: 'H100',
      cpus: 16,
      memoryGb: 1.5,
      shards: 8,
      timeLimitMinutes: 1500,
      command: { argv: ['true'] },
    });
    const s = sbatchScript(spec, { jobDir: '/shared/jobs/j1', partition: 'gpu', account: 'ml', extraDirectives: ['--exclusive'] });
    const directives = s.split('\n').filter((l) => l.startsWith('#SBATCH'));
    expect(directives).toEqual([
      '#SBATCH --job-name=svg-shard-run',
      '#SBATCH --output=/shared/jobs/j1/shard-%a.log',
      '#SBATCH --array=0-7',
      '#SBATCH --chdir=/shared/jobs/j1/work',
      '#SBATCH --ntasks=1',
      '#SBATCH --cpus-per-task=16',
      '#SBATCH --gres=gpu:h100:4',
      '#SBATCH --mem=1536M',
      '#SBATCH --time=1-01:00:00',
      '#SBATCH --partition=gpu',
      '#SBATCH --account=ml',
      '#SBATCH --exclusive',
    ]);
    expect(s).toContain('export SHARD_INDEX="${SLURM_ARRAY_TASK_ID:-0}"');
    expect(s).toContain('export SHARD_COUNT=8');
    const single = sbatchScript(parseJobSpec({ name: 'one', command: { argv: ['true'] } }), { jobDir: '/j' });
    expect(single).toContain('#SBATCH --output=/j/shard-0.log');
    expect(single).not.toContain('--array');
    expect(single).not.toContain('--gres');
  });

  it('formats --time as D-HH:MM:SS', () => {
    expect(slurmTime(5)).toBe('0-00:05:00');
    expect(slurmTime(61)).toBe('0-01:01:00');
    expect(slurmTime(2 * 1440 + 3)).toBe('2-00:03:00');
  });
});

describe('slurm shard status resolution', () => {
  const none = { cancelled: false };
  it('prefers live squeue, then finished records, then our files', () => {
    expect(slurmShardStatus(0, { jobId: '1', task: 0, state: 'PENDING', reason: 'Resources' }, undefined, none)).toEqual({
      index: 0,
      state: 'queued',
      reason: 'Resources',
    });
    expect(slurmShardStatus(1, undefined, { jobId: '1', task: 1, state: 'TIMEOUT', exitCode: 0 }, none)).toEqual({
      index: 1,
      state: 'failed',
      exitCode: 0,
      reason: 'time limit exceeded',
    });
    // our exit-code file is more precise than Slurm's ExitCode column
    expect(slurmShardStatus(2, undefined, { jobId: '1', task: 2, state: 'FAILED', exitCode: 1 }, { exitCode: 3, cancelled: false })).toMatchObject({
      state: 'failed',
      exitCode: 3,
      reason: 'exit code 3',
    });
    expect(slurmShardStatus(3, undefined, undefined, { cancelled: true })).toEqual({ index: 3, state: 'cancelled' });
    expect(slurmShardStatus(4, undefined, undefined, { exitCode: 0, cancelled: false })).toEqual({ index: 4, state: 'succeeded', exitCode: 0 });
    expect(slurmShardStatus(5, undefined, undefined, none).state).toBe('unknown');
  });
});
