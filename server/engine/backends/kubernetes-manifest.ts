import type { V1Job, V1Secret, V1EnvVar } from '@kubernetes/client-node';
import type { JobSpec } from './job-spec';
import { commandBody } from './job-dir-scripts';

export const MANAGED_BY = 'specialist';
export const JOB_LABEL = 'specialist.dev/job';
/** Set by Kubernetes on every pod of an Indexed Job. */
export const COMPLETION_INDEX_ANNOTATION = 'batch.kubernetes.io/job-completion-index';

export interface KubernetesManifestOptions {
  namespace: string;
  /** Node label that carries the GPU model, e.g. `nvidia.com/gpu.product` (GPU operator). */
  gpuTypeNodeLabel?: string;
  serviceAccountName?: string;
  imagePullSecrets?: string[];
  /** Cap on concurrently running shards; defaults to all shards at once. */
  maxParallelism?: number;
  /** Finished Jobs are garbage-collected after this many seconds. */
  ttlSecondsAfterFinished?: number;
  /** Used when the spec names no image. */
  defaultImage?: string;
}

export const secretName = (jobName: string) => `${jobName}-secrets`;

/** A k8s object name: DNS-1123 label, max 63 chars, leaving room for the "-secrets" suffix. */
export function kubernetesName(base: string, suffix: string): string {
  const b = base
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63 - 8 - suffix.length - 1)
    .replace(/-+$/g, '');
  return `${b || 'job'}-${suffix}`;
}

export function secretManifest(spec: JobSpec, jobName: string, o: KubernetesManifestOptions): V1Secret | undefined {
  if (Object.keys(spec.secrets).length === 0) return undefined;
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: secretName(jobName), namespace: o.namespace, labels: { 'app.kubernetes.io/managed-by': MANAGED_BY, [JOB_LABEL]: jobName } },
    type: 'Opaque',
    stringData: { ...spec.secrets },
  };
}

/**
 * batch/v1 Indexed Job: completions = parallelism = shards, SHARD_INDEX from the
 * completion-index annotation, GPUs as `nvidia.com/gpu` limits, secrets through a
 * Secret via secretKeyRef (never inline). backoffLimitPerIndex 0: a failed shard does not
 * kill the others, and retries are the dashboard's decision (job state machine).
 */
export function jobManifest(spec: JobSpec, jobName: string, o: KubernetesManifestOptions): V1Job {
  const labels = { 'app.kubernetes.io/managed-by': MANAGED_BY, [JOB_LABEL]: jobName };
  const env: V1EnvVar[] = [
    { name: 'SHARD_INDEX', valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${COMPLETION_INDEX_ANNOTATION}']` } } },
    { name: 'SHARD_COUNT', value: String(spec.shards) },
    ...Object.keys(spec.env)
      .sort()
      .map((name) => ({ name, value: spec.env[name] })),
    ...Object.keys(spec.secrets)
      .sort()
      .map((name) => ({ name, valueFrom: { secretKeyRef: { name: secretName(jobName), key: name } } })),
  ];
  const limits: Record<string, string> = { cpu: String(spec.cpus) };
  const requests: Record<string, string> = { cpu: String(spec.cpus) };
  if (spec.memoryGb) limits.memory = requests.memory = `${Math.ceil(spec.memoryGb * 1024)}Mi`;
  if (spec.gpus > 0) limits['nvidia.com/gpu'] = String(spec.gpus);
  const image = spec.image ?? o.defaultImage;
  if (!image) throw new Error('kubernetes jobs need an image (spec.image or defaultImage)');
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: jobName, namespace: o.namespace, labels },
    spec: {
      completionMode: 'Indexed',
      completions: spec.shards,
      parallelism: Math.min(spec.shards, o.maxParallelism ?? spec.shards),
      backoffLimitPerIndex: 0,
      ...(spec.timeLimitMinutes ? { activeDeadlineSeconds: spec.timeLimitMinutes * 60 } : {}),
      ttlSecondsAfterFinished: o.ttlSecondsAfterFinished ?? 7 * 24 * 3600,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: 'Never',
          ...(o.serviceAccountName ? { serviceAccountName: o.serviceAccountName } : {}),
          ...(o.imagePullSecrets?.length ? { imagePullSecrets: o.imagePullSecrets.map((name) => ({ name })) } : {}),
          ...(spec.gpus > 0 && spec.gpuType && o.gpuTypeNodeLabel ? { nodeSelector: { [o.gpuTypeNodeLabel]: spec.gpuType } } : {}),
          ...(spec.gpus > 0 ? { tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }] } : {}),
          containers: [
            {
              name: 'main',
              image,
              command: ['bash', '-c', commandBody(spec)],
              env,
              resources: { limits, requests },
            },
          ],
        },
      },
    },
  };
}
