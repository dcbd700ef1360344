import { createHash } from 'node:crypto';
import { Client, type ConnectConfig } from 'ssh2';
import type { ExecOptions, ExecResult, ShellExec } from './exec';
import { shq } from './shell';
import { BackendError, type CheckErrorKind } from './types';

export interface SshConfig {
  host: string;
  port?: number;
  username: string;
  /** PEM/OpenSSH private key text (not a path: the engine does no config I/O). */
  privateKey?: string;
  passphrase?: string;
  password?: string;
  /**
   * Pinned host key, `SHA256:<base64>` as printed by `ssh-keygen -lf`. With
   * `strictHostKeyChecking` (default true) a missing pin is refused.
   */
  hostKeyFingerprint?: string;
  strictHostKeyChecking?: boolean;
  readyTimeoutMs?: number;
}

export function sha256Fingerprint(key: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(key).digest('base64').replace(/=+$/, '');
}

/** Turns ssh2/socket errors into the specific reasons a "test connection" button shows. */
export function classifySshError(e: Error & { code?: string; level?: string }): CheckErrorKind {
  const m = e.message ?? '';
  if (/authentication methods failed|auth.*fail/i.test(m) || e.level === 'client-authentication') return 'auth_failed';
  if (/verification failed|host denied/i.test(m)) return 'host_key_mismatch';
  if (
    ['ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET'].includes(e.code ?? '') ||
    /timed out while waiting for handshake|connect/i.test(m)
  ) {
    return 'host_unreachable';
  }
  return 'unknown';
}

/**
 * One lazily opened ssh2 connection; every `run` is an exec channel on it. Commands
 * are wrapped in `bash -c` so they do not depend on the remote login shell.
 */
export class SshShellExec implements ShellExec {
  readonly where: string;
  private conn?: Promise<Client>;

  constructor(private readonly config: SshConfig) {
    this.where = `${config.username}@${config.host}:${config.port ?? 22}`;
  }

  private connect(): Promise<Client> {
    if (this.conn) return this.conn;
    const c = this.config;
    const strict = c.strictHostKeyChecking ?? true;
    if (strict && !c.hostKeyFingerprint) {
      return Promise.reject(
        new BackendError('host_key_mismatch', `no pinned host key for ${this.where} and strictHostKeyChecking is on`),
      );
    }
    const client = new Client();
    const p = new Promise<Client>((resolve, reject) => {
      const cfg: ConnectConfig = {
        host: c.host,
        port: c.port ?? 22,
        username: c.username,
        readyTimeout: c.readyTimeoutMs ?? 10_000,
        privateKey: c.privateKey,
        passphrase: c.passphrase,
        password: c.password,
        hostVerifier: (key: Buffer) => !c.hostKeyFingerprint || sha256Fingerprint(key) === c.hostKeyFingerprint,
      };
      client
        .on('ready', () => resolve(client))
        .on('error', (e: Error & { code?: string; level?: string }) => {
          this.conn = undefined;
          reject(new BackendError(classifySshError(e), `ssh ${this.where}: ${e.message}`));
        })
        .on('close', () => {
          this.conn = undefined;
        })
        .connect(cfg);
    });
    this.conn = p;
    return p;
  }

  async run(command: string, opts: ExecOptions = {}): Promise<ExecResult> {
    const client = await this.connect();
    return new Promise((resolve, reject) => {
      client.exec(`bash -c ${shq(command)}`, (err, stream) => {
        if (err) {
          reject(new BackendError('command_failed', `ssh ${this.where}: ${err.message}`));
          return;
        }
        const out: Buffer[] = [];
        const errOut: Buffer[] = [];
        let timer: NodeJS.Timeout | undefined;
        if (opts.timeoutMs) timer = setTimeout(() => stream.close(), opts.timeoutMs);
        stream.on('data', (d: Buffer) => out.push(d));
        stream.stderr.on('data', (d: Buffer) => errOut.push(d));
        stream.on('close', (code: number | null) => {
          if (timer) clearTimeout(timer);
          const stdoutBytes = Buffer.concat(out);
          resolve({
            stdout: stdoutBytes.toString('utf8'),
            stdoutBytes,
            stderr: Buffer.concat(errOut).toString('utf8'),
            code: code ?? 255,
          });
        });
        stream.end(opts.stdin ?? '');
      });
    });
  }

  async close(): Promise<void> {
    const c = this.conn;
    this.conn = undefined;
    if (c) (await c.catch(() => undefined))?.end();
  }
}
