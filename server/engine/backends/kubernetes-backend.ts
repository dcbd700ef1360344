import { randomBytes } from 'node:crypto';
import type { BatchV1Api, CoreV1Api, V1Job, V1Pod } from '@kubernetes/client-node';
import type { JobSpec } from './job-spec';
import {
  COMPLETION_INDEX_ANNOTATION,
  jobManifest,
  kubernetesName,
  secretManifest,
  secretName,
  type KubernetesManifestOptions,
} from './kubernetes-manifest';
import { expandTaskRange } from './slurm-parsers';
import {
  aggregateShards,
  BackendError,
  type Artifact,
  type BackendStatus,
  type Capabilities,
  type CheckErrorKind,
  type CheckResult,
  type ComputeBackend,
  type JobHandle,
  type LogChunk,
  type LogOptions,
  type ShardStatus,
} from './types';

/** The subset of @kubernetes/client-node 1.x we call; real clients and the fake both fit. */
export interface KubernetesApis {
  batch: Pick<BatchV1Api, 'createNamespacedJob' | 'readNamespacedJobStatus' | 'deleteNamespacedJob'>;
  core: Pick<
    CoreV1Api,
    'createNamespacedSecret' | 'deleteNamespacedSecret' | 'listNamespacedPod' | 'readNamespacedPodLog' | 'listNode'
  >;
}
export type KubernetesClientFactory = () => KubernetesApis | Promise<KubernetesApis>;

export interface KubernetesBackendConfig extends KubernetesManifestOptions {
  /** Node label with the GPU model for capabilities() (default `nvidia.com/gpu.product`). */
  gpuTypeNodeLabel?: string;
}

/** Builds real API clients from kubeconfig text (or in-cluster credentials). */
export async function kubernetesClientFactory(source: { kubeconfigYaml?: string; inCluster?: boolean; context?: string }) {
  const k8s = await import('@kubernetes/client-node');
  const kc = new k8s.KubeConfig();
  if (source.inCluster) kc.loadFromCluster();
  else if (source.kubeconfigYaml) kc.loadFromString(source.kubeconfigYaml);
  else throw new BackendError('auth_failed', 'no kubeconfig given');
  if (source.context) kc.setCurrentContext(source.context);
  return { batch: kc.makeApiClient(k8s.BatchV1Api), core: kc.makeApiClient(k8s.CoreV1Api) } satisfies KubernetesApis;
}

/** HTTP status of an ApiException (client-node 1.x uses `code`), if any. */
function httpCode(e: unknown): number | undefined {
  const c = (e as { code?: unknown; statusCode?: unknown })?.code ?? (e as { statusCode?: unknown })?.statusCode;
  return typeof c === 'number' ? c : undefined;
}

export function classifyKubernetesError(e: unknown): CheckErrorKind {
  const code = httpCode(e);
  if (code === 401) return 'auth_failed';
  if (code === 403) return 'permission_denied';
  const sys = (e as { code?: unknown; cause?: { code?: unknown } })?.cause?.code ?? (e as { code?: unknown }).code;
  if (typeof sys === 'string' && /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EHOSTUNREACH|EAI_AGAIN/.test(sys)) return 'host_unreachable';
  if (/ECONNREFUSED|ENOTFOUND|ETIMEDOUT|fetch failed/i.test(String((e as Error)?.message))) return 'host_unreachable';
  return 'unknown';
}

function podIndex(p: V1Pod): number | undefined {
  const v = p.metadata?.annotations?.[COMPLETION_INDEX_ANNOTATION];
  return v === undefined ? undefined : Number(v);
}

function podShard(index: number, pod: V1Pod | undefined): ShardStatus {
  if (!pod) return { index, state: 'queued' };
  const phase = pod.status?.phase;
  const term = pod.status?.containerStatuses?.[0]?.state?.terminated;
  const waiting = pod.status?.containerStatuses?.[0]?.state?.waiting;
  switch (phase) {
    case 'Running':
      return { index, state: 'running' };
    case 'Succeeded':
      return { index, state: 'succeeded', exitCode: term?.exitCode ?? 0 };
    case 'Failed':
      return {
        index,
        state: 'failed',
        ...(term?.exitCode !== undefined ? { exitCode: term.exitCode } : {}),
        reason: term?.reason === 'OOMKilled' ? 'out of memory' : (term?.reason ?? pod.status?.reason ?? 'pod failed'),
      };
    case 'Pending': {
      // Image pull errors never resolve by waiting: surface them.
      const r = waiting?.reason;
      if (r && /ErrImagePull|ImagePullBackOff|InvalidImageName|CreateContainerConfigError/.test(r)) {
        return { index, state: 'queued', reason: `${r}: ${waiting?.message ?? ''}`.trim() };
      }
      return { index, state: 'queued', ...(r ? { reason: r } : {}) };
    }
    default:
      return { index, state: 'unknown', reason: `pod phase ${phase ?? 'missing'}` };
  }
}

/**
 * Job + pods -> status. completedIndexes/failedIndexes (Indexed Jobs) are authoritative for
 * finished shards; pods (newest per index) fill in queued/running; Job conditions
 * Complete/Failed (e.g. DeadlineExceeded) settle the rest.
 */
export function kubernetesStatus(job: V1Job, pods: V1Pod[], shards: number): BackendStatus {
  const done = new Set(expandTaskRange(job.status?.completedIndexes ?? ''));
  const failed = new Set(expandTaskRange(job.status?.failedIndexes ?? ''));
  const newest = new Map<number, V1Pod>();
  for (const p of pods) {
    const i = podIndex(p);
    if (i === undefined) continue;
    const prev = newest.get(i);
    const t = (x?: V1Pod) => new Date(x?.metadata?.creationTimestamp ?? 0).getTime();
    if (!prev || t(p) >= t(prev)) newest.set(i, p);
  }
  const cond = (type: string) => job.status?.conditions?.find((c) => c.type === type && c.status === 'True');
  const failedCond = cond('Failed');
  const list: ShardStatus[] = [...Array(shards).keys()].map((i) => {
    const pod = newest.get(i);
    if (done.has(i)) return { index: i, state: 'succeeded', exitCode: 0 };
    const fromPod = podShard(i, pod);
    if (failed.has(i)) return { ...fromPod, state: 'failed', reason: fromPod.reason ?? 'pod failed' };
    if (failedCond && fromPod.state !== 'succeeded' && fromPod.state !== 'failed') {
      return { index: i, state: 'failed', reason: failedCond.reason === 'DeadlineExceeded' ? 'time limit exceeded' : (failedCond.reason ?? 'job failed') };
    }
    if (cond('Complete') && fromPod.state !== 'failed') return { index: i, state: 'succeeded', exitCode: 0 };
    return fromPod;
  });
  if (cond('Suspended')) return { state: 'queued', reason: 'suspended', shards: list };
  return aggregateShards(list);
}

export class KubernetesBackend implements ComputeBackend {
  readonly kind = 'kubernetes' as const;
  private apis?: Promise<KubernetesApis>;

  constructor(
    private readonly config: KubernetesBackendConfig,
    private readonly factory: KubernetesClientFactory,
  ) {}

  private api(): Promise<KubernetesApis> {
    this.apis ??= Promise.resolve(this.factory());
    return this.apis;
  }

  private ids(handle: JobHandle) {
    const { namespace, jobName } = handle.data;
    if (handle.kind !== 'kubernetes' || typeof namespace !== 'string' || typeof jobName !== 'string') {
      throw new BackendError('bad_handle', 'not a kubernetes handle');
    }
    return { namespace, jobName };
  }

  manifests(spec: JobSpec, jobName: string) {
    return { job: jobManifest(spec, jobName, this.config), secret: secretManifest(spec, jobName, this.config) };
  }

  async submit(spec: JobSpec): Promise<JobHandle> {
    const api = await this.api();
    const jobName = kubernetesName(spec.name, `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`);
    const { job, secret } = this.manifests(spec, jobName);
    const namespace = this.config.namespace;
    try {
      if (secret) await api.core.createNamespacedSecret({ namespace, body: secret });
      await api.batch.createNamespacedJob({ namespace, body: job });
    } catch (e) {
      throw new BackendError('submit_failed', `kubernetes: ${(e as Error).message}`);
    }
    return { kind: 'kubernetes', id: jobName, shards: spec.shards, data: { namespace, jobName, hasSecret: !!secret } };
  }

  private async pods(namespace: string, jobName: string): Promise<V1Pod[]> {
    const api = await this.api();
    const list = await api.core.listNamespacedPod({ namespace, labelSelector: `batch.kubernetes.io/job-name=${jobName}` });
    return list.items ?? [];
  }

  async status(handle: JobHandle): Promise<BackendStatus> {
    const { namespace, jobName } = this.ids(handle);
    const api = await this.api();
    let job: V1Job;
    try {
      job = await api.batch.readNamespacedJobStatus({ name: jobName, namespace });
    } catch (e) {
      if (httpCode(e) === 404) return { state: 'unknown', reason: 'Job not found (deleted, or expired by ttlSecondsAfterFinished)' };
      throw e;
    }
    return kubernetesStatus(job, await this.pods(namespace, jobName), handle.shards);
  }

  async *logs(handle: JobHandle, opts: LogOptions = {}): AsyncGenerator<LogChunk> {
    const { namespace, jobName } = this.ids(handle);
    const shard = opts.shard ?? 0;
    let offset = opts.since ?? 0;
    for (;;) {
      if (opts.signal?.aborted) return;
      const st = opts.follow ? await this.status(handle) : undefined;
      const done = !opts.follow || (st !== undefined && st.state !== 'queued' && st.state !== 'running');
      const pod = (await this.pods(namespace, jobName))
        .filter((p) => podIndex(p) === shard)
        .sort((a, b) => new Date(b.metadata?.creationTimestamp ?? 0).getTime() - new Date(a.metadata?.creationTimestamp ?? 0).getTime())[0];
      if (pod?.metadata?.name && pod.status?.phase !== 'Pending') {
        const api = await this.api();
        const text = await api.core.readNamespacedPodLog({ name: pod.metadata.name, namespace, container: 'main' });
        const bytes = Buffer.from(text, 'utf8');
        if (bytes.length > offset) {
          let end = bytes.length;
          if (!done) end = bytes.lastIndexOf(0x0a) + 1;
          if (end > offset) {
            yield { shard, offset, nextOffset: end, text: bytes.subarray(offset, end).toString('utf8') };
            offset = end;
          }
        }
      }
      if (done) return;
      await new Promise((r) => setTimeout(r, opts.pollMs ?? 2000));
    }
  }

  async cancel(handle: JobHandle, opts: { shard?: number } = {}): Promise<void> {
    if (opts.shard !== undefined) throw new BackendError('not_supported', 'kubernetes Indexed Jobs cannot cancel a single index');
    const { namespace, jobName } = this.ids(handle);
    const api = await this.api();
    // Background propagation deletes the pods too; the Secret has no owner, so delete it here.
    await api.batch.deleteNamespacedJob({ name: jobName, namespace, propagationPolicy: 'Background' });
    if (handle.data.hasSecret) {
      await api.core.deleteNamespacedSecret({ name: secretName(jobName), namespace }).catch((e: unknown) => {
        if (httpCode(e) !== 404) throw e;
      });
    }
  }

  async listArtifacts(_handle: JobHandle): Promise<Artifact[]> {
    // Pods have no shared filesystem with the dashboard: jobs upload results themselves
    // (worker API / object store), so there is nothing to list here.
    return [];
  }

  async download(_handle: JobHandle, _path: string): Promise<Buffer> {
    throw new BackendError('not_supported', 'kubernetes jobs report results through the worker API or an object store');
  }

  async capabilities(): Promise<Capabilities> {
    const api = await this.api();
    const nodes = (await api.core.listNode({})).items ?? [];
    const label = this.config.gpuTypeNodeLabel ?? 'nvidia.com/gpu.product';
    const types = new Set<string>();
    let max = 0;
    for (const n of nodes) {
      const gpus = Number(n.status?.allocatable?.['nvidia.com/gpu'] ?? 0);
      if (gpus > 0) {
        max = Math.max(max, gpus);
        const t = n.metadata?.labels?.[label];
        if (t) types.add(t);
      }
    }
    return { gpuTypes: [...types].sort(), maxGpus: max, supportsArtifacts: false, supportsImages: true };
  }

  async check(): Promise<CheckResult> {
    try {
      const api = await this.api();
      await api.core.listNamespacedPod({ namespace: this.config.namespace, limit: 1 });
      return { ok: true, detail: `namespace ${this.config.namespace} reachable` };
    } catch (e) {
      return { ok: false, error: e instanceof BackendError ? (e.code as CheckErrorKind) : classifyKubernetesError(e), message: (e as Error).message };
    }
  }
}
