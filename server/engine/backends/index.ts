// Public API of the compute backends. Other layers (services, jobs, CLI) import from here.
export type {
  Artifact,
  BackendKind,
  BackendState,
  BackendStatus,
  Capabilities,
  CheckErrorKind,
  CheckResult,
  ComputeBackend,
  JobHandle,
  LogChunk,
  LogOptions,
  ShardStatus,
} from './types';
export { aggregateShards, BackendError, isTerminal, TERMINAL_STATES } from './types';
export { jobSpecSchema, parseJobSpec, type JobSpec, type JobSpecInput } from './job-spec';
export { redactSecrets, redactSpec, REDACTED } from './redact';
export { backendConfigSchemas, type BackendConfigInputs, type BackendConfigs } from './backend-config';
export { createBackend, type BackendDeps } from './create-backend';
export { LocalShellExec, type ShellExec, type ExecResult, type ExecOptions } from './exec';
export { SshShellExec, sha256Fingerprint, type SshConfig } from './ssh-exec';
export { JobDirBackend } from './job-dir-backend';
export { createLocalBackend } from './local-backend';
export { createSshBackend } from './ssh-backend';
export { SlurmBackend } from './slurm-backend';
export { sbatchScript } from './slurm-script';
export { KubernetesBackend, kubernetesClientFactory, kubernetesStatus, type KubernetesApis, type KubernetesClientFactory } from './kubernetes-backend';
export { jobManifest, secretManifest } from './kubernetes-manifest';
export { SkyPilotBackend } from './skypilot-backend';
export { skypilotTask, skypilotTaskYaml } from './skypilot-task';
export {
  canTransition,
  IllegalTransitionError,
  isTerminalJobState,
  nextState,
  reconcile,
  reconcileSubmitting,
  type JobEvent,
  type JobMachineRow,
  type JobState,
  type ReconcileDecision,
  type ReconcileRow,
} from './job-state';
export * from './templates/index';
