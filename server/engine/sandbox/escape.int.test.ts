// Sandbox escape attempts against the real bubblewrap jail: what a hostile (or confused)
// agent command would try to reach the host's network, files, secrets or privileges.
// Everything here runs real processes; the only listener the test opens is on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createBubblewrapSandbox, prepareWorkspace, type Sandbox, type Workspace } from './index';
import { createPythonFixtureRepo } from '@/server/testing/fixtures/python-repo';

let root: string;
let ws: Workspace;
let sb: Sandbox;
let secretDir: string;
let dataDir: string;
const SECRET = `s3cr3t-${Math.random().toString(36).slice(2)}`;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'bwrap-escape-'));
  const repo = await createPythonFixtureRepo(path.join(root, 'source'));
  ws = await prepareWorkspace({ source: repo.dir, commit: repo.commits[0], workRoot: path.join(root, 'work') });
  // A host secret right next to the workspace, and a data dir shaped like Specialist's own.
  secretDir = path.join(root, 'host-secrets');
  await mkdir(secretDir, { mode: 0o755 });
  await writeFile(path.join(secretDir, 'token.txt'), SECRET, { mode: 0o644 });
  dataDir = path.join(root, 'data');
  await mkdir(path.join(dataDir, 'blobs'), { recursive: true });
  await writeFile(path.join(dataDir, 'secret.key'), SECRET, { mode: 0o644 });
  process.env.SPECIALIST_ESCAPE_TEST_SECRET = SECRET;
  sb = await createBubblewrapSandbox({ hostWorkdir: ws.dir });
});

afterAll(async () => {
  delete process.env.SPECIALIST_ESCAPE_TEST_SECRET;
  await sb?.dispose();
  await rm(root, { recursive: true, force: true });
});

const py = (code: string) => `python - <<'PY'\n${code}\nPY\n`;

describe('sandbox escape: network (real bwrap)', () => {
  it('has no route out and no interface but loopback', async () => {
    const r = await sb.exec(
      py(`
import socket
for host, port in [('1.1.1.1', 80), ('169.254.169.254', 80), ('10.0.0.1', 22)]:
    try:
        socket.create_connection((host, port), timeout=2); print('CONNECTED', host)
    except OSError as e:
        print('BLOCKED', host, e.errno)
`) + 'tail -n +2 /proc/net/route | wc -l; ls /proc/sys/net/ipv4/conf',
      { timeoutMs: 20_000 },
    );
    expect(r.stdout).not.toContain('CONNECTED');
    expect(r.stdout.match(/BLOCKED/g)).toHaveLength(3);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toContain('0'); // empty routing table
    expect(r.stdout).not.toMatch(/\beth\d|\bens\d|\bdocker/);
  });

  it('cannot connect to a TCP server listening on the host’s 127.0.0.1', async () => {
    let accepted = 0;
    const server: Server = createServer((s) => {
      accepted++;
      s.end('host data\n');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const r = await sb.exec(`(exec 3<>/dev/tcp/127.0.0.1/${port} && cat <&3) 2>&1; echo rc=$?`, { timeoutMs: 10_000 });
      expect(r.stdout).toMatch(/Connection refused/);
      expect(r.stdout).not.toContain('host data');
      expect(accepted).toBe(0);
    } finally {
      server.close();
    }
  });
});

describe('sandbox escape: filesystem (real bwrap)', () => {
  it('cannot read a host secret next to the workspace, the data dir, /root or the host environment', async () => {
    for (const p of [path.join(secretDir, 'token.txt'), path.join(dataDir, 'secret.key'), '/root/.bashrc', path.dirname(ws.dir)]) {
      const r = await sb.exec(`cat ${p} 2>&1; ls ${p} 2>&1`);
      expect(r.stdout, p).not.toContain(SECRET);
      expect(r.stdout, p).toMatch(/No such file or directory/);
    }
    const env = await sb.exec('env');
    expect(env.stdout).not.toContain(SECRET);
  });

  it('the repository and a private /tmp are the only writable places', async () => {
    // every mount point the jail has, plus the usual writable spots of a host
    const mounts = (await sb.exec("awk '{print $5}' /proc/self/mountinfo")).stdout.trim().split('\n');
    const candidates = [...new Set([...mounts, '/', '/etc', '/usr', '/var/tmp', '/dev/shm', '/run', '/home', '/opt', '/opt/specialist/bin', '/tmp', '/testbed'])].filter((m) => !m.startsWith('/proc') && !m.startsWith('/dev/'));
    const r = await sb.exec(candidates.map((d) => `(mkdir -p ${d} 2>/dev/null; touch ${d}/.escape-probe 2>/dev/null && echo "W ${d}")`).join('; ') + '; true');
    const writable = r.stdout.trim().split('\n').filter(Boolean).map((l) => l.slice(2)).sort();
    expect(writable).toEqual(['/testbed', '/tmp']);
    // /tmp inside is private: nothing lands in the host's /tmp
    await expect(stat('/tmp/.escape-probe')).rejects.toThrow();
    expect(await readFile(path.join(ws.dir, '.escape-probe'), 'utf8')).toBe('');
  });

  it('symlinks out of the repository do not reach host files', async () => {
    const r = await sb.exec(`ln -s ${path.join(secretDir, 'token.txt')} /testbed/leak && cat /testbed/leak 2>&1; echo rc=$?`);
    expect(r.stdout).not.toContain(SECRET);
    await expect(sb.readFile('/testbed/leak')).rejects.toThrow();
  });
});

describe('sandbox escape: privilege (real bwrap)', () => {
  it('runs unprivileged: uid != 0, no capabilities, no_new_privs', async () => {
    const r = await sb.exec('id -u; grep -E "^(CapEff|CapPrm|CapBnd|NoNewPrivs):" /proc/self/status');
    const [uid, ...status] = r.stdout.trim().split('\n');
    expect(uid).not.toBe('0');
    const fields = Object.fromEntries(status.map((l) => l.split(':').map((s) => s.trim())));
    expect(fields.CapEff).toMatch(/^0+$/);
    expect(fields.CapPrm).toMatch(/^0+$/);
    expect(fields.CapBnd).toMatch(/^0+$/);
    expect(fields.NoNewPrivs).toBe('1');
  });

  it('cannot mount, and setuid binaries do not escalate', async () => {
    const m = await sb.exec('mount -t tmpfs none /testbed 2>&1; echo rc=$?; mount -o remount,rw /usr 2>&1; echo rc=$?');
    expect(m.stdout).not.toMatch(/rc=0/);
    // su and passwd are setuid root on the host; under no_new_privs they run as the caller
    const s = await sb.exec('su -c "id -u > /testbed/su-ran" root </dev/null 2>&1; echo rc=$?; ls /testbed/su-ran 2>&1');
    expect(s.stdout).not.toMatch(/rc=0/);
    expect(s.stdout).toMatch(/No such file/);
    const p = await sb.exec('passwd -S root 2>&1; echo rc=$?');
    expect(p.stdout).not.toMatch(/rc=0/);
  });

  it('a nested user namespace ("root" inside) gains nothing over host files', async () => {
    const r = await sb.exec(
      'unshare -r sh -c \'id -u; cat /etc/shadow 2>&1 | head -1; touch /usr/escape 2>&1; mount -o remount,rw /usr 2>&1; touch /usr/escape2 2>&1; echo end\' 2>&1',
    );
    // either user namespaces are refused outright, or "root" in one is still nobody to the host
    expect(r.stdout).not.toMatch(/^root:/m);
    await expect(stat('/usr/escape')).rejects.toThrow();
    await expect(stat('/usr/escape2')).rejects.toThrow();
  });

  it('cannot see or signal host processes by pid', async () => {
    const host: ChildProcess = spawn('sleep', ['60'], { stdio: 'ignore' });
    const pid = host.pid!;
    try {
      const r = await sb.exec(`kill -0 ${pid} 2>&1; echo rc=$?; kill -9 ${pid} 2>&1; ls /proc | grep -E '^[0-9]+$' | wc -l; ps -e -o comm=`);
      expect(r.stdout).toMatch(/No such process/);
      const nprocs = Number(r.stdout.split('\n').find((l) => /^\d+$/.test(l.trim())));
      expect(nprocs).toBeLessThan(10); // only the jail's own processes
      expect(r.stdout).not.toMatch(/^(node|sleep|postgres|systemd|init)$/m);
      expect(host.exitCode).toBeNull();
      expect(host.signalCode).toBeNull();
      expect(() => process.kill(pid, 0)).not.toThrow();
    } finally {
      host.kill('SIGKILL');
    }
  });
});
