import { randomBytes } from 'node:crypto';
import type { JobSpec } from './job-spec';
import {
  cancelCommand,
  launchScript,
  parseStatusOutput,
  runScript,
  secretsEnv,
  startCommand,
  statusCommand,
  type Probe,
  type ProbedShard,
} from './job-dir-scripts';
import { readLogs } from './log-follow';
import { redactSpec } from './redact';
import { shq, slugify } from './shell';
import { downloadVia, listArtifactsVia } from './artifacts';
import { runChecked, type ShellExec } from './exec';
import {
  aggregateShards,
  BackendError,
  type Artifact,
  type BackendKind,
  type BackendStatus,
  type Capabilities,
  type CheckResult,
  type ComputeBackend,
  type JobHandle,
  type LogChunk,
  type LogOptions,
  type ShardStatus,
} from './types';

export interface JobDirBackendConfig {
  /** Where job directories are created (absolute, or relative to the login dir over ssh). */
  workRoot: string;
  /** Seconds between SIGTERM and SIGKILL on cancel. */
  cancelGraceSeconds?: number;
  /** A shard with no pid this long after launch is reported failed (launcher died). */
  startupTimeoutSeconds?: number;
  capabilities?: Partial<Capabilities>;
}

/** `nvidia-smi --query-gpu=name --format=csv,noheader` -> distinct GPU names and count. */
export function parseNvidiaSmiNames(out: string): { gpuTypes: string[]; maxGpus: number } {
  const names = out
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^(NVIDIA-SMI has failed|No devices were found)/i.test(l));
  return { gpuTypes: [...new Set(names)].sort(), maxGpus: names.length };
}

/** Maps one probed shard to a state. Pure: exported for unit tests. */
export function shardStateFromProbe(s: ProbedShard, probe: Probe, startupTimeoutSeconds: number): ShardStatus {
  const base = { index: s.index };
  if (s.alive) return { ...base, state: 'running' };
  if (s.cancelled) return { ...base, state: 'cancelled', ...(s.exitCode !== undefined ? { exitCode: s.exitCode } : {}) };
  if (s.exitCode !== undefined) {
    if (s.exitCode === 0) return { ...base, state: 'succeeded', exitCode: 0 };
    const reason = s.exitCode === 124 ? 'time limit exceeded' : `exit code ${s.exitCode}`;
    return { ...base, state: 'failed', exitCode: s.exitCode, reason };
  }
  if (s.pid !== undefined) return { ...base, state: 'failed', reason: 'process ended without writing an exit code (killed or host rebooted)' };
  if (probe.launched !== undefined && probe.now !== undefined && probe.now - probe.launched > startupTimeoutSeconds) {
    return { ...base, state: 'failed', reason: 'shard never started' };
  }
  return { ...base, state: 'queued' };
}

/**
 * A backend that runs shards as detached process groups in a job directory, through a
 * ShellExec. With LocalShellExec it is the `local` backend, with SshShellExec the `ssh` one.
 */
export class JobDirBackend implements ComputeBackend {
  constructor(
    readonly kind: BackendKind,
    private readonly exec: ShellExec,
    private readonly config: JobDirBackendConfig,
  ) {}

  private jobDir(handle: JobHandle): string {
    const dir = handle.data.jobDir;
    if (handle.kind !== this.kind || typeof dir !== 'string') throw new BackendError('bad_handle', 'not a job-dir handle');
    return dir;
  }

  async submit(spec: JobSpec): Promise<JobHandle> {
    const id = `${slugify(spec.name)}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
    const made = await runChecked(
      this.exec,
      `mkdir -p ${shq(this.config.workRoot)}/${id}/work && cd ${shq(this.config.workRoot)}/${id} && pwd`,
    );
    const jobDir = made.stdout.trim();
    const d = shq(jobDir);
    await runChecked(this.exec, `cat > ${d}/job.json`, { stdin: JSON.stringify(redactSpec(spec), null, 2) });
    await runChecked(this.exec, `umask 077 && cat > ${d}/secrets.env`, { stdin: secretsEnv(spec) });
    await runChecked(this.exec, `cat > ${d}/run.sh`, { stdin: runScript(spec) });
    await runChecked(this.exec, `cat > ${d}/launch.sh`, { stdin: launchScript(spec) });
    await runChecked(this.exec, startCommand(jobDir, spec.shards));
    return { kind: this.kind, id, shards: spec.shards, data: { jobDir, where: this.exec.where } };
  }

  async status(handle: JobHandle): Promise<BackendStatus> {
    const probeOnce = async () => parseStatusOutput((await runChecked(this.exec, statusCommand(this.jobDir(handle), handle.shards))).stdout);
    let probe = await probeOnce();
    // The wrapper writes the exit-code file a moment after its child exits: a dead pid
    // without an exit code is usually that window, so look again before calling it lost.
    for (let i = 0; i < 3 && probe.shards.some((s) => !s.alive && s.pid !== undefined && s.exitCode === undefined && !s.cancelled); i++) {
      await new Promise((r) => setTimeout(r, 300));
      probe = await probeOnce();
    }
    if (probe.missing) return { state: 'unknown', reason: `job directory ${this.jobDir(handle)} not found` };
    const timeout = this.config.startupTimeoutSeconds ?? 60;
    return aggregateShards(probe.shards.map((s) => shardStateFromProbe(s, probe, timeout)));
  }

  logs(handle: JobHandle, opts: LogOptions = {}): AsyncIterable<LogChunk> {
    const shard = opts.shard ?? 0;
    const log = `${this.jobDir(handle)}/shard-${shard}/log`;
    return readLogs({
      shard,
      opts,
      read: async (since) => {
        const r = await runChecked(this.exec, `if [ -f ${shq(log)} ]; then tail -c +${since + 1} ${shq(log)} | head -c 1048576; fi`);
        return r.stdoutBytes;
      },
      isDone: async () => {
        const s = await this.status(handle);
        return s.state !== 'queued' && s.state !== 'running';
      },
    });
  }

  async cancel(handle: JobHandle, opts: { shard?: number } = {}): Promise<void> {
    const shards = opts.shard !== undefined ? [opts.shard] : [...Array(handle.shards).keys()];
    await runChecked(this.exec, cancelCommand(this.jobDir(handle), shards, this.config.cancelGraceSeconds ?? 5));
  }

  async listArtifacts(handle: JobHandle): Promise<Artifact[]> {
    return listArtifactsVia(this.exec, this.jobDir(handle));
  }

  async download(handle: JobHandle, path: string): Promise<Buffer> {
    return downloadVia(this.exec, this.jobDir(handle), path);
  }

  async capabilities(): Promise<Capabilities> {
    // Configured values win; otherwise ask the host's driver.
    const r = await this.exec.run('nvidia-smi --query-gpu=name --format=csv,noheader 2>/dev/null || true');
    return {
      ...parseNvidiaSmiNames(r.stdout),
      supportsArtifacts: true,
      supportsImages: false,
      ...this.config.capabilities,
    };
  }

  async check(): Promise<CheckResult> {
    try {
      const r = await this.exec.run(
        `for c in bash setsid nohup timeout ps tail find; do command -v "$c" >/dev/null || echo "MISSING $c"; done; mkdir -p ${shq(this.config.workRoot)} && test -w ${shq(this.config.workRoot)} || echo NOTWRITABLE`,
      );
      const missing = [...r.stdout.matchAll(/MISSING (\S+)/g)].map((m) => m[1]);
      if (missing.length) return { ok: false, error: 'command_missing', message: `missing on ${this.exec.where}: ${missing.join(', ')}` };
      if (r.stdout.includes('NOTWRITABLE') || r.code !== 0) {
        return { ok: false, error: 'permission_denied', message: `cannot write ${this.config.workRoot} on ${this.exec.where}` };
      }
      return { ok: true, detail: `${this.exec.where}: ready` };
    } catch (e) {
      if (e instanceof BackendError && e.code !== 'not_supported') {
        return { ok: false, error: e.code === 'command_failed' || e.code === 'submit_failed' || e.code === 'bad_handle' ? 'unknown' : e.code, message: e.message };
      }
      return { ok: false, error: 'unknown', message: (e as Error).message };
    }
  }

  async close(): Promise<void> {
    await this.exec.close?.();
  }
}
