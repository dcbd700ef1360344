import type { Sandbox } from './types';

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * The working tree's changes as SWE-agent's submit computes them: `git add -A` then
 * `git diff --cached` (against `baseCommit` when given, else HEAD). New untracked files that
 * are not git-ignored are included.
 */
export async function diffWorkingTree(sandbox: Sandbox, opts: { baseCommit?: string; excludePathspecs?: string[] } = {}): Promise<string> {
  const specs = opts.excludePathspecs?.length ? ' -- . ' + opts.excludePathspecs.map((p) => q(`:(exclude)${p}`)).join(' ') : '';
  const base = opts.baseCommit ? ' ' + q(opts.baseCommit) : '';
  const r = await sandbox.exec(`git add -A && git diff --cached${base}${specs}`, { timeoutMs: 120_000, cwd: sandbox.workdir });
  if (r.exitCode !== 0) throw new Error(`could not compute the patch: ${r.stderr.trim() || r.stdout.trim()}`);
  return r.stdout;
}

/** Puts the working tree back to `commit` exactly, as SWE-agent resets /testbed between runs. */
export async function resetWorkingTree(sandbox: Sandbox, commit: string): Promise<void> {
  const r = await sandbox.exec(`git reset --quiet --hard ${q(commit)} && git clean -fdqx`, { timeoutMs: 120_000, cwd: sandbox.workdir });
  if (r.exitCode !== 0) throw new Error(`could not reset the working tree: ${r.stderr.trim() || r.stdout.trim()}`);
}
