// Many samples with bounded concurrency, resumable: each seed has an idempotency key and
// finished keys are skipped, so a killed run restarts without redoing or duplicating work.
import type { SampleResult, SeedFunction } from './pipeline';

export interface SampleStore {
  /** Keys already finished (any outcome). */
  finishedKeys(): Promise<Set<string>>;
  /** Persist one finished sample; must be idempotent per key. */
  save(key: string, result: SampleResult): Promise<void>;
}

export interface RunProgress {
  total: number;
  done: number;
  byStatus: Record<string, number>;
  stoppedBecause?: string;
  /** Set when the run gave up because every recent sample failed (see `maxConsecutiveFailures`). */
  failedBecause?: string;
}

/**
 * Outcomes that say the teacher or the sandbox did not work, as opposed to a sample the
 * pipeline rejected: a failed call or rollout, or a rollout the model's errors ended
 * before it changed anything (what a dead endpoint produces).
 */
export function isBrokenSample(r: SampleResult): boolean {
  return r.status === 'teacher_failed' || r.status === 'rollout_failed' || (r.status === 'empty_patch' && r.t1?.trajectory.exitStatus === 'model_error');
}

export const sampleKey = (s: SeedFunction) => `${s.commit}:${s.id}`;

export async function runSamples(opts: {
  seeds: SeedFunction[];
  concurrency: number;
  store: SampleStore;
  sample: (seed: SeedFunction) => Promise<SampleResult>;
  /** Checked before each new sample starts (cancel, budget cap); a reason stops the run. */
  shouldStop?: () => Promise<string | null>;
  onProgress?: (p: RunProgress) => Promise<void> | void;
  /**
   * Circuit breaker: after this many failed samples in a row (teacher unreachable, a sandbox
   * that cannot start) no new sample starts. Without it a dead endpoint would fail every
   * seed, each after its full retry schedule, for hours. Default max(8, 2 × concurrency).
   */
  maxConsecutiveFailures?: number;
}): Promise<RunProgress> {
  const finished = await opts.store.finishedKeys();
  const todo = opts.seeds.filter((s) => !finished.has(sampleKey(s)));
  const progress: RunProgress = { total: opts.seeds.length, done: opts.seeds.length - todo.length, byStatus: {} };
  let next = 0;
  let stop: string | null = null;
  let failed: string | null = null;
  let streak = 0;
  const maxStreak = opts.maxConsecutiveFailures ?? Math.max(8, 2 * opts.concurrency);
  const worker = async () => {
    while (!stop && !failed && next < todo.length) {
      const reason = (await opts.shouldStop?.()) ?? null;
      if (reason) {
        stop = reason;
        break;
      }
      const seed = todo[next++];
      let result: SampleResult;
      try {
        result = await opts.sample(seed);
      } catch (e) {
        // One broken sample must not end the stage: record it as failed, with the reason.
        result = { seed, status: 'rollout_failed', reason: `sample failed: ${(e as Error).message}`, attempts: 0, changeType: null, instruction: null, t1: null, pr: null, t2: null, recall: null, judgeCalls: 0, prCalls: 0 };
      }
      await opts.store.save(sampleKey(seed), result);
      progress.done++;
      progress.byStatus[result.status] = (progress.byStatus[result.status] ?? 0) + 1;
      streak = isBrokenSample(result) ? streak + 1 : 0;
      if (streak >= maxStreak && !failed) {
        failed = `Stopped after ${streak} failed samples in a row, so no more budget is spent on a teacher or sandbox that is not working. Last error: ${result.reason ?? result.status}`;
      }
      await opts.onProgress?.(progress);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency) }, worker));
  if (stop) progress.stoppedBecause = stop;
  else if (failed) progress.failedBecause = failed;
  return progress;
}
