import { describe, expect, it } from 'vitest';
// The generated model serializer keeps only attributes that exist in the Kubernetes OpenAPI
// models of client-node (dropping unknown keys), so a lossless round trip shows that every
// field of our manifests is a real V1Job/V1Secret field with the right nesting.
import { ObjectSerializer } from '@kubernetes/client-node/dist/gen/models/ObjectSerializer.js';
import { FakeKubernetesApi } from './fake-kubernetes-api';
import { parseJobSpec } from './job-spec';
import { KubernetesBackend } from './kubernetes-backend';
import { jobManifest, kubernetesName, secretManifest } from './kubernetes-manifest';

const spec = parseJobSpec({
  name: 'SVG generation: Qwen3 teacher',
  image: 'ghcr.io/acme/specialist-worker:1.2',
  gpus: 8,
  gpuType: 'NVIDIA-H100-80GB-HBM3',
  cpus: 16,
  memoryGb: 128,
  shards: 4,
  env: { DASHBOARD_URL: 'https://dash.example' },
  secrets: { WORKER_TOKEN: 'wt-secret-123', HF_TOKEN: 'hf_abc' },
  environment: { setup: ['source /opt/venv/bin/activate'] },
  command: { argv: ['specialist', 'rollout-worker', '--shard', '$SHARD_INDEX'] },
  timeLimitMinutes: 120,
});

const roundTrip = (obj: unknown, type: string) =>
  JSON.parse(JSON.stringify(ObjectSerializer.serialize(ObjectSerializer.deserialize(JSON.parse(JSON.stringify(obj)), type, ''), type, '')));

describe('kubernetes manifests', () => {
  const opts = { namespace: 'gpu-jobs', gpuTypeNodeLabel: 'nvidia.com/gpu.product', maxParallelism: 2 };

  it('builds a valid batch/v1 Indexed Job with GPU limits, shard env and secret refs', () => {
    const job = jobManifest(spec, 'svg-1', opts);
    expect(roundTrip(job, 'V1Job')).toEqual(JSON.parse(JSON.stringify(job)));
    expect(job.spec).toMatchObject({
      completionMode: 'Indexed',
      completions: 4,
      parallelism: 2,
      backoffLimitPerIndex: 0,
      activeDeadlineSeconds: 7200,
    });
    const pod = job.spec!.template.spec!;
    expect(pod.restartPolicy).toBe('Never');
    expect(pod.nodeSelector).toEqual({ 'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3' });
    const c = pod.containers[0];
    expect(c.resources?.limits).toEqual({ cpu: '16', memory: '131072Mi', 'nvidia.com/gpu': '8' });
    expect(c.command?.slice(0, 2)).toEqual(['bash', '-c']);
    expect(c.command?.[2]).toContain('source /opt/venv/bin/activate\nexec specialist rollout-worker --shard');
    expect(c.env?.find((e) => e.name === 'SHARD_INDEX')?.valueFrom?.fieldRef?.fieldPath).toBe(
      "metadata.annotations['batch.kubernetes.io/job-completion-index']",
    );
    expect(c.env?.find((e) => e.name === 'WORKER_TOKEN')).toEqual({
      name: 'WORKER_TOKEN',
      valueFrom: { secretKeyRef: { name: 'svg-1-secrets', key: 'WORKER_TOKEN' } },
    });
    expect(JSON.stringify(job)).not.toContain('wt-secret-123');
  });

  it('puts secret values only into an Opaque Secret', () => {
    const s = secretManifest(spec, 'svg-1', opts)!;
    expect(roundTrip(s, 'V1Secret')).toEqual(JSON.parse(JSON.stringify(s)));
    expect(s.stringData).toEqual({ WORKER_TOKEN: 'wt-secret-123', HF_TOKEN: 'hf_abc' });
    expect(secretManifest(parseJobSpec({ name: 'x', command: { argv: ['true'] } }), 'x', opts)).toBeUndefined();
  });

  it('makes DNS-1123 names that leave room for the secret suffix', () => {
    const n = kubernetesName('A very Long Name__with weird chars!'.repeat(4), 'abc123');
    expect(n).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    expect(`${n}-secrets`.length).toBeLessThanOrEqual(63);
  });

  it('refuses a spec without an image', () => {
    expect(() => jobManifest(parseJobSpec({ name: 'x', command: { argv: ['true'] } }), 'x', opts)).toThrow(/need an image/);
  });
});

describe('kubernetes backend against the fake Kubernetes API (no cluster here)', () => {
  const make = () => {
    const fake = new FakeKubernetesApi();
    const backend = new KubernetesBackend({ namespace: 'ns' }, () => fake.apis());
    return { fake, backend };
  };

  it('submits Secret then Job and maps per-index status', async () => {
    const { fake, backend } = make();
    const h = await backend.submit(spec);
    expect(fake.calls.slice(0, 2)).toEqual(['createNamespacedSecret', 'createNamespacedJob']);
    const name = h.data.jobName as string;
    expect(fake.jobs.get(name)?.metadata?.namespace).toBe('ns');

    expect((await backend.status(h)).state).toBe('queued');
    fake.addPod(name, 0, { phase: 'Running' });
    fake.addPod(name, 1, { phase: 'Pending', containerStatuses: [{ name: 'main', image: 'x', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'ImagePullBackOff', message: 'not found' } } }] });
    fake.setJobStatus(name, { active: 2, completedIndexes: '2', failedIndexes: '3' });
    fake.addPod(name, 3, { phase: 'Failed', containerStatuses: [{ name: 'main', image: 'x', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 137, reason: 'OOMKilled' } } }] });
    const st = await backend.status(h);
    expect(st.state).toBe('running');
    expect(st.shards?.map((s) => [s.state, s.exitCode, s.reason])).toEqual([
      ['running', undefined, undefined],
      ['queued', undefined, 'ImagePullBackOff: not found'],
      ['succeeded', 0, undefined],
      ['failed', 137, 'out of memory'],
    ]);

    fake.setJobStatus(name, { completedIndexes: '0-2', failedIndexes: '3', conditions: [{ type: 'Failed', status: 'True', reason: 'FailedIndexes' }] });
    const end = await backend.status(h);
    expect(end).toMatchObject({ state: 'failed', exitCode: 137, reason: 'shard 3: out of memory' });
  });

  it('reports DeadlineExceeded as a time limit and Complete as success', async () => {
    const { fake, backend } = make();
    const h = await backend.submit(parseJobSpec({ name: 'x', image: 'busybox', shards: 2, command: { argv: ['true'] } }));
    const name = h.data.jobName as string;
    fake.setJobStatus(name, { conditions: [{ type: 'Failed', status: 'True', reason: 'DeadlineExceeded' }] });
    expect(await backend.status(h)).toMatchObject({ state: 'failed', reason: 'shard 0: time limit exceeded' });
    fake.setJobStatus(name, { completedIndexes: '0,1', conditions: [{ type: 'Complete', status: 'True' }] });
    expect(await backend.status(h)).toMatchObject({ state: 'succeeded', exitCode: 0 });
  });

  it('streams the newest pod log of a shard from an offset', async () => {
    const { fake, backend } = make();
    const h = await backend.submit(parseJobSpec({ name: 'x', image: 'busybox', command: { argv: ['true'] } }));
    const name = h.data.jobName as string;
    const old = fake.addPod(name, 0, { phase: 'Failed' }, '2026-01-01T00:00:00Z');
    const pod = fake.addPod(name, 0, { phase: 'Succeeded' }, '2026-01-01T00:05:00Z');
    fake.podLogs.set(old, 'old attempt\n');
    fake.podLogs.set(pod, 'line 1\nline 2\n');
    const chunks = [];
    for await (const c of backend.logs(h, { since: 7 })) chunks.push(c);
    expect(chunks).toEqual([{ shard: 0, offset: 7, nextOffset: 14, text: 'line 2\n' }]);
  });

  it('cancel deletes the Job (background propagation) and its Secret; status then says not found', async () => {
    const { fake, backend } = make();
    const h = await backend.submit(spec);
    await backend.cancel(h);
    expect(fake.deleted).toEqual([
      { kind: 'Job', name: h.data.jobName, propagationPolicy: 'Background' },
      { kind: 'Secret', name: `${h.data.jobName}-secrets` },
    ]);
    expect(await backend.status(h)).toMatchObject({ state: 'unknown' });
    await expect(backend.cancel(h, { shard: 1 })).rejects.toMatchObject({ code: 'not_supported' });
  });

  it('check() classifies 401/403/connection errors; capabilities() reads GPU nodes', async () => {
    const { fake, backend } = make();
    expect(await backend.check()).toMatchObject({ ok: true });
    fake.failWith = Object.assign(new Error('Unauthorized'), { code: 401 });
    expect(await backend.check()).toMatchObject({ ok: false, error: 'auth_failed' });
    fake.failWith = Object.assign(new Error('Forbidden'), { code: 403 });
    expect(await backend.check()).toMatchObject({ ok: false, error: 'permission_denied' });
    fake.failWith = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    expect(await backend.check()).toMatchObject({ ok: false, error: 'host_unreachable' });
    fake.failWith = undefined;
    fake.nodes = [
      { metadata: { labels: { 'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3' } }, status: { allocatable: { 'nvidia.com/gpu': '8' } } },
      { metadata: { labels: {} }, status: { allocatable: { cpu: '64' } } },
    ];
    expect(await backend.capabilities()).toMatchObject({ gpuTypes: ['NVIDIA-H100-80GB-HBM3'], maxGpus: 8 });
  });
});
