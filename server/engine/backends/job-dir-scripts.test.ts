import { describe, expect, it } from 'vitest';
import { parseNvidiaSmiNames, shardStateFromProbe } from './job-dir-backend';
import { parseJobSpec } from './job-spec';
import { launchScript, parseStatusOutput, runScript, secretsEnv } from './job-dir-scripts';
import { redactSecrets, redactSpec } from './redact';
import { aggregateShards } from './types';

describe('job-dir protocol', () => {
  const spec = parseJobSpec({
    name: 'x',
    env: { B: "it's", A: '1' },
    secrets: { TOKEN: 'super-secret' },
    environment: { setup: ['module load cuda/12.4', 'source .venv/bin/activate'] },
    command: { argv: ['python', '-c', 'print("hi")'] },
    shards: 3,
    timeLimitMinutes: 2,
  });

  it('writes env, setup lines and a quoted argv into run.sh; secrets only into secrets.env', () => {
    const run = runScript(spec);
    expect(run).toContain(`export A=1\nexport B='it'\\''s'\nmodule load cuda/12.4\nsource .venv/bin/activate\nexec python -c 'print("hi")'`);
    expect(run).not.toContain('super-secret');
    expect(secretsEnv(spec)).toBe('export TOKEN=super-secret\n');
    expect(launchScript(spec)).toContain('SHARD_COUNT=3');
    expect(launchScript(spec)).toContain('timeout --signal=TERM --kill-after=30 120 bash');
  });

  it('parses the status probe and maps shard states', () => {
    const probe = parseStatusOutput('NOW 1000\nLAUNCHED 900\nSHARD 0 11 1 - 0\nSHARD 1 12 0 0 0\nSHARD 2 13 0 124 0\nSHARD 3 - 0 - 0\nSHARD 4 15 0 - 1\nSHARD 5 16 0 - 0\n');
    const states = probe.shards.map((s) => shardStateFromProbe(s, probe, 60));
    expect(states.map((s) => [s.state, s.exitCode, s.reason])).toEqual([
      ['running', undefined, undefined],
      ['succeeded', 0, undefined],
      ['failed', 124, 'time limit exceeded'],
      ['failed', undefined, 'shard never started'],
      ['cancelled', undefined, undefined],
      ['failed', undefined, 'process ended without writing an exit code (killed or host rebooted)'],
    ]);
    const fresh = parseStatusOutput('NOW 1000\nLAUNCHED 990\nSHARD 0 - 0 - 0\n');
    expect(shardStateFromProbe(fresh.shards[0], fresh, 60).state).toBe('queued');
    expect(parseStatusOutput('MISSING\n').missing).toBe(true);
  });

  it('aggregates shards: running wins, then failed over cancelled over succeeded', () => {
    expect(aggregateShards([{ index: 0, state: 'succeeded' }, { index: 1, state: 'running' }]).state).toBe('running');
    expect(aggregateShards([{ index: 0, state: 'cancelled' }, { index: 1, state: 'succeeded' }]).state).toBe('cancelled');
    expect(
      aggregateShards([
        { index: 0, state: 'cancelled' },
        { index: 1, state: 'failed', exitCode: 9, reason: 'exit code 9' },
      ]),
    ).toMatchObject({ state: 'failed', exitCode: 9, reason: 'shard 1: exit code 9' });
    expect(aggregateShards([{ index: 0, state: 'succeeded' }])).toMatchObject({ state: 'succeeded', exitCode: 0 });
    expect(aggregateShards([]).state).toBe('unknown');
  });

  it('redacts secret values from text and specs', () => {
    expect(redactSecrets('token=super-secret and super-secret-2', { A: 'super-secret', B: 'super-secret-2' })).toBe('token=*** and ***');
    expect(redactSecrets('a 1 b', ['1'])).toBe('a 1 b');
    expect(redactSpec(spec).secrets).toEqual({ TOKEN: '***' });
  });

  it('reads GPU names from nvidia-smi', () => {
    expect(parseNvidiaSmiNames('NVIDIA H100 80GB HBM3\nNVIDIA H100 80GB HBM3\n')).toEqual({ gpuTypes: ['NVIDIA H100 80GB HBM3'], maxGpus: 2 });
    expect(parseNvidiaSmiNames('')).toEqual({ gpuTypes: [], maxGpus: 0 });
    expect(parseNvidiaSmiNames("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\n")).toEqual({ gpuTypes: [], maxGpus: 0 });
  });
});
