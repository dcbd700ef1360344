import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createBubblewrapSandbox, diffWorkingTree, prepareWorkspace, resetWorkingTree, type Sandbox, type Workspace } from './index';
import { createPythonFixtureRepo, type PythonFixtureRepo } from '@/server/testing/fixtures/python-repo';

let root: string;
let repo: PythonFixtureRepo;
let ws: Workspace;
let sb: Sandbox;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'bwrap-int-'));
  repo = await createPythonFixtureRepo(path.join(root, 'source'));
  ws = await prepareWorkspace({ source: repo.dir, commit: repo.commits[0], workRoot: path.join(root, 'work') });
  sb = await createBubblewrapSandbox({ hostWorkdir: ws.dir });
});

afterAll(async () => {
  await sb?.dispose();
  await rm(root, { recursive: true, force: true });
});

describe('bubblewrap sandbox (real bwrap)', () => {
  it('runs commands in /testbed with python available as `python`', async () => {
    const r = await sb.exec('pwd; ls calckit; python -c "import calckit; print(calckit.add(2, 3))"');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('/testbed\n');
    expect(r.stdout).toContain('arith.py');
    expect(r.stdout.trim().endsWith('5')).toBe(true);
  });

  it('runs as a non-root uid with no capabilities', async () => {
    const r = await sb.exec('id -u; id -g; grep CapEff /proc/self/status');
    expect(r.exitCode).toBe(0);
    const [uid, gid, cap] = r.stdout.trim().split('\n');
    expect(uid).not.toBe('0');
    expect(uid).toBe('65534');
    expect(gid).toBe('65534');
    expect(cap).toMatch(/CapEff:\s+0+$/);
  });

  it('cannot reach a server listening on the host loopback, nor resolve external names', async () => {
    const server: Server = createServer((_q, s) => s.end('hello from host'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      // Sanity: the same request works from the host.
      const host = await fetch(`http://127.0.0.1:${port}/`).then((x) => x.text());
      expect(host).toBe('hello from host');
      const r = await sb.exec(
        `python -c "
import socket
try:
    socket.create_connection(('127.0.0.1', ${port}), timeout=2); print('CONNECTED')
except OSError as e:
    print('REFUSED', e)
try:
    socket.getaddrinfo('registry.npmjs.org', 443); print('RESOLVED')
except OSError as e:
    print('NODNS', e)
"`,
        { timeoutMs: 20_000 },
      );
      expect(r.stdout).toContain('REFUSED');
      expect(r.stdout).not.toContain('CONNECTED');
      expect(r.stdout).toContain('NODNS');
    } finally {
      server.close();
    }
  });

  it('can write inside the repo but not outside it', async () => {
    const ok = await sb.exec('echo inside > /testbed/new_file.txt && echo tmp > /tmp/scratch.txt && cat /tmp/scratch.txt');
    expect(ok.exitCode).toBe(0);
    expect(await readFile(path.join(ws.dir, 'new_file.txt'), 'utf8')).toBe('inside\n');
    for (const target of ['/usr/evil.txt', '/etc/evil.txt', '/evil.txt', '/opt/specialist/bin/evil']) {
      const r = await sb.exec(`echo x > ${target}`);
      expect(r.exitCode, target).not.toBe(0);
    }
    await expect(stat('/usr/evil.txt')).rejects.toThrow();
    // The host's own files are not reachable through the workdir's parent either.
    const up = await sb.exec(`ls ${path.dirname(ws.dir)} 2>&1; ls /work 2>&1`);
    expect(up.stdout).toMatch(/No such file or directory/);
  });

  it('cannot see /root or read host secrets', async () => {
    const r = await sb.exec('ls /root 2>&1; cat /etc/shadow 2>&1; echo done');
    expect(r.stdout).toMatch(/ls: cannot access '\/root': No such file or directory/);
    expect(r.stdout).toMatch(/cat: \/etc\/shadow: Permission denied/);
    await expect(sb.readFile('/root/.bashrc')).rejects.toThrow(/No such file/);
  });

  it('kills the whole process tree on timeout', async () => {
    const marker = path.join(ws.dir, 'late.txt');
    const t0 = Date.now();
    const r = await sb.exec('(sleep 3; echo late > /testbed/late.txt) & sleep 30', { timeoutMs: 500 });
    expect(r.timedOut).toBe(true);
    expect(r.exitCode).toBeNull();
    expect(Date.now() - t0).toBeLessThan(5_000);
    await new Promise((res) => setTimeout(res, 3_500));
    await expect(stat(marker)).rejects.toThrow();
  });

  it('reads, writes and inspects files through the jail', async () => {
    await sb.writeFile('/testbed/calckit/notes.txt', 'héllo\n');
    expect(await sb.readFile('/testbed/calckit/notes.txt')).toBe('héllo\n');
    expect(await sb.pathInfo('/testbed/calckit')).toEqual({ exists: true, isDir: true });
    expect(await sb.pathInfo('/testbed/calckit/notes.txt')).toEqual({ exists: true, isDir: false });
    expect(await sb.pathInfo('/testbed/missing')).toEqual({ exists: false, isDir: false });
    await expect(sb.writeFile('/usr/x.txt', 'x')).rejects.toThrow();
  });

  it('git works inside on the per-rollout copy', async () => {
    const r = await sb.exec('git status --short && git rev-parse HEAD');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(ws.baseCommit);
  });
});

describe('limits and git state', () => {
  it('caps memory per command (ulimit -v)', async () => {
    const capped = await createBubblewrapSandbox({ hostWorkdir: ws.dir, memoryLimitBytes: 256 * 1024 * 1024 });
    try {
      const big = await capped.exec('python -c "x = bytearray(600 * 1024 * 1024); print(len(x))"');
      expect(big.exitCode).not.toBe(0);
      expect(big.stderr).toMatch(/MemoryError/);
      const small = await capped.exec('python -c "x = bytearray(16 * 1024 * 1024); print(len(x))"');
      expect(small.stdout.trim()).toBe(String(16 * 1024 * 1024));
    } finally {
      await capped.dispose();
    }
  });

  it('exposes extra read-only paths (e.g. a Python environment) even under a private parent', async () => {
    const env = path.join(root, 'private', 'venv', 'lib');
    await mkdir(env, { recursive: true });
    await chmod(path.join(root, 'private'), 0o700);
    await writeFile(path.join(env, 'helper_mod.py'), 'VALUE = 42\n');
    const withEnv = await createBubblewrapSandbox({ hostWorkdir: ws.dir, extraReadOnly: [env] });
    try {
      const r = await withEnv.exec(`PYTHONPATH=${env} python -c "import helper_mod; print(helper_mod.VALUE)"; echo x > ${env}/w.txt; stat -c %a /tmp; echo t > /tmp/t.txt && echo tmp-ok`);
      expect(r.stdout).toMatch(/^42\n1?7\d\d\ntmp-ok\n$/);
      expect(r.stderr).toMatch(/Read-only file system/);
      // Siblings of the bound directory stay hidden.
      const s = await withEnv.exec(`ls ${path.join(root, 'private', 'venv')}; ls ${root}/source 2>&1`);
      expect(s.stdout).toMatch(/^lib\n.*No such file or directory/s);
    } finally {
      await withEnv.dispose();
    }
  });

  it('diffs the working tree (new files included) and resets it', async () => {
    await sb.exec('echo "# note" >> calckit/arith.py && echo "x = 1" > scratch_new.py');
    const patch = await diffWorkingTree(sb, { baseCommit: ws.baseCommit });
    expect(patch).toContain('+# note');
    expect(patch).toContain('diff --git a/scratch_new.py b/scratch_new.py');
    await resetWorkingTree(sb, ws.baseCommit);
    expect(await diffWorkingTree(sb, { baseCommit: ws.baseCommit })).toBe('');
    expect((await sb.pathInfo('/testbed/scratch_new.py')).exists).toBe(false);
  });
});

describe('prepareWorkspace', () => {
  it('gives each rollout an independent copy at the requested commit', async () => {
    const a = await prepareWorkspace({ source: repo.dir, commit: repo.commits[0], workRoot: path.join(root, 'work') });
    const b = await prepareWorkspace({ repoDir: repo.dir, commit: repo.commits[1], workRoot: path.join(root, 'work') });
    try {
      expect(a.dir).not.toBe(b.dir);
      expect(a.baseCommit).toBe(repo.commits[0]);
      expect(b.baseCommit).toBe(repo.commits[1]);
      await expect(stat(path.join(a.dir, 'calckit/stats.py'))).rejects.toThrow();
      await stat(path.join(b.dir, 'calckit/stats.py'));
      await expect(prepareWorkspace({ source: repo.dir, commit: 'deadbeef', workRoot: path.join(root, 'work') })).rejects.toThrow(/git checkout failed/);
      await expect(prepareWorkspace({ commit: 'x', workRoot: root })).rejects.toThrow(/needs source/);
      // The copy keeps no remote (no URL or token left behind) and shares no objects with the source.
      expect(execFileSync('git', ['remote'], { cwd: a.dir, encoding: 'utf8' })).toBe('');
      await expect(stat(path.join(a.dir, '.git/objects/info/alternates'))).rejects.toThrow();
    } finally {
      await a.dispose();
      await b.dispose();
    }
  });
});
