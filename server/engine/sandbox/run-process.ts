import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { ExecResult } from './types';
import { SandboxError } from './types';

export interface RunProcessOptions {
  cwd?: string;
  env: Record<string, string>;
  stdin?: string;
  timeoutMs: number;
  maxOutputBytes: number;
}

/** Collects a stream up to a byte cap, so a runaway `yes` cannot exhaust our memory. */
function collector(max: number) {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  return {
    push(b: Buffer) {
      if (size >= max) {
        truncated = true;
        return;
      }
      const take = Math.min(b.length, max - size);
      if (take < b.length) truncated = true;
      chunks.push(take === b.length ? b : b.subarray(0, take));
      size += take;
    },
    text: () => Buffer.concat(chunks).toString('utf8'),
    get truncated() {
      return truncated;
    },
  };
}

/**
 * Spawns a program in its own process group and kills the whole group on timeout, so
 * children that a shell started (e.g. `sleep 100 &`) do not outlive the command.
 */
export function runProcess(file: string, args: string[], opts: RunProcessOptions): Promise<ExecResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let child: ChildProcessWithoutNullStreams;
    try {
      child = spawn(file, args, { cwd: opts.cwd, env: opts.env as NodeJS.ProcessEnv, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    } catch (e) {
      reject(new SandboxError(`could not start ${file}: ${(e as Error).message}`));
      return;
    }
    const out = collector(opts.maxOutputBytes);
    const err = collector(opts.maxOutputBytes);
    let timedOut = false;
    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, opts.timeoutMs);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.stdin.on('error', () => {
      // the command may exit without reading stdin (EPIPE): not an error for us
    });
    // Kill leftovers as soon as the main process exits; otherwise a background child that
    // holds stdout open would keep us waiting until the timeout.
    child.on('exit', killGroup);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new SandboxError(`could not start ${file}: ${e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      // Background children that kept the pipes open are gone with the group too.
      killGroup();
      resolve({
        stdout: out.text(),
        stderr: err.text(),
        exitCode: timedOut ? null : code,
        timedOut,
        truncated: out.truncated || err.truncated,
        durationMs: performance.now() - started,
      });
    });
    child.stdin.end(opts.stdin ?? '');
  });
}
