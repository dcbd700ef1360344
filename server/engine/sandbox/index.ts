export type { Sandbox, ExecOptions, ExecResult, PathInfo } from './types';
export { SandboxError, SandboxFileError } from './types';
export { createBubblewrapSandbox, type BubblewrapOptions } from './bubblewrap';
export { createUnsafeLocalSandbox } from './unsafe-local';
export { prepareWorkspace, type PrepareWorkspaceOptions, type Workspace } from './workspace';
export { DEFAULT_EXEC_TIMEOUT_MS } from './defaults';
export { InMemoryFakeSandbox } from './in-memory-fake';
export { diffWorkingTree, resetWorkingTree } from './git-state';
export { createDockerSandbox, buildDockerImage, dockerfileFor, type DockerSandboxOptions, type DockerImageSpec, type DockerDeps, type DockerRunner } from './docker';
