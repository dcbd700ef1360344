import { LocalShellExec } from './exec';
import { JobDirBackend, type JobDirBackendConfig } from './job-dir-backend';

export type LocalBackendConfig = JobDirBackendConfig;

/**
 * Detached child processes on the dashboard host. Job state lives in
 * `<workRoot>/<job>/`, so a new instance (after a dashboard restart) reattaches
 * from the handle alone.
 */
export function createLocalBackend(config: LocalBackendConfig): JobDirBackend {
  return new JobDirBackend('local', new LocalShellExec(), config);
}
