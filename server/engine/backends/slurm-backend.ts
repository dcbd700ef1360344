import { randomBytes } from 'node:crypto';
import { runChecked, type ShellExec } from './exec';
import { listArtifactsVia, downloadVia } from './artifacts';
import type { JobSpec } from './job-spec';
import { runScript, secretsEnv } from './job-dir-scripts';
import { readLogs } from './log-follow';
import { redactSpec } from './redact';
import { exportLines, shq, slugify } from './shell';
import { sbatchScript, type SlurmScriptOptions } from './slurm-script';
import {
  mapSlurmState,
  parseSacct,
  parseSbatchParsable,
  parseScontrolJobs,
  parseSinfoGres,
  parseSqueue,
  type SlurmTaskRecord,
} from './slurm-parsers';
import {
  aggregateShards,
  BackendError,
  type Artifact,
  type BackendStatus,
  type Capabilities,
  type CheckResult,
  type ComputeBackend,
  type JobHandle,
  type LogChunk,
  type LogOptions,
  type ShardStatus,
} from './types';

export interface SlurmBackendConfig extends Omit<SlurmScriptOptions, 'jobDir'> {
  /** Job directories on the cluster's shared filesystem (absolute, or relative to the login dir). */
  workRoot: string;
  /** Exported before every Slurm command, e.g. { SLURM_CONF: '/etc/slurm/slurm.conf' }. */
  env?: Record<string, string>;
  /** Use sacct for finished jobs (needs slurmdbd); otherwise scontrol + exit-code files. */
  useSacct?: boolean;
}

/** Prefixes `export K=V;` so Slurm commands see the configured environment, locally or over ssh. */
function withEnv(command: string, env: Record<string, string> | undefined): string {
  const lines = exportLines(env ?? {});
  return lines.length ? `${lines.join('; ')}; ${command}` : command;
}

/** One shard's state from (in order) squeue, sacct/scontrol, our exit-code file, our cancel marker. */
export function slurmShardStatus(
  index: number,
  live: SlurmTaskRecord | undefined,
  finished: SlurmTaskRecord | undefined,
  files: { exitCode?: number; cancelled: boolean },
): ShardStatus {
  const rec = live ?? finished;
  if (rec) {
    const m = mapSlurmState(rec.state);
    const s: ShardStatus = { index, state: m.state };
    if (m.state === 'succeeded' || m.state === 'failed') {
      const code = files.exitCode ?? rec.exitCode;
      if (code !== undefined) s.exitCode = code;
    }
    const reason =
      m.reason ??
      (m.state === 'failed' && s.exitCode !== undefined ? `exit code ${s.exitCode}` : undefined) ??
      (m.state === 'queued' && rec.reason && !['None', '(null)'].includes(rec.reason) ? rec.reason : undefined);
    if (reason) s.reason = reason;
    return s;
  }
  if (files.cancelled) return { index, state: 'cancelled' };
  if (files.exitCode !== undefined) {
    return files.exitCode === 0
      ? { index, state: 'succeeded', exitCode: 0 }
      : { index, state: 'failed', exitCode: files.exitCode, reason: `exit code ${files.exitCode}` };
  }
  return { index, state: 'unknown', reason: 'Slurm has no record of this task and it left no exit code' };
}

const shardKey = (r: SlurmTaskRecord) => r.task ?? 0;

export class SlurmBackend implements ComputeBackend {
  readonly kind = 'slurm' as const;

  constructor(
    private readonly exec: ShellExec,
    private readonly config: SlurmBackendConfig,
  ) {}

  private run(cmd: string) {
    return runChecked(this.exec, withEnv(cmd, this.config.env));
  }

  private ids(handle: JobHandle): { jobId: string; jobDir: string } {
    const { jobId, jobDir } = handle.data;
    if (handle.kind !== 'slurm' || typeof jobId !== 'string' || typeof jobDir !== 'string') {
      throw new BackendError('bad_handle', 'not a slurm handle');
    }
    return { jobId, jobDir };
  }

  /** The sbatch script exactly as submit() would write it (for previews in the UI). */
  script(spec: JobSpec, jobDir: string): string {
    const { workRoot: _w, env: _e, useSacct: _u, ...opts } = this.config;
    return sbatchScript(spec, { ...opts, jobDir });
  }

  async submit(spec: JobSpec): Promise<JobHandle> {
    const name = `${slugify(spec.name)}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
    const root = shq(this.config.workRoot);
    const jobDir = (await this.run(`mkdir -p ${root}/${name}/work && cd ${root}/${name} && pwd`)).stdout.trim();
    const d = shq(jobDir);
    await runChecked(this.exec, `cat > ${d}/job.json`, { stdin: JSON.stringify(redactSpec(spec), null, 2) });
    await runChecked(this.exec, `umask 077 && cat > ${d}/secrets.env`, { stdin: secretsEnv(spec) });
    await runChecked(this.exec, `cat > ${d}/run.sh`, { stdin: runScript(spec) });
    await runChecked(this.exec, `cat > ${d}/job.sbatch`, { stdin: this.script(spec, jobDir) });
    let out: string;
    try {
      out = (await this.run(`cd ${d} && sbatch --parsable job.sbatch`)).stdout;
    } catch (e) {
      throw new BackendError('submit_failed', (e as Error).message);
    }
    const jobId = parseSbatchParsable(out);
    return { kind: 'slurm', id: jobId, shards: spec.shards, data: { jobId, jobDir, where: this.exec.where } };
  }

  async status(handle: JobHandle): Promise<BackendStatus> {
    const { jobId, jobDir } = this.ids(handle);
    // One round trip: live queue, finished records, and our own files, separated by markers.
    const finishedCmd = this.config.useSacct
      ? `sacct -P -n -X -j ${jobId} -o JobID,State,ExitCode 2>/dev/null`
      : `scontrol show job -o ${jobId} 2>/dev/null`;
    const r = await this.run(
      [
        `squeue -h -r -j ${jobId} -o '%i|%T|%r' 2>/dev/null`,
        'echo @@FINISHED',
        finishedCmd,
        'echo @@FILES',
        `cd ${shq(jobDir)} 2>/dev/null && for f in shard-*.exit-code shard-*.cancelled; do [ -e "$f" ] && echo "$f $(cat "$f")"; done`,
        'true',
      ].join('; '),
    );
    const [liveOut, rest = ''] = r.stdout.split('@@FINISHED\n');
    const [finishedOut, filesOut = ''] = rest.split('@@FILES\n');
    const live = new Map(parseSqueue(liveOut).map((x) => [shardKey(x), x]));
    const finished = new Map(
      (this.config.useSacct ? parseSacct(finishedOut) : parseScontrolJobs(finishedOut)).map((x) => [shardKey(x), x]),
    );
    const exitCodes = new Map<number, number>();
    const cancelled = new Set<number>();
    for (const line of filesOut.split('\n')) {
      let m = /^shard-(\d+)\.exit-code (-?\d+)/.exec(line);
      if (m) exitCodes.set(Number(m[1]), Number(m[2]));
      m = /^shard-(\d+)\.cancelled/.exec(line);
      if (m) cancelled.add(Number(m[1]));
    }
    const shards = [...Array(handle.shards).keys()].map((i) =>
      slurmShardStatus(i, live.get(i), finished.get(i), { exitCode: exitCodes.get(i), cancelled: cancelled.has(i) }),
    );
    return aggregateShards(shards);
  }

  logs(handle: JobHandle, opts: LogOptions = {}): AsyncIterable<LogChunk> {
    const { jobDir } = this.ids(handle);
    const shard = opts.shard ?? 0;
    const log = shq(`${jobDir}/shard-${shard}.log`);
    return readLogs({
      shard,
      opts,
      read: async (since) => (await this.run(`if [ -f ${log} ]; then tail -c +${since + 1} ${log} | head -c 1048576; fi`)).stdoutBytes,
      isDone: async () => {
        const s = await this.status(handle);
        return s.state !== 'queued' && s.state !== 'running';
      },
    });
  }

  async cancel(handle: JobHandle, opts: { shard?: number } = {}): Promise<void> {
    const { jobId, jobDir } = this.ids(handle);
    const shards = opts.shard !== undefined ? [opts.shard] : [...Array(handle.shards).keys()];
    // Markers first: Slurm drops cancelled pending array tasks from its records entirely.
    const markers = shards.map((i) => `touch ${shq(`${jobDir}/shard-${i}.cancelled`)}`).join(' && ');
    const target = opts.shard !== undefined && handle.shards > 1 ? `${jobId}_${opts.shard}` : jobId;
    await this.run(`${markers} && scancel ${target}`);
  }

  async listArtifacts(handle: JobHandle): Promise<Artifact[]> {
    const { jobDir } = this.ids(handle);
    return listArtifactsVia(this.exec, jobDir);
  }

  async download(handle: JobHandle, path: string): Promise<Buffer> {
    return downloadVia(this.exec, this.ids(handle).jobDir, path);
  }

  async capabilities(): Promise<Capabilities> {
    const r = await this.run(`sinfo -h -o '%G'`);
    return { ...parseSinfoGres(r.stdout), supportsArtifacts: true, supportsImages: false, maxShards: undefined };
  }

  async check(): Promise<CheckResult> {
    try {
      const r = await this.exec.run(
        withEnv(`for c in sbatch squeue scontrol scancel sinfo; do command -v "$c" >/dev/null || echo "MISSING $c"; done; sinfo -h -o '%P %a' 2>&1 | head -5`, this.config.env),
      );
      const missing = [...r.stdout.matchAll(/MISSING (\S+)/g)].map((m) => m[1]);
      if (missing.length) return { ok: false, error: 'command_missing', message: `missing on ${this.exec.where}: ${missing.join(', ')}` };
      if (/error/i.test(r.stdout)) return { ok: false, error: 'host_unreachable', message: `slurmctld not reachable: ${r.stdout.trim()}` };
      return { ok: true, detail: `partitions: ${r.stdout.trim().split('\n').join(', ')}` };
    } catch (e) {
      const code = e instanceof BackendError ? e.code : 'unknown';
      const known = ['auth_failed', 'host_unreachable', 'host_key_mismatch', 'command_missing', 'permission_denied'] as const;
      return { ok: false, error: (known as readonly string[]).includes(code) ? (code as (typeof known)[number]) : 'unknown', message: (e as Error).message };
    }
  }

  async close(): Promise<void> {
    await this.exec.close?.();
  }
}
