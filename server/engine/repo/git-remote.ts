// Talking to a user's git remote without leaking credentials: tokens go through
// GIT_ASKPASS (never in argv or URLs, which show up in `ps` and error messages) and SSH
// deploy keys through a 0600 temp file, deleted afterwards. Errors are classified so the
// wizard can say "auth failed" vs "not found" vs "network".
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type RepoAuth = { kind: 'none' } | { kind: 'token'; token: string; username?: string } | { kind: 'ssh'; privateKey: string };

export type RepoAccessReason = 'invalid_url' | 'auth_failed' | 'not_found' | 'network' | 'timeout' | 'empty' | 'git_missing' | 'unknown';

export class RepoAccessError extends Error {
  constructor(
    public readonly reason: RepoAccessReason,
    message: string,
    public readonly detail?: string,
  ) {
    super(message);
    this.name = 'RepoAccessError';
  }
}

export interface RemoteRef {
  name: string;
  sha: string;
}
export interface RemoteInfo {
  defaultBranch: string | null;
  branches: RemoteRef[];
}

export type RepoSourceKind = 'https' | 'ssh' | 'local';

/** Which kind of location the user typed, or a specific error. */
export function classifyRepoUrl(url: string): RepoSourceKind {
  const u = url.trim();
  if (/^https?:\/\/[^\s/]+\/\S+/.test(u)) {
    if (/^https?:\/\/[^/]*@/.test(u)) throw new RepoAccessError('invalid_url', 'Put the token in the token field, not in the URL');
    return 'https';
  }
  if (/^(ssh:\/\/)?[\w.-]+@[\w.-]+(:|\/)\S+$/.test(u)) return 'ssh';
  if (u.startsWith('/')) return 'local';
  throw new RepoAccessError('invalid_url', 'Use an https:// URL, an SSH address like git@host:org/repo.git, or an absolute local path');
}

interface GitRun {
  stdout: string;
  stderr: string;
  code: number | null;
  timedOut: boolean;
}

function runGit(args: string[], env: Record<string, string | undefined>, timeoutMs: number, cwd?: string): Promise<GitRun> {
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn("git", args, { env: env as unknown as NodeJS.ProcessEnv, cwd, stdio: ["ignore", "pipe", "pipe"] });
    } catch {
      resolve({ stdout: '', stderr: 'spawn git ENOENT', code: null, timedOut: false });
      return;
    }
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', (e) => (stderr += String(e)));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code, timedOut });
    });
  });
}

export function classifyGitError(stderr: string, secrets: string[] = []): RepoAccessError {
  let s = stderr;
  for (const sec of secrets) if (sec) s = s.split(sec).join('***');
  const detail = s.trim().split('\n').slice(-3).join('\n');
  if (/ENOENT/.test(s) && /spawn git/.test(s)) return new RepoAccessError('git_missing', 'git is not installed on the dashboard host', detail);
  if (/Authentication failed|could not read (Username|Password)|Invalid username or password|HTTP Basic: Access denied|returned error: 40[13]|Permission denied \(publickey|Permission denied, please try again|Host key verification failed|Load key .*invalid format/i.test(s))
    return new RepoAccessError('auth_failed', 'Authentication failed: check the token (and that it can read this repository) or the deploy key', detail);
  if (/Repository not found|not found|returned error: 404|does not appear to be a git repository|does not exist|No such file or directory|not a git repository/i.test(s))
    return new RepoAccessError('not_found', 'Repository not found: check the URL or path (private repositories also answer "not found" to a token without access)', detail);
  if (/Could not resolve host|Connection refused|Failed to connect|Network is unreachable|Connection timed out|Operation timed out|No route to host|Could not read from remote repository|SSL|unable to access/i.test(s))
    return new RepoAccessError('network', 'Could not reach the git server: check the host name, port, proxy and firewall', detail);
  return new RepoAccessError('unknown', `git failed: ${detail || 'no output'}`, detail);
}

/** Runs a git command with the credentials wired in; cleans up the temp files. */
export async function withGitAuth<T>(auth: RepoAuth, fn: (env: Record<string, string | undefined>) => Promise<T>, baseEnv: Record<string, string | undefined> = {}): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'specialist-git-'));
  const env: Record<string, string | undefined> = {
    PATH: baseEnv.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: dir,
    GIT_TERMINAL_PROMPT: '0',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_SSH_COMMAND: `ssh -o BatchMode=yes -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile=${path.join(dir, 'known_hosts')} -o ConnectTimeout=15`,
    LC_ALL: 'C',
  };
  try {
    if (auth.kind === 'token') {
      const askpass = path.join(dir, 'askpass.sh');
      // git asks for "Username for ..." then "Password for ..."; answer from the environment.
      await writeFile(askpass, '#!/bin/sh\ncase "$1" in\n  Username*) printf "%s" "$SPECIALIST_GIT_USER" ;;\n  *) printf "%s" "$SPECIALIST_GIT_TOKEN" ;;\nesac\n', { mode: 0o700 });
      env.GIT_ASKPASS = askpass;
      env.SPECIALIST_GIT_USER = auth.username || 'x-access-token';
      env.SPECIALIST_GIT_TOKEN = auth.token;
    } else if (auth.kind === 'ssh') {
      const key = path.join(dir, 'id_key');
      await writeFile(key, auth.privateKey.trim() + '\n', { mode: 0o600 });
      env.GIT_SSH_COMMAND += ` -i ${key} -o IdentitiesOnly=yes`;
    }
    return await fn(env);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function secretsOf(auth: RepoAuth): string[] {
  return auth.kind === 'token' ? [auth.token] : [];
}

/** `git ls-remote`: proves reachability and lists branches without downloading code. */
export async function lsRemote(url: string, auth: RepoAuth, opts: { timeoutMs?: number; env?: Record<string, string | undefined> } = {}): Promise<RemoteInfo> {
  const kind = classifyRepoUrl(url);
  if (kind === 'local' && auth.kind !== 'none') auth = { kind: 'none' };
  const res = await withGitAuth(auth, (env) => runGit(['ls-remote', '--symref', url.trim(), 'HEAD', 'refs/heads/*'], env, opts.timeoutMs ?? 30_000), opts.env);
  if (res.timedOut) throw new RepoAccessError('timeout', 'The git server did not answer within 30 s');
  if (res.code !== 0) throw classifyGitError(res.stderr, secretsOf(auth));
  return parseLsRemote(res.stdout);
}

export function parseLsRemote(out: string): RemoteInfo {
  let defaultBranch: string | null = null;
  const branches: RemoteRef[] = [];
  for (const line of out.split('\n')) {
    const sym = /^ref: refs\/heads\/(\S+)\s+HEAD$/.exec(line);
    if (sym) {
      defaultBranch = sym[1];
      continue;
    }
    const m = /^([0-9a-f]{40})\s+refs\/heads\/(\S+)$/.exec(line);
    if (m) branches.push({ sha: m[1], name: m[2] });
  }
  if (!defaultBranch && branches.length) defaultBranch = (branches.find((b) => b.name === 'main') ?? branches.find((b) => b.name === 'master') ?? branches[0]).name;
  return { defaultBranch, branches };
}

/**
 * Keeps a private, local, bare mirror for commit selection and for the per-rollout
 * checkouts (which must not need the remote or its credentials). Lives in the dashboard's data directory, nowhere else.
 */
export async function syncMirror(url: string, auth: RepoAuth, mirrorDir: string, opts: { timeoutMs?: number; env?: Record<string, string | undefined> } = {}): Promise<void> {
  const timeout = opts.timeoutMs ?? 10 * 60_000;
  const res = await withGitAuth(
    auth,
    async (env) => {
      const exists = (await runGit(['rev-parse', '--git-dir'], env, 10_000, mirrorDir).catch(() => null))?.code === 0;
      return exists
        ? runGit(['fetch', '--prune', 'origin', '+refs/heads/*:refs/heads/*'], env, timeout, mirrorDir)
        : runGit(['clone', '--bare', '--no-tags', url.trim(), mirrorDir], env, timeout);
    },
    opts.env,
  );
  if (res.timedOut) throw new RepoAccessError('timeout', 'Fetching the repository took too long');
  if (res.code !== 0) throw classifyGitError(res.stderr, secretsOf(auth));
}

export interface CommitInfo {
  sha: string;
  time: Date;
  subject: string;
}

/** History of a branch in a mirror (all reachable commits, like SERA's `git log`), newest first. */
export async function listCommits(mirrorDir: string, branch: string, opts: { since?: Date; max?: number; firstParent?: boolean } = {}): Promise<CommitInfo[]> {
  if (!/^[\w./-]+$/.test(branch) || branch.startsWith('-')) throw new RepoAccessError('invalid_url', `Invalid branch name "${branch}"`);
  const args = ['log', ...(opts.firstParent ? ['--first-parent'] : []), `--format=%H%x09%ct%x09%s`, `--max-count=${opts.max ?? 5000}`];
  if (opts.since) args.push(`--since=${Math.floor(opts.since.getTime() / 1000)}`);
  args.push(`refs/heads/${branch}`, '--');
  const res = await runGit(args, { PATH: '/usr/local/bin:/usr/bin:/bin', LC_ALL: 'C' }, 60_000, mirrorDir);
  if (res.code !== 0) throw classifyGitError(res.stderr);
  return res.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [sha, ct, ...rest] = l.split('\t');
      return { sha, time: new Date(Number(ct) * 1000), subject: rest.join('\t') };
    });
}
