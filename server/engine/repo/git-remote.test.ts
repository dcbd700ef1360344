import { describe, expect, it } from 'vitest';
import { classifyGitError, classifyRepoUrl, parseLsRemote, RepoAccessError } from './git-remote';

describe('repository locations', () => {
  it('recognises https, ssh and local paths', () => {
    expect(classifyRepoUrl('https://github.com/acme/app.git')).toBe('https');
    expect(classifyRepoUrl('git@github.com:acme/app.git')).toBe('ssh');
    expect(classifyRepoUrl('ssh://git@gitlab.example.com/acme/app.git')).toBe('ssh');
    expect(classifyRepoUrl('/srv/code/app')).toBe('local');
  });
  it('refuses credentials embedded in URLs and unknown forms', () => {
    expect(() => classifyRepoUrl('https://user:tok@github.com/acme/app.git')).toThrow(/token field/);
    expect(() => classifyRepoUrl('relative/path')).toThrow(RepoAccessError);
  });
});

describe('git error classification', () => {
  it.each([
    ["fatal: Authentication failed for 'https://github.com/acme/app.git/'", 'auth_failed'],
    ['git@github.com: Permission denied (publickey).', 'auth_failed'],
    ['remote: Repository not found.\nfatal: repository not found', 'not_found'],
    ["fatal: unable to access 'https://nohost/': Could not resolve host: nohost", 'network'],
    ['something odd', 'unknown'],
  ])('%s → %s', (stderr, reason) => {
    expect(classifyGitError(stderr).reason).toBe(reason);
  });
  it('masks secrets in the detail', () => {
    expect(classifyGitError('fatal: bad token abc123 here', ['abc123']).detail).toBe('fatal: bad token *** here');
  });
});

describe('ls-remote output', () => {
  it('reads the default branch from the HEAD symref', () => {
    const out = `ref: refs/heads/develop\tHEAD\n${'a'.repeat(40)}\tHEAD\n${'b'.repeat(40)}\trefs/heads/develop\n${'c'.repeat(40)}\trefs/heads/main\n`;
    const info = parseLsRemote(out);
    expect(info.defaultBranch).toBe('develop');
    expect(info.branches).toEqual([
      { sha: 'b'.repeat(40), name: 'develop' },
      { sha: 'c'.repeat(40), name: 'main' },
    ]);
  });
});
