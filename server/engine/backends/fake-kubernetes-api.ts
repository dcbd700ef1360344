import type { V1Job, V1Node, V1Pod, V1Secret } from '@kubernetes/client-node';
import type { KubernetesApis } from './kubernetes-backend';

/**
 * FAKE Kubernetes API for unit tests (no cluster exists on the build machines). It stores
 * what the backend creates and returns job status / pods / logs that the test sets,
 * answering with the same object-parameter methods as @kubernetes/client-node 1.x.
 */
export class FakeKubernetesApi {
  jobs = new Map<string, V1Job>();
  secrets = new Map<string, V1Secret>();
  pods: V1Pod[] = [];
  podLogs = new Map<string, string>();
  nodes: V1Node[] = [];
  deleted: { kind: string; name: string; propagationPolicy?: string }[] = [];
  calls: string[] = [];
  /** When set, every call rejects with it (to test error classification). */
  failWith?: unknown;

  private guard(name: string) {
    this.calls.push(name);
    if (this.failWith) throw this.failWith;
  }

  apis(): KubernetesApis {
    const notFound = () => Object.assign(new Error('HTTP-Code: 404 Message: not found'), { code: 404 });
    const batch = {
      createNamespacedJob: async ({ namespace, body }: { namespace: string; body: V1Job }) => {
        this.guard('createNamespacedJob');
        const stored = structuredClone({ ...body, metadata: { ...body.metadata, namespace } });
        this.jobs.set(body.metadata!.name!, stored);
        return stored;
      },
      readNamespacedJobStatus: async ({ name }: { name: string; namespace: string }) => {
        this.guard('readNamespacedJobStatus');
        const j = this.jobs.get(name);
        if (!j) throw notFound();
        return structuredClone(j);
      },
      deleteNamespacedJob: async ({ name, propagationPolicy }: { name: string; namespace: string; propagationPolicy?: string }) => {
        this.guard('deleteNamespacedJob');
        if (!this.jobs.delete(name)) throw notFound();
        this.deleted.push({ kind: 'Job', name, propagationPolicy });
        this.pods = this.pods.filter((p) => p.metadata?.labels?.['batch.kubernetes.io/job-name'] !== name);
        return { status: 'Success' };
      },
    };
    const core = {
      createNamespacedSecret: async ({ body }: { namespace: string; body: V1Secret }) => {
        this.guard('createNamespacedSecret');
        this.secrets.set(body.metadata!.name!, structuredClone(body));
        return body;
      },
      deleteNamespacedSecret: async ({ name }: { name: string; namespace: string }) => {
        this.guard('deleteNamespacedSecret');
        if (!this.secrets.delete(name)) throw notFound();
        this.deleted.push({ kind: 'Secret', name });
        return { status: 'Success' };
      },
      listNamespacedPod: async ({ labelSelector }: { namespace: string; labelSelector?: string; limit?: number }) => {
        this.guard('listNamespacedPod');
        const m = /^batch\.kubernetes\.io\/job-name=(.+)$/.exec(labelSelector ?? '');
        return { items: this.pods.filter((p) => !m || p.metadata?.labels?.['batch.kubernetes.io/job-name'] === m[1]) };
      },
      readNamespacedPodLog: async ({ name }: { name: string; namespace: string }) => {
        this.guard('readNamespacedPodLog');
        return this.podLogs.get(name) ?? '';
      },
      listNode: async () => {
        this.guard('listNode');
        return { items: this.nodes };
      },
    };
    return { batch, core } as unknown as KubernetesApis;
  }

  /** Adds a pod as the Job controller would for `index`. */
  addPod(jobName: string, index: number, status: V1Pod['status'], created = '2026-01-01T00:00:00Z'): string {
    const name = `${jobName}-${index}-${Math.random().toString(36).slice(2, 7)}`;
    this.pods.push({
      metadata: {
        name,
        creationTimestamp: new Date(created),
        labels: { 'batch.kubernetes.io/job-name': jobName },
        annotations: { 'batch.kubernetes.io/job-completion-index': String(index) },
      },
      status,
    });
    return name;
  }

  setJobStatus(name: string, status: V1Job['status']) {
    const j = this.jobs.get(name);
    if (!j) throw new Error(`no job ${name}`);
    j.status = status;
  }
}
