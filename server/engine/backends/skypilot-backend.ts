import { randomBytes } from 'node:crypto';
import { runChecked, type ShellExec } from './exec';
import type { JobSpec } from './job-spec';
import { readLogs } from './log-follow';
import { exportLines, shq, shellJoin, slugify } from './shell';
import { mapSkyState, parseJobsQueue, parseLaunchJobId } from './skypilot-parsers';
import { skypilotTaskYaml, type SkyPilotTaskOptions } from './skypilot-task';
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

export interface SkyPilotBackendConfig extends SkyPilotTaskOptions {
  /** Where task YAMLs are written before launch (on the machine that runs `sky`). */
  workRoot: string;
  /** The `sky` executable (default `sky`). */
  skyBin?: string;
  capabilities?: Partial<Capabilities>;
}

/**
 * SkyPilot managed jobs through the `sky` CLI, run via an injected ShellExec (a local
 * shell by default; a fake CLI in tests). One managed job per shard, each launched with
 * `--env SHARD_INDEX=i`, so preemption recovery is per shard.
 */
export class SkyPilotBackend implements ComputeBackend {
  readonly kind = 'skypilot' as const;
  constructor(
    private readonly exec: ShellExec,
    private readonly config: SkyPilotBackendConfig,
  ) {}

  private get sky() {
    return shq(this.config.skyBin ?? 'sky');
  }

  private jobIds(handle: JobHandle): string[] {
    const ids = handle.data.jobIds;
    if (handle.kind !== 'skypilot' || !Array.isArray(ids) || !ids.every((x) => typeof x === 'string')) {
      throw new BackendError('bad_handle', 'not a skypilot handle');
    }
    return ids as string[];
  }

  taskYaml(spec: JobSpec, name: string): string {
    return skypilotTaskYaml(spec, name, this.config);
  }

  async submit(spec: JobSpec): Promise<JobHandle> {
    const name = `${slugify(spec.name, 40)}-${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
    const dir = `${this.config.workRoot}/${name}`;
    const yamlPath = `${dir}/task.yaml`;
    await runChecked(this.exec, `mkdir -p ${shq(dir)} && cat > ${shq(yamlPath)}`, { stdin: this.taskYaml(spec, name) });
    const secretNames = Object.keys(spec.secrets).sort();
    const jobIds: string[] = [];
    for (let i = 0; i < spec.shards; i++) {
      const argv = ['jobs', 'launch', '-y', '-d', '-n', spec.shards > 1 ? `${name}-${i}` : name, '--env', `SHARD_INDEX=${i}`];
      for (const s of secretNames) argv.push('--secret', s);
      argv.push(yamlPath);
      // Secret values come in on stdin and are exported only inside this shell.
      const cmd = secretNames.length ? `set -a; . /dev/stdin; set +a; ${this.sky} ${shellJoin(argv)}` : `${this.sky} ${shellJoin(argv)}`;
      let out: string;
      try {
        const r = await runChecked(this.exec, cmd, { stdin: exportLines(spec.secrets).join('\n') + '\n' });
        out = r.stdout + r.stderr;
      } catch (e) {
        if (jobIds.length) await this.exec.run(`${this.sky} jobs cancel -y ${jobIds.join(' ')}`).catch(() => undefined);
        throw new BackendError('submit_failed', (e as Error).message);
      }
      jobIds.push(parseLaunchJobId(out));
    }
    return { kind: 'skypilot', id: jobIds[0], shards: spec.shards, data: { jobIds, name, yamlPath } };
  }

  async status(handle: JobHandle): Promise<BackendStatus> {
    const ids = this.jobIds(handle);
    const r = await runChecked(this.exec, `${this.sky} jobs queue`);
    const rows = new Map(parseJobsQueue(r.stdout).map((x) => [x.id, x]));
    const shards: ShardStatus[] = ids.map((id, index) => {
      const row = rows.get(id);
      if (!row) return { index, state: 'unknown', reason: `managed job ${id} not in sky jobs queue` };
      const m = mapSkyState(row.status);
      return { index, state: m.state, ...(m.reason ? { reason: m.reason } : {}), ...(m.state === 'succeeded' ? { exitCode: 0 } : {}) };
    });
    return aggregateShards(shards);
  }

  logs(handle: JobHandle, opts: LogOptions = {}): AsyncIterable<LogChunk> {
    const ids = this.jobIds(handle);
    const shard = opts.shard ?? 0;
    return readLogs({
      shard,
      opts,
      // `sky jobs logs --no-follow` prints everything so far; we slice from the byte offset.
      read: async (since) => {
        const r = await runChecked(this.exec, `${this.sky} jobs logs --no-follow ${shq(ids[shard])}`);
        return r.stdoutBytes.subarray(Math.min(since, r.stdoutBytes.length));
      },
      isDone: async () => {
        const s = await this.status(handle);
        return s.state !== 'queued' && s.state !== 'running';
      },
    });
  }

  async cancel(handle: JobHandle, opts: { shard?: number } = {}): Promise<void> {
    const ids = this.jobIds(handle);
    const target = opts.shard !== undefined ? [ids[opts.shard]] : ids;
    await runChecked(this.exec, `${this.sky} jobs cancel -y ${target.map(shq).join(' ')}`);
  }

  async listArtifacts(_handle: JobHandle): Promise<Artifact[]> {
    return []; // SkyPilot clusters are ephemeral: jobs upload results (worker API / bucket)
  }

  async download(_handle: JobHandle, _path: string): Promise<Buffer> {
    throw new BackendError('not_supported', 'skypilot jobs report results through the worker API or a bucket');
  }

  async capabilities(): Promise<Capabilities> {
    return { gpuTypes: ['H100', 'H200', 'A100-80GB', 'L40S'], maxGpus: 8, supportsArtifacts: false, supportsImages: true, ...this.config.capabilities };
  }

  async check(): Promise<CheckResult> {
    const r = await this.exec.run(`command -v ${this.sky} >/dev/null || { echo MISSING; exit 0; }; ${this.sky} jobs queue 2>&1 | tail -3`);
    if (r.stdout.includes('MISSING')) return { ok: false, error: 'command_missing', message: `${this.config.skyBin ?? 'sky'} not found on ${this.exec.where}` };
    if (r.code !== 0 || /error|exception/i.test(r.stdout)) return { ok: false, error: 'unknown', message: r.stdout.trim() || r.stderr.trim() };
    return { ok: true, detail: 'sky jobs queue answered' };
  }
}
