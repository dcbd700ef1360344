// Test helper: a private OpenSSH server on 127.0.0.1 with a temp host key and one
// authorized client key (recipe: ../shared/ENVIRONMENT-probes.md §2). Stopped by PID.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync, chmodSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';

export const SSHD_BIN = '/usr/sbin/sshd';

export interface TestSshd {
  host: '127.0.0.1';
  port: number;
  username: string;
  /** The authorized client key (OpenSSH format text). */
  privateKey: string;
  /** A freshly generated key that is NOT authorized, for auth-failure tests. */
  wrongPrivateKey: string;
  /** `SHA256:...` of the server's host key, as `ssh-keygen -lf` prints it. */
  hostKeyFingerprint: string;
  dir: string;
  pid: number;
  stop(): Promise<void>;
}

/** Why sshd cannot run here, or undefined when it can. Used to skip with a clear message. */
export function sshdUnavailableReason(): string | undefined {
  if (!existsSync(SSHD_BIN)) return `${SSHD_BIN} not installed (apt-get install openssh-server)`;
  if (spawnSync('ssh-keygen', ['-?'], { stdio: 'ignore' }).error) return 'ssh-keygen not installed';
  return undefined;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, ms: number): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = connect(port, '127.0.0.1');
      c.once('connect', () => {
        c.destroy();
        resolve(true);
      });
      c.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() - t0 > ms) throw new Error(`sshd did not listen on ${port} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function keygen(file: string) {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file]);
}

export async function startTestSshd(): Promise<TestSshd> {
  const why = sshdUnavailableReason();
  if (why) throw new Error(why);
  const dir = mkdtempSync(path.join(tmpdir(), 'specialist-sshd-'));
  chmodSync(dir, 0o700);
  keygen(path.join(dir, 'host_ed25519'));
  keygen(path.join(dir, 'client_ed25519'));
  keygen(path.join(dir, 'wrong_ed25519'));
  copyFileSync(path.join(dir, 'client_ed25519.pub'), path.join(dir, 'authorized_keys'));
  chmodSync(path.join(dir, 'authorized_keys'), 0o600);
  mkdirSync('/run/sshd', { recursive: true }); // privilege-separation dir; sshd refuses to start without it
  const username = userInfo().username;
  const port = await freePort();
  const config = [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${dir}/host_ed25519`,
    `PidFile ${dir}/sshd.pid`,
    `AuthorizedKeysFile ${dir}/authorized_keys`,
    // keys live under /tmp, which is world-writable: StrictModes would refuse them
    'StrictModes no',
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    username === 'root' ? 'PermitRootLogin prohibit-password' : '',
    'UsePAM no',
    'X11Forwarding no',
    'AllowTcpForwarding no',
    'Subsystem sftp internal-sftp',
    '',
  ].join('\n');
  writeFileSync(path.join(dir, 'sshd_config'), config);
  execFileSync(SSHD_BIN, ['-t', '-f', `${dir}/sshd_config`]);
  // sshd daemonizes; the pidfile names the listener we must stop.
  execFileSync(SSHD_BIN, ['-f', `${dir}/sshd_config`, '-E', `${dir}/sshd.log`]);
  await waitForPort(port, 5000);
  // sshd can accept connections a moment before it writes its pid file
  const pidFile = path.join(dir, 'sshd.pid');
  for (let i = 0; i < 100 && !existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 50));
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  const fp = execFileSync('ssh-keygen', ['-lf', `${dir}/host_ed25519.pub`], { encoding: 'utf8' }).split(/\s+/)[1];
  return {
    host: '127.0.0.1',
    port,
    username,
    privateKey: readFileSync(path.join(dir, 'client_ed25519'), 'utf8'),
    wrongPrivateKey: readFileSync(path.join(dir, 'wrong_ed25519'), 'utf8'),
    hostKeyFingerprint: fp,
    dir,
    pid,
    async stop() {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
