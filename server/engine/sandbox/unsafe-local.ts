import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runProcess } from './run-process';
import { baseEnv, DEFAULT_EXEC_TIMEOUT_MS, DEFAULT_MAX_OUTPUT_BYTES } from './defaults';
import type { Sandbox } from './types';
import { SandboxFileError } from './types';

/**
 * UNSAFE: runs agent commands as plain child processes of this server, with the server's
 * user, network and file system. For development on a trusted repo only; never the default.
 * The agent sees host paths (workdir === hostWorkdir).
 */
export async function createUnsafeLocalSandbox(opts: { hostWorkdir: string }): Promise<Sandbox> {
  const hostWorkdir = path.resolve(opts.hostWorkdir);
  const home = await mkdtemp(path.join(os.tmpdir(), 'unsafe-local-home-'));
  return {
    kind: 'unsafe-local',
    workdir: hostWorkdir,
    hostWorkdir,
    exec: (command, o = {}) =>
      runProcess('bash', ['-c', command], {
        cwd: o.cwd ?? hostWorkdir,
        env: { ...baseEnv(hostWorkdir, home), ...(o.env ?? {}) },
        stdin: o.stdin,
        timeoutMs: o.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS,
        maxOutputBytes: o.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES,
      }),
    async readFile(p) {
      try {
        return await readFile(p, 'utf8');
      } catch (e) {
        throw new SandboxFileError((e as Error).message, p);
      }
    },
    async writeFile(p, c) {
      try {
        await writeFile(p, c, 'utf8');
      } catch (e) {
        throw new SandboxFileError((e as Error).message, p);
      }
    },
    async pathInfo(p) {
      try {
        const s = await stat(p);
        return { exists: true, isDir: s.isDirectory() };
      } catch {
        return { exists: false, isDir: false };
      }
    },
    dispose: () => rm(home, { recursive: true, force: true }),
  };
}
