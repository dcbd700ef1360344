import type { ExecResult, PathInfo } from './types';
import { SandboxFileError } from './types';

/** Runs argv inside the sandbox (no shell parsing of the arguments). */
export type ArgvRunner = (argv: string[], opts?: { stdin?: string }) => Promise<ExecResult>;

// File access goes through the sandbox itself, so symlinks in the repo resolve inside the
// jail (a link to /root/secret stays unreadable) exactly as they would for the agent.
export async function readFileVia(run: ArgvRunner, path: string): Promise<string> {
  const r = await run(['cat', '--', path]);
  if (r.exitCode !== 0) throw new SandboxFileError(r.stderr.trim() || `cannot read ${path}`, path);
  return r.stdout;
}

export async function writeFileVia(run: ArgvRunner, path: string, content: string): Promise<void> {
  const r = await run(['sh', '-c', 'cat > "$1"', 'sh', path], { stdin: content });
  if (r.exitCode !== 0) throw new SandboxFileError(r.stderr.trim() || `cannot write ${path}`, path);
}

export async function pathInfoVia(run: ArgvRunner, path: string): Promise<PathInfo> {
  const r = await run(['sh', '-c', 'if [ -d "$1" ]; then echo d; elif [ -e "$1" ]; then echo f; else echo n; fi', 'sh', path]);
  const t = r.stdout.trim();
  return { exists: t === 'd' || t === 'f', isDir: t === 'd' };
}
