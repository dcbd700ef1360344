import { describe, expect, it } from 'vitest';
import { canTransition, IllegalTransitionError, nextState, reconcile, reconcileSubmitting, type JobState } from './job-state';

const row = (state: JobState, attempts = 1, maxAttempts = 3) => ({ state, attempts, maxAttempts });

describe('job state machine', () => {
  it('walks the happy path', () => {
    let s: JobState = 'queued';
    s = nextState(row(s), { type: 'submit' });
    expect(s).toBe('submitting');
    s = nextState(row(s), { type: 'submitted' });
    expect(s).toBe('running');
    s = nextState(row(s), { type: 'succeeded' });
    expect(s).toBe('succeeded');
  });

  it('allows cancel from every non-terminal state and nowhere else', () => {
    for (const s of ['queued', 'submitting', 'running'] as JobState[]) expect(nextState(row(s), { type: 'cancel' })).toBe('cancelled');
    for (const s of ['succeeded', 'failed', 'cancelled'] as JobState[]) {
      expect(() => nextState(row(s), { type: 'cancel' })).toThrow(IllegalTransitionError);
    }
  });

  it('retries failed jobs only while attempts remain', () => {
    expect(nextState(row('failed', 2, 3), { type: 'retry' })).toBe('queued');
    expect(() => nextState(row('failed', 3, 3), { type: 'retry' })).toThrow(/attempts exhausted \(3\/3\)/);
    expect(canTransition(row('succeeded'), { type: 'retry' })).toBe(false);
  });

  it('throws a typed error with from/event on illegal transitions', () => {
    try {
      nextState(row('queued'), { type: 'succeeded' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(IllegalTransitionError);
      expect((e as IllegalTransitionError).from).toBe('queued');
      expect((e as IllegalTransitionError).event).toBe('succeeded');
    }
    expect(nextState(row('submitting'), { type: 'submit_failed', reason: 'sbatch: error' })).toBe('failed');
  });
});

describe('reconcile', () => {
  it('does nothing while the backend is queued/running or the row is not running', () => {
    expect(reconcile(row('running'), { state: 'queued' })).toEqual({ action: 'none' });
    expect(reconcile(row('running'), { state: 'running' })).toEqual({ action: 'none' });
    expect(reconcile(row('queued'), { state: 'succeeded' })).toEqual({ action: 'none' });
  });

  it('finishes, cancels, and fails with retry while attempts remain', () => {
    expect(reconcile(row('running'), { state: 'succeeded', exitCode: 0 })).toMatchObject({ action: 'transition', to: 'succeeded' });
    expect(reconcile(row('running'), { state: 'cancelled' })).toMatchObject({ to: 'cancelled' });
    expect(reconcile(row('running', 1, 3), { state: 'failed', exitCode: 2, reason: 'exit code 2' })).toEqual({
      action: 'transition',
      event: { type: 'failed', reason: 'exit code 2', exitCode: 2 },
      to: 'failed',
      thenRetry: true,
    });
    expect(reconcile(row('running', 3, 3), { state: 'failed' })).not.toHaveProperty('thenRetry');
    expect(reconcile({ ...row('running', 1, 3), cancelRequested: true }, { state: 'failed' })).not.toHaveProperty('thenRetry');
  });

  it('tolerates a few unknown polls, then fails the job', () => {
    expect(reconcile({ ...row('running'), unknownPolls: 0 }, { state: 'unknown', reason: 'ssh timeout' })).toEqual({
      action: 'investigate',
      reason: 'ssh timeout',
    });
    expect(reconcile({ ...row('running', 1, 1), unknownPolls: 4 }, { state: 'unknown', reason: 'gone' }, { maxUnknownPolls: 5 })).toEqual({
      action: 'transition',
      event: { type: 'failed', reason: 'backend lost track of the job: gone' },
      to: 'failed',
    });
  });
});

describe('reconcileSubmitting', () => {
  it('moves rows with a stored handle to running and times out the rest', () => {
    expect(reconcileSubmitting({ ...row('submitting'), hasHandle: true })).toMatchObject({ action: 'transition', to: 'running' });
    expect(reconcileSubmitting({ ...row('submitting'), submittingSeconds: 10 })).toEqual({ action: 'none' });
    expect(reconcileSubmitting({ ...row('submitting', 1, 2), submittingSeconds: 301 })).toMatchObject({
      action: 'transition',
      event: { type: 'submit_failed' },
      to: 'failed',
      thenRetry: true,
    });
    expect(reconcileSubmitting(row('running'))).toEqual({ action: 'none' });
  });
});
