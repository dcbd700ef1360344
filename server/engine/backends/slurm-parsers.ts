import type { BackendState } from './types';

/**
 * Parsers for Slurm CLI output. Formats checked against Slurm 22.05 (the Debian 12
 * packages, exercised by the slurm int test) and the sbatch/squeue/sacct man pages:
 *   sbatch --parsable      -> "123" or "123;cluster"
 *   squeue -h -r -o '%i|%T|%r' -> "123_4|RUNNING|None", "123|PENDING|Resources"
 *   sacct -P -n -X -o JobID,State,ExitCode -> "123_4|CANCELLED by 0|0:15", "123_[5-7]|PENDING|0:0"
 *   scontrol show job -o   -> one "Key=Value ..." line per job / array task record
 */

export function parseSbatchParsable(out: string): string {
  const line = out.trim().split('\n').filter(Boolean).pop() ?? '';
  const m = /^(\d+)(?:;\S+)?$/.exec(line.trim());
  if (!m) throw new Error(`unexpected sbatch --parsable output: ${JSON.stringify(out.slice(0, 200))}`);
  return m[1];
}

export interface SlurmTaskRecord {
  jobId: string;
  /** Array task index, or undefined for a plain job. */
  task?: number;
  state: string;
  reason?: string;
  exitCode?: number;
  signal?: number;
}

/** "5", "1-3", "1,3,5-6", "0-15%4" -> task indexes. */
export function expandTaskRange(spec: string): number[] {
  const out: number[] = [];
  for (const part of spec.replace(/%\d+$/, '').split(',')) {
    const m = /^(\d+)(?:-(\d+))?(?::(\d+))?$/.exec(part.trim());
    if (!m) continue;
    const a = Number(m[1]);
    const b = m[2] !== undefined ? Number(m[2]) : a;
    const step = m[3] !== undefined ? Number(m[3]) : 1;
    for (let i = a; i <= b; i += step) out.push(i);
  }
  return out;
}

/** Splits a Slurm JobID column ("123", "123_4", "123_[0-3]", "123_4.batch") into records. */
function splitJobId(raw: string): { jobId: string; tasks: (number | undefined)[]; step: boolean } | undefined {
  const m = /^(\d+)(?:_(\[[^\]]*\]|\d+))?(\.\S+)?$/.exec(raw.trim());
  if (!m) return undefined;
  const taskPart = m[2];
  const tasks: (number | undefined)[] =
    taskPart === undefined ? [undefined] : taskPart.startsWith('[') ? expandTaskRange(taskPart.slice(1, -1)) : [Number(taskPart)];
  return { jobId: m[1], tasks, step: m[3] !== undefined };
}

function parseExitCode(s: string | undefined): { exitCode?: number; signal?: number } {
  const m = /^(\d+):(\d+)$/.exec((s ?? '').trim());
  if (!m) return {};
  return { exitCode: Number(m[1]), signal: Number(m[2]) };
}

/** squeue -h -r -o '%i|%T|%r' */
export function parseSqueue(out: string): SlurmTaskRecord[] {
  const recs: SlurmTaskRecord[] = [];
  for (const line of out.split('\n')) {
    if (!line.trim()) continue;
    const [id, state, reason] = line.split('|');
    const parsed = splitJobId(id ?? '');
    if (!parsed || !state) continue;
    for (const task of parsed.tasks) {
      recs.push({ jobId: parsed.jobId, task, state: state.trim(), reason: reason?.trim() || undefined });
    }
  }
  return recs;
}

/** sacct -P -n [-X] -o JobID,State,ExitCode[,Reason]; step lines (.batch, .extern, .0) are skipped. */
export function parseSacct(out: string): SlurmTaskRecord[] {
  const recs: SlurmTaskRecord[] = [];
  for (const line of out.split('\n')) {
    if (!line.trim()) continue;
    const [id, stateRaw, exit, reason] = line.split('|');
    const parsed = splitJobId(id ?? '');
    if (!parsed || parsed.step || !stateRaw) continue;
    // "CANCELLED by 0" carries the uid that cancelled; the state is the first word.
    const [state, ...rest] = stateRaw.trim().split(/\s+/);
    const why = [rest.join(' '), reason?.trim()].filter((x) => x && x !== 'None').join('; ');
    for (const task of parsed.tasks) {
      recs.push({ jobId: parsed.jobId, task, state, reason: why || undefined, ...parseExitCode(exit) });
    }
  }
  return recs;
}

/** scontrol show job -o <id>: pending array remainders appear as "ArrayTaskId=2-3". */
export function parseScontrolJobs(out: string): SlurmTaskRecord[] {
  const recs: SlurmTaskRecord[] = [];
  for (const line of out.split('\n')) {
    if (!line.includes('JobId=')) continue;
    const kv = new Map<string, string>();
    for (const m of line.matchAll(/(\S+?)=(\S*)/g)) if (!kv.has(m[1])) kv.set(m[1], m[2]);
    const arrayJob = kv.get('ArrayJobId');
    const jobId = arrayJob ?? kv.get('JobId')!;
    const taskSpec = kv.get('ArrayTaskId');
    const tasks: (number | undefined)[] = arrayJob && taskSpec ? expandTaskRange(taskSpec) : [undefined];
    const reason = kv.get('Reason');
    for (const task of tasks) {
      recs.push({
        jobId,
        task,
        state: kv.get('JobState') ?? 'UNKNOWN',
        reason: reason && reason !== 'None' ? reason : undefined,
        ...parseExitCode(kv.get('ExitCode')),
      });
    }
  }
  return recs;
}

/** Slurm job state -> our state, with a human reason for the unhappy ones. */
export function mapSlurmState(state: string): { state: BackendState; reason?: string } {
  const s = state.toUpperCase().replace(/\+$/, '');
  switch (s) {
    case 'PENDING':
    case 'CONFIGURING':
    case 'REQUEUED':
    case 'REQUEUE_HOLD':
    case 'REQUEUE_FED':
    case 'RESV_DEL_HOLD':
      return { state: 'queued' };
    case 'RUNNING':
    case 'COMPLETING':
    case 'STAGE_OUT':
    case 'SIGNALING':
    case 'RESIZING':
    case 'SUSPENDED':
    case 'STOPPED':
      return { state: 'running' };
    case 'COMPLETED':
      return { state: 'succeeded' };
    case 'CANCELLED':
      return { state: 'cancelled' };
    case 'TIMEOUT':
      return { state: 'failed', reason: 'time limit exceeded' };
    case 'OUT_OF_MEMORY':
      return { state: 'failed', reason: 'out of memory' };
    case 'NODE_FAIL':
      return { state: 'failed', reason: 'node failure' };
    case 'BOOT_FAIL':
      return { state: 'failed', reason: 'node boot failure' };
    case 'DEADLINE':
      return { state: 'failed', reason: 'deadline reached' };
    case 'PREEMPTED':
      return { state: 'failed', reason: 'preempted' };
    case 'FAILED':
    case 'SPECIAL_EXIT':
      return { state: 'failed' };
    case 'REVOKED':
      return { state: 'cancelled', reason: 'revoked (federation)' };
    default:
      return { state: 'unknown', reason: `Slurm state ${state}` };
  }
}

/** `sinfo -h -o '%G'` -> GPU types and the largest per-node count ("gpu:h100:8(S:0-1)", "gpu:2"). */
export function parseSinfoGres(out: string): { gpuTypes: string[]; maxGpus: number } {
  const types = new Set<string>();
  let max = 0;
  for (const line of out.split('\n')) {
    for (const item of line.split(',')) {
      const m = /^gpu(?::([A-Za-z][\w.-]*))?:(\d+)/.exec(item.trim());
      if (!m) continue;
      if (m[1]) types.add(m[1]);
      max = Math.max(max, Number(m[2]));
    }
  }
  return { gpuTypes: [...types].sort(), maxGpus: max };
}
