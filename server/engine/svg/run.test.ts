import { describe, expect, it } from 'vitest';
import type { Trajectory } from '../agent/trajectory';
import type { SampleResult, SampleStatus, SeedFunction } from './pipeline';
import { isBrokenSample, runSamples, sampleKey } from './run';

const seeds: SeedFunction[] = Array.from({ length: 40 }, (_, i) => ({ id: `m.py::f${i}`, file: 'm.py', name: `f${i}`, commit: 'c0ffee' }));

function result(seed: SeedFunction, status: SampleStatus, exitStatus = 'submitted'): SampleResult {
  const t1 = status === 'empty_patch' ? { patch: '', trajectory: { exitStatus } as unknown as Trajectory } : null;
  return { seed, status, reason: `${status} (${exitStatus})`, attempts: 1, changeType: null, instruction: null, t1, pr: null, t2: null, recall: null, judgeCalls: 0, prCalls: 0 };
}

function memoryStore() {
  const saved = new Map<string, SampleResult>();
  return { saved, store: { finishedKeys: async () => new Set(saved.keys()), save: async (k: string, r: SampleResult) => void saved.set(k, r) } };
}

describe('runSamples circuit breaker', () => {
  it('stops starting samples after N failed in a row and says why; the failed ones are recorded', async () => {
    const { saved, store } = memoryStore();
    let started = 0;
    const progress = await runSamples({
      seeds,
      concurrency: 2,
      store,
      maxConsecutiveFailures: 5,
      sample: async (seed) => {
        started++;
        return seeds.indexOf(seed) < 3 ? result(seed, 'complete') : result(seed, 'empty_patch', 'model_error');
      },
    });
    expect(progress.failedBecause).toMatch(/^Stopped after 5 failed samples in a row.*Last error: empty_patch \(model_error\)/);
    expect(progress.stoppedBecause).toBeUndefined();
    // the two workers may each have one sample in flight when the breaker trips
    expect(started).toBeGreaterThanOrEqual(8);
    expect(started).toBeLessThanOrEqual(9);
    expect(saved.size).toBe(started);
  });

  it('a success or a rejected-but-working sample resets the streak, so scattered failures never trip it', async () => {
    const { store } = memoryStore();
    const statuses: SampleStatus[] = ['teacher_failed', 'rollout_failed', 'self_check_rejected', 'rollout_failed', 'teacher_failed', 'complete'];
    const progress = await runSamples({
      seeds,
      concurrency: 1,
      store,
      maxConsecutiveFailures: 3,
      sample: async (seed) => result(seed, statuses[seeds.indexOf(seed) % statuses.length]),
    });
    expect(progress.failedBecause).toBeUndefined();
    expect(progress.done).toBe(seeds.length);
  });

  it('defaults to max(8, 2 × concurrency) and resumes only the samples not yet run', async () => {
    const { saved, store } = memoryStore();
    const first = await runSamples({ seeds, concurrency: 1, store, sample: async (seed) => result(seed, 'rollout_failed') });
    expect(first.failedBecause).toMatch(/after 8 failed/);
    expect(saved.size).toBe(8);
    const second = await runSamples({ seeds, concurrency: 1, store, sample: async (seed) => result(seed, 'complete') });
    expect(second.failedBecause).toBeUndefined();
    expect(second.done).toBe(seeds.length);
    expect(saved.get(sampleKey(seeds[0]))!.status).toBe('rollout_failed');
  });

  it('only model errors make an empty patch count as broken', () => {
    expect(isBrokenSample(result(seeds[0], 'empty_patch', 'model_error'))).toBe(true);
    expect(isBrokenSample(result(seeds[0], 'empty_patch', 'submitted'))).toBe(false);
    expect(isBrokenSample(result(seeds[0], 'duplicate_patch'))).toBe(false);
    expect(isBrokenSample(result(seeds[0], 'teacher_failed'))).toBe(true);
  });
});
