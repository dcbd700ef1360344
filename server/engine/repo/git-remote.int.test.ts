import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGitHttpServer, type TestGitServer } from '@/server/testing/git-http-server';
import { listCommits, lsRemote, RepoAccessError, syncMirror } from './git-remote';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } }).toString();

async function reasonOf(p: Promise<unknown>) {
  try {
    await p;
    return 'ok';
  } catch (e) {
    expect(e).toBeInstanceOf(RepoAccessError);
    return (e as RepoAccessError).reason;
  }
}

describe('git remotes (real git, real smart-HTTP server)', () => {
  const TOKEN = 'tok_s3cr3t_value_123';
  let root: string;
  let work: string;
  let server: TestGitServer;

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'git-srv-'));
    work = path.join(root, 'work');
    execFileSync('git', ['init', '-q', '-b', 'main', work]);
    for (let i = 1; i <= 3; i++) {
      writeFileSync(path.join(work, 'mod.py'), `def f():\n    return ${i}\n`);
      git(work, 'add', '.');
      git(work, 'commit', '-qm', `change ${i}`);
    }
    execFileSync('git', ['clone', '-q', '--bare', work, path.join(root, 'acme.git')]);
    server = await startTestGitHttpServer(root, TOKEN);
  });
  afterAll(() => server?.stop());

  it('lists branches over HTTPS-style smart HTTP with a token', async () => {
    const info = await lsRemote(`${server.url}/acme.git`, { kind: 'token', token: TOKEN });
    expect(info.defaultBranch).toBe('main');
    expect(info.branches.map((b) => b.name)).toEqual(['main']);
  });

  it('says "auth failed" for a wrong token and never echoes it', async () => {
    try {
      await lsRemote(`${server.url}/acme.git`, { kind: 'token', token: 'wrong-token-xyz' });
      expect.unreachable();
    } catch (e) {
      expect((e as RepoAccessError).reason).toBe('auth_failed');
      expect(JSON.stringify({ m: (e as Error).message, d: (e as RepoAccessError).detail })).not.toContain('wrong-token-xyz');
    }
  });

  it('says "not found" for a missing repository and "network" for an unreachable host', async () => {
    expect(await reasonOf(lsRemote(`${server.url}/nope.git`, { kind: 'token', token: TOKEN }))).toBe('not_found');
    expect(await reasonOf(lsRemote('http://127.0.0.1:1/acme.git', { kind: 'token', token: TOKEN }))).toBe('network');
    expect(await reasonOf(lsRemote('/definitely/not/here', { kind: 'none' }))).toBe('not_found');
    expect(await reasonOf(lsRemote('ftp://x', { kind: 'none' }))).toBe('invalid_url');
  });

  it('mirrors locally and lists first-parent commits', async () => {
    const mirror = path.join(mkdtempSync(path.join(tmpdir(), 'mirror-')), 'm.git');
    await syncMirror(`${server.url}/acme.git`, { kind: 'token', token: TOKEN }, mirror);
    const commits = await listCommits(mirror, 'main');
    expect(commits.map((c) => c.subject)).toEqual(['change 3', 'change 2', 'change 1']);
    // a second sync fetches into the existing mirror
    writeFileSync(path.join(work, 'mod.py'), 'def f():\n    return 4\n');
    git(work, 'commit', '-qam', 'change 4');
    git(work, 'push', '-q', path.join(root, 'acme.git'), 'main');
    await syncMirror(`${server.url}/acme.git`, { kind: 'token', token: TOKEN }, mirror);
    expect((await listCommits(mirror, 'main'))[0].subject).toBe('change 4');
    // local paths work the same way
    expect((await lsRemote(work, { kind: 'none' })).defaultBranch).toBe('main');
  });
});

describe('git over SSH with a deploy key (real sshd)', async () => {
  const { sshdUnavailableReason, startTestSshd } = await import('@/server/testing/sshd');
  const why = sshdUnavailableReason();
  it.skipIf(!!why)(`lists branches with the right key and says "auth failed" with a wrong one${why ? ` (skipped: ${why})` : ''}`, async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'git-ssh-'));
    const work = path.join(root, 'w');
    execFileSync('git', ['init', '-q', '-b', 'main', work]);
    writeFileSync(path.join(work, 'a.py'), 'def f():\n    return 1\n');
    git(work, 'add', '.');
    git(work, 'commit', '-qm', 'one');
    const bare = path.join(root, 'repo.git');
    execFileSync('git', ['clone', '-q', '--bare', work, bare]);
    const sshd = await startTestSshd();
    try {
      const url = `ssh://${sshd.username}@127.0.0.1:${sshd.port}${bare}`;
      const info = await lsRemote(url, { kind: 'ssh', privateKey: sshd.privateKey });
      expect(info.defaultBranch).toBe('main');
      expect(await reasonOf(lsRemote(url, { kind: 'ssh', privateKey: sshd.wrongPrivateKey }))).toBe('auth_failed');
    } finally {
      await sshd.stop();
    }
  });
});
