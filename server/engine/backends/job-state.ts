import type { BackendStatus } from './types';

/**
 * Lifecycle of a dashboard job row (the durable copy lives in Postgres; this module only
 * decides). queued → submitting → running → succeeded | failed | cancelled, with retry
 * failed → queued while attempts remain, and cancel from any non-terminal state.
 */
export type JobState = 'queued' | 'submitting' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export type JobEvent =
  | { type: 'submit' } // worker picked the job up and is calling backend.submit
  | { type: 'submitted' } // backend accepted it (handle stored)
  | { type: 'submit_failed'; reason: string }
  | { type: 'started' }
  | { type: 'succeeded' }
  | { type: 'failed'; reason?: string; exitCode?: number }
  | { type: 'cancel' }
  | { type: 'retry' };

export interface JobMachineRow {
  state: JobState;
  attempts: number;
  maxAttempts: number;
}

export class IllegalTransitionError extends Error {
  constructor(
    readonly from: JobState,
    readonly event: JobEvent['type'],
    why = 'not allowed',
  ) {
    super(`illegal job transition: ${event} from ${from} (${why})`);
    this.name = 'IllegalTransitionError';
  }
}

export const TERMINAL_JOB_STATES: readonly JobState[] = ['succeeded', 'failed', 'cancelled'];
export const isTerminalJobState = (s: JobState) => TERMINAL_JOB_STATES.includes(s);

const TABLE: Record<JobState, Partial<Record<JobEvent['type'], JobState>>> = {
  queued: { submit: 'submitting', cancel: 'cancelled' },
  // submitted → queued-at-backend still counts as running for us: the backend owns it now
  submitting: { submitted: 'running', submit_failed: 'failed', cancel: 'cancelled' },
  running: { started: 'running', succeeded: 'succeeded', failed: 'failed', cancel: 'cancelled' },
  succeeded: {},
  failed: { retry: 'queued' },
  cancelled: {},
};

/** The next state, or IllegalTransitionError. `retry` also needs attempts < maxAttempts. */
export function nextState(row: JobMachineRow, event: JobEvent): JobState {
  const to = TABLE[row.state][event.type];
  if (!to) throw new IllegalTransitionError(row.state, event.type);
  if (event.type === 'retry' && row.attempts >= row.maxAttempts) {
    throw new IllegalTransitionError(row.state, event.type, `attempts exhausted (${row.attempts}/${row.maxAttempts})`);
  }
  return to;
}

export function canTransition(row: JobMachineRow, event: JobEvent): boolean {
  try {
    nextState(row, event);
    return true;
  } catch (e) {
    if (e instanceof IllegalTransitionError) return false;
    throw e;
  }
}

export type ReconcileDecision =
  | { action: 'none' }
  | { action: 'transition'; event: JobEvent; to: JobState; thenRetry?: boolean }
  /** The backend lost the job (e.g. Slurm purged it, host rebooted) while we think it runs. */
  | { action: 'investigate'; reason: string };

export interface ReconcileRow extends JobMachineRow {
  /** The user asked to cancel; the worker must still tell the backend. */
  cancelRequested?: boolean;
  /** Consecutive `unknown` polls so far (the worker stores it). */
  unknownPolls?: number;
  /** For rows in `submitting`: whether a backend handle was stored, and for how long it has been submitting. */
  hasHandle?: boolean;
  submittingSeconds?: number;
}

/**
 * A worker that died between "submitting" and storing the outcome leaves the row stuck.
 * With a stored handle the job is at the backend (→ running); without one after
 * `timeoutSeconds` the submit is treated as failed (and retried while attempts remain).
 * Never resubmit blindly while a handle exists: that would run the job twice.
 */
export function reconcileSubmitting(row: ReconcileRow, opts: { timeoutSeconds?: number } = {}): ReconcileDecision {
  if (row.state !== 'submitting') return { action: 'none' };
  if (row.hasHandle) return { action: 'transition', event: { type: 'submitted' }, to: 'running' };
  if ((row.submittingSeconds ?? 0) < (opts.timeoutSeconds ?? 300)) return { action: 'none' };
  const thenRetry = !row.cancelRequested && row.attempts < row.maxAttempts;
  return {
    action: 'transition',
    event: { type: 'submit_failed', reason: 'submission did not complete (worker restarted?)' },
    to: 'failed',
    ...(thenRetry ? { thenRetry } : {}),
  };
}

/**
 * What the worker should do after polling the backend for a job it believes is running.
 * Pure: the caller applies the transition (and the backend cancel) transactionally.
 */
export function reconcile(row: ReconcileRow, backend: BackendStatus, opts: { maxUnknownPolls?: number } = {}): ReconcileDecision {
  if (row.state !== 'running') return { action: 'none' };
  switch (backend.state) {
    case 'queued':
    case 'running':
      return { action: 'none' };
    case 'succeeded':
      return { action: 'transition', event: { type: 'succeeded' }, to: 'succeeded' };
    case 'cancelled':
      return { action: 'transition', event: { type: 'cancel' }, to: 'cancelled' };
    case 'failed': {
      const event: JobEvent = { type: 'failed', reason: backend.reason, exitCode: backend.exitCode };
      // A cancel the user asked for must not be retried even if the backend reports "failed".
      const thenRetry = !row.cancelRequested && row.attempts < row.maxAttempts;
      return { action: 'transition', event, to: 'failed', ...(thenRetry ? { thenRetry } : {}) };
    }
    case 'unknown': {
      const polls = (row.unknownPolls ?? 0) + 1;
      if (polls >= (opts.maxUnknownPolls ?? 5)) {
        const reason = `backend lost track of the job: ${backend.reason ?? 'no status'}`;
        return {
          action: 'transition',
          event: { type: 'failed', reason },
          to: 'failed',
          ...(!row.cancelRequested && row.attempts < row.maxAttempts ? { thenRetry: true } : {}),
        };
      }
      return { action: 'investigate', reason: backend.reason ?? 'backend status unknown' };
    }
  }
}
