import { backendConfigSchemas, type BackendConfigInputs } from './backend-config';
import { LocalShellExec, type ShellExec } from './exec';
import { JobDirBackend } from './job-dir-backend';
import { KubernetesBackend, kubernetesClientFactory, type KubernetesClientFactory } from './kubernetes-backend';
import { SkyPilotBackend } from './skypilot-backend';
import { SlurmBackend } from './slurm-backend';
import { SshShellExec } from './ssh-exec';
import type { BackendKind, ComputeBackend } from './types';

export interface BackendDeps {
  /** Replaces the shell the backend runs commands through (local/ssh/slurm/skypilot). */
  exec?: ShellExec;
  /** Replaces the Kubernetes API clients (tests pass FakeKubernetesApi.apis). */
  kubernetesClientFactory?: KubernetesClientFactory;
}

/**
 * The one entry point other layers use: validates `config` with the kind's zod schema
 * and returns a ready backend. No I/O happens until a method is called.
 */
export function createBackend<K extends BackendKind>(kind: K, config: BackendConfigInputs[K], deps: BackendDeps = {}): ComputeBackend {
  switch (kind) {
    case 'local': {
      const c = backendConfigSchemas.local.parse(config);
      return new JobDirBackend('local', deps.exec ?? new LocalShellExec(), c);
    }
    case 'ssh': {
      const c = backendConfigSchemas.ssh.parse(config);
      return new JobDirBackend('ssh', deps.exec ?? new SshShellExec(c.ssh), c);
    }
    case 'slurm': {
      const { ssh, ...c } = backendConfigSchemas.slurm.parse(config);
      return new SlurmBackend(deps.exec ?? (ssh ? new SshShellExec(ssh) : new LocalShellExec()), c);
    }
    case 'kubernetes': {
      const { kubeconfigYaml, inCluster, context, ...c } = backendConfigSchemas.kubernetes.parse(config);
      return new KubernetesBackend(c, deps.kubernetesClientFactory ?? (() => kubernetesClientFactory({ kubeconfigYaml, inCluster, context })));
    }
    case 'skypilot': {
      const { ssh, ...c } = backendConfigSchemas.skypilot.parse(config);
      return new SkyPilotBackend(deps.exec ?? (ssh ? new SshShellExec(ssh) : new LocalShellExec()), c);
    }
    default:
      throw new Error(`unknown backend kind: ${String(kind)}`);
  }
}
