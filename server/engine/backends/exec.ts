import { spawn } from 'node:child_process';
import { BackendError } from './types';

export interface ExecResult {
  stdout: string;
  stdoutBytes: Buffer;
  stderr: string;
  code: number;
}

export interface ExecOptions {
  stdin?: string | Buffer;
  timeoutMs?: number;
}

/**
 * Runs one bash command line somewhere (this host, an ssh host). The local, ssh and
 * Slurm backends are written against this so the same job-dir protocol and the same
 * sbatch/squeue calls work locally and remotely.
 */
export interface ShellExec {
  readonly where: string;
  run(command: string, opts?: ExecOptions): Promise<ExecResult>;
  close?(): Promise<void>;
}

/** Runs `bash -c` on this host. The child inherits this process's environment. */
export class LocalShellExec implements ShellExec {
  readonly where = 'localhost';
  constructor(private readonly opts: { cwd?: string } = {}) {}

  run(command: string, opts: ExecOptions = {}): Promise<ExecResult> {
    return new Promise((resolve, reject) => {
      const child = spawn('bash', ['-c', command], { cwd: this.opts.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let timer: NodeJS.Timeout | undefined;
      if (opts.timeoutMs) {
        timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
      }
      child.stdout.on('data', (d: Buffer) => out.push(d));
      child.stderr.on('data', (d: Buffer) => err.push(d));
      child.on('error', (e) => {
        if (timer) clearTimeout(timer);
        reject(new BackendError('command_missing', `cannot run bash: ${e.message}`));
      });
      child.on('close', (code, signal) => {
        if (timer) clearTimeout(timer);
        const stdoutBytes = Buffer.concat(out);
        resolve({
          stdout: stdoutBytes.toString('utf8'),
          stdoutBytes,
          stderr: Buffer.concat(err).toString('utf8'),
          code: code ?? (signal ? 128 + 9 : 1),
        });
      });
      child.stdin.on('error', () => {}); // the command may not read stdin
      child.stdin.end(opts.stdin ?? '');
    });
  }
}

/** Run and throw a BackendError with stderr when the exit code is not 0. */
export async function runChecked(exec: ShellExec, command: string, opts?: ExecOptions): Promise<ExecResult> {
  const r = await exec.run(command, opts);
  if (r.code !== 0) {
    const msg = (r.stderr || r.stdout).trim().slice(0, 2000);
    const code = r.code === 127 ? 'command_missing' : 'command_failed';
    throw new BackendError(code, `${exec.where}: command failed (exit ${r.code}): ${msg}`);
  }
  return r;
}
