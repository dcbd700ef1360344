import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';

export interface PrepareWorkspaceOptions {
  /** A local repository (working tree or bare) or a git URL the host can reach. */
  source?: string;
  /** Same as `source`, for a local repository. */
  repoDir?: string;
  /** Same as `source`, for a URL (credentials are the caller's business, e.g. a local mirror). */
  gitUrl?: string;
  /** Commit (or ref) the rollout starts from. */
  commit: string;
  /** Directory under which the per-rollout copy is made. */
  workRoot: string;
  /** Prefix of the copy's directory name. */
  name?: string;
}

export interface Workspace {
  /** Host path of the fresh copy, checked out (detached) at `baseCommit`. */
  dir: string;
  /** Full sha of the commit it was checked out at. */
  baseCommit: string;
  /** Deletes the copy. */
  dispose(): Promise<void>;
}

function git(args: string[], cwd?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, maxBuffer: 64 * 1024 * 1024, env: { PATH: '/usr/bin:/bin', GIT_TERMINAL_PROMPT: '0', HOME: '/nonexistent' } as unknown as NodeJS.ProcessEnv, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) reject(new Error(`git ${args[0]} failed: ${stderr.trim() || err.message}`));
      else resolve(stdout);
    });
  });
}

/**
 * Makes an independent clone for one rollout. `--no-hardlinks` and no alternates: the copy
 * shares nothing with the source, so a sandboxed agent can neither corrupt the source's
 * objects nor need paths outside its own directory; the remote is removed so no URL or
 * credential stays behind in the copy.
 */
export async function prepareWorkspace(opts: PrepareWorkspaceOptions): Promise<Workspace> {
  const source = opts.source ?? opts.repoDir ?? opts.gitUrl;
  if (!source) throw new Error('prepareWorkspace needs source, repoDir or gitUrl');
  await mkdir(opts.workRoot, { recursive: true });
  const parent = await mkdtemp(path.join(opts.workRoot, `${opts.name ?? 'ws'}-`));
  const dir = path.join(parent, 'repo');
  try {
    await git(['clone', '--quiet', '--no-hardlinks', '--no-checkout', source, dir]);
    await git(['checkout', '--quiet', '--detach', opts.commit], dir);
    await git(['remote', 'remove', 'origin'], dir);
    await git(['config', 'user.email', 'agent@specialist.invalid'], dir);
    await git(['config', 'user.name', 'Specialist agent'], dir);
    const baseCommit = (await git(['rev-parse', 'HEAD'], dir)).trim();
    return { dir, baseCommit, dispose: () => rm(parent, { recursive: true, force: true }) };
  } catch (e) {
    await rm(parent, { recursive: true, force: true });
    throw e;
  }
}
