import { stringify } from 'yaml';
import type { JobSpec } from './job-spec';
import { commandBody } from './job-dir-scripts';
import { shq } from './shell';

export interface SkyPilotTaskOptions {
  /** Used when the spec names GPUs but no type (SkyPilot needs one: `H100:8`). */
  defaultGpuType?: string;
  /** e.g. `aws`, `gcp/us-central1`, `k8s`: SkyPilot's `resources.infra`. */
  infra?: string;
  useSpot?: boolean;
}

/**
 * SkyPilot task YAML (https://docs.skypilot.co/en/latest/reference/yaml-spec.html):
 * `resources.accelerators: H100:8`, `cpus: 16+`, `memory: 128+`, `image_id: docker:...`.
 * Secrets are listed by name only (`null`); their values are passed with
 * `--secret NAME` from the launching process's environment, so they never hit disk.
 * Environment setup lines run inside `run` so that activated envs apply to the command.
 */
export function skypilotTask(spec: JobSpec, name: string, o: SkyPilotTaskOptions = {}): Record<string, unknown> {
  const resources: Record<string, unknown> = {};
  if (o.infra) resources.infra = o.infra;
  if (spec.gpus > 0) {
    const type = spec.gpuType ?? o.defaultGpuType;
    if (!type) throw new Error('skypilot needs a GPU type for GPU jobs (spec.gpuType or defaultGpuType)');
    resources.accelerators = `${type}:${spec.gpus}`;
  }
  resources.cpus = `${spec.cpus}+`;
  if (spec.memoryGb) resources.memory = `${spec.memoryGb}+`;
  if (spec.image) resources.image_id = `docker:${spec.image}`;
  if (o.useSpot !== undefined) resources.use_spot = o.useSpot;
  const task: Record<string, unknown> = {
    name,
    resources,
    num_nodes: 1,
    envs: { ...spec.env, SHARD_INDEX: '0', SHARD_COUNT: String(spec.shards) },
  };
  if (Object.keys(spec.secrets).length) task.secrets = Object.fromEntries(Object.keys(spec.secrets).sort().map((k) => [k, null]));
  const limit = spec.timeLimitMinutes ? `timeout --signal=TERM ${spec.timeLimitMinutes * 60} ` : '';
  task.run = limit ? `${limit}bash -c ${shq(commandBody(spec))}\n` : commandBody(spec);
  return task;
}

export function skypilotTaskYaml(spec: JobSpec, name: string, o: SkyPilotTaskOptions = {}): string {
  return stringify(skypilotTask(spec, name, o), { lineWidth: 0 });
}
