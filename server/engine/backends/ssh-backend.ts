import { JobDirBackend, type JobDirBackendConfig } from './job-dir-backend';
import { SshShellExec, type SshConfig } from './ssh-exec';

export interface SshBackendConfig extends JobDirBackendConfig {
  ssh: SshConfig;
}

/**
 * A GPU box reached over ssh: the same job-dir protocol as `local`, run remotely.
 * Shards run under setsid+nohup, so they survive the ssh connection and the dashboard;
 * reattaching needs only the handle (it stores the remote job dir).
 */
export function createSshBackend(config: SshBackendConfig): JobDirBackend {
  return new JobDirBackend('ssh', new SshShellExec(config.ssh), config);
}
