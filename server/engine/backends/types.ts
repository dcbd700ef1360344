import type { JobSpec } from './job-spec';

export type BackendKind = 'local' | 'ssh' | 'slurm' | 'kubernetes' | 'skypilot';

/**
 * What a backend gives back on submit. Plain JSON so the dashboard can store it in
 * Postgres and reattach after a restart with a fresh backend instance.
 */
export interface JobHandle {
  kind: BackendKind;
  /** Backend-native id: job dir name, Slurm job id, k8s Job name, first SkyPilot job id. */
  id: string;
  shards: number;
  /** Backend-specific data needed to reattach (paths, namespace, per-shard ids). JSON only. */
  data: Record<string, unknown>;
}

export type BackendState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'unknown';

export interface ShardStatus {
  index: number;
  state: BackendState;
  exitCode?: number;
  reason?: string;
}

export interface BackendStatus {
  state: BackendState;
  exitCode?: number;
  reason?: string;
  shards?: ShardStatus[];
}

export interface LogChunk {
  shard: number;
  /** Byte offset of `text` in the shard's log (or line offset where the backend has no bytes). */
  offset: number;
  /** Pass as `since` to continue after this chunk. */
  nextOffset: number;
  text: string;
}

export interface LogOptions {
  shard?: number;
  since?: number;
  /** Keep polling until the job reaches a terminal state. */
  follow?: boolean;
  pollMs?: number;
  signal?: AbortSignal;
}

export interface Artifact {
  /** Relative to the job's working directory. */
  path: string;
  size: number;
}

export interface Capabilities {
  gpuTypes: string[];
  maxGpus: number;
  maxShards?: number;
  supportsArtifacts: boolean;
  supportsImages: boolean;
}

export type CheckErrorKind =
  | 'auth_failed'
  | 'host_unreachable'
  | 'host_key_mismatch'
  | 'command_missing'
  | 'permission_denied'
  | 'unknown';

export type CheckResult = { ok: true; detail?: string } | { ok: false; error: CheckErrorKind; message: string };

export interface ComputeBackend {
  readonly kind: BackendKind;
  submit(spec: JobSpec): Promise<JobHandle>;
  status(handle: JobHandle): Promise<BackendStatus>;
  logs(handle: JobHandle, opts?: LogOptions): AsyncIterable<LogChunk>;
  /** Cancel the whole job, or a single shard where the backend supports it. */
  cancel(handle: JobHandle, opts?: { shard?: number }): Promise<void>;
  listArtifacts(handle: JobHandle): Promise<Artifact[]>;
  download(handle: JobHandle, path: string): Promise<Buffer>;
  capabilities(): Promise<Capabilities>;
  check(): Promise<CheckResult>;
  /** Release connections (ssh). Safe to call twice. */
  close?(): Promise<void>;
}

/** Typed failure so callers can show "auth failed" rather than a stack trace. */
export class BackendError extends Error {
  constructor(
    readonly code: CheckErrorKind | 'not_supported' | 'bad_handle' | 'submit_failed' | 'command_failed',
    message: string,
  ) {
    super(message);
    this.name = 'BackendError';
  }
}

export const TERMINAL_STATES: readonly BackendState[] = ['succeeded', 'failed', 'cancelled'];
export const isTerminal = (s: BackendState) => TERMINAL_STATES.includes(s);

/**
 * Whole-job state from shard states: any running → running; all terminal → failed if any
 * failed, cancelled if any cancelled (and none failed), else succeeded.
 */
export function aggregateShards(shards: ShardStatus[]): BackendStatus {
  if (shards.length === 0) return { state: 'unknown', reason: 'no shards reported' };
  const states = shards.map((s) => s.state);
  const failed = shards.find((s) => s.state === 'failed');
  let state: BackendState;
  if (states.every((s) => isTerminal(s))) {
    state = failed ? 'failed' : states.includes('cancelled') ? 'cancelled' : 'succeeded';
  } else if (states.includes('running')) state = 'running';
  else if (states.includes('queued')) state = 'queued';
  else if (states.some((s) => isTerminal(s))) state = 'running'; // some done, rest unknown
  else state = 'unknown';
  const out: BackendStatus = { state, shards };
  if (isTerminal(state)) {
    out.exitCode = failed?.exitCode ?? (state === 'succeeded' ? 0 : undefined);
    if (out.exitCode === undefined) delete out.exitCode;
    const reason = failed?.reason ?? shards.find((s) => s.reason)?.reason;
    if (reason && state !== 'succeeded') out.reason = failed ? `shard ${failed.index}: ${reason}` : reason;
  }
  return out;
}
