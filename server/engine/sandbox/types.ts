/** Result of one command run inside a sandbox. */
export interface ExecResult {
  stdout: string;
  stderr: string;
  /** Process exit code; null when it was killed (timeout or signal). */
  exitCode: number | null;
  timedOut: boolean;
  /** True when stdout/stderr were cut at `maxOutputBytes`. */
  truncated: boolean;
  durationMs: number;
}

export interface ExecOptions {
  /** Kill the whole process tree after this many ms (default 300_000, SWE-agent's execution_timeout). */
  timeoutMs?: number;
  /** Working directory as seen INSIDE the sandbox (default: the sandbox's workdir). */
  cwd?: string;
  /** Extra environment variables (the sandbox starts from a clean, minimal environment). */
  env?: Record<string, string>;
  /** Written to the command's stdin, then stdin is closed. */
  stdin?: string;
  /** Cap on captured stdout and stderr each (default 10 MiB). */
  maxOutputBytes?: number;
}

export interface PathInfo {
  exists: boolean;
  isDir: boolean;
}

/**
 * A place where an agent's commands run. Paths given to its methods are paths as the
 * agent sees them (e.g. `/testbed/pkg/mod.py`), not host paths.
 */
export interface Sandbox {
  /** Provider name, e.g. "bubblewrap" or "unsafe-local". */
  readonly kind: string;
  /** The repository directory as seen inside the sandbox (SWE-agent uses /testbed). */
  readonly workdir: string;
  /** The repository directory on the host. */
  readonly hostWorkdir: string;
  /** Runs `bash -c command`. */
  exec(command: string, opts?: ExecOptions): Promise<ExecResult>;
  readFile(path: string): Promise<string>;
  writeFile(path: string, content: string): Promise<void>;
  pathInfo(path: string): Promise<PathInfo>;
  /** Frees what the sandbox holds (its private temp dir). Does not delete the workspace. */
  dispose(): Promise<void>;
}

/** A file operation inside the sandbox failed (missing file, permission, ...). */
export class SandboxFileError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = 'SandboxFileError';
  }
}

/** The sandbox itself is broken (bwrap missing, spawn failed): not the agent's fault. */
export class SandboxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SandboxError';
  }
}
