import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { runProcess, type RunProcessOptions } from './run-process';
import { readFileVia, writeFileVia, pathInfoVia } from './sandbox-files';
import { baseEnv, DEFAULT_EXEC_TIMEOUT_MS, DEFAULT_MAX_OUTPUT_BYTES } from './defaults';
import type { ExecOptions, ExecResult, Sandbox } from './types';
import { SandboxError } from './types';

export interface DockerImageSpec {
  /** Python version of the base image (SERA's default is 3.10). */
  pythonVersion?: string;
  /** Run in the repo at build time (SERA's default: `python -m pip install -e .`). */
  installCommands?: string[];
  /** Base image override (default python:<version>-slim). */
  baseImage?: string;
}

/**
 * Dockerfile for a repo at one commit: the repo is copied to /testbed (SWE-agent's layout)
 * and installed there, so an editable install still resolves when the per-rollout copy is
 * later mounted over /testbed.
 */
export function dockerfileFor(spec: DockerImageSpec = {}): string {
  const base = spec.baseImage ?? `python:${spec.pythonVersion ?? '3.10'}-slim`;
  const install = spec.installCommands ?? ['python -m pip install -e .'];
  return [
    `FROM ${base}`,
    'RUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*',
    'WORKDIR /testbed',
    'COPY . /testbed',
    ...install.map((c) => `RUN ${c}`),
    'RUN python -m pip install pytest',
    '',
  ].join('\n');
}

export type DockerRunner = (file: string, args: string[], opts: RunProcessOptions) => Promise<ExecResult>;

export interface DockerDeps {
  run: DockerRunner;
}

/** Builds `tag` from `contextDir` with the given Dockerfile text (sent on stdin). */
export async function buildDockerImage(opts: { contextDir: string; tag: string; dockerfile: string; docker?: string; timeoutMs?: number }, deps: DockerDeps = { run: runProcess }): Promise<void> {
  const r = await deps.run(opts.docker ?? 'docker', ['build', '--tag', opts.tag, '--file', '-', opts.contextDir], {
    env: { PATH: '/usr/local/bin:/usr/bin:/bin', DOCKER_BUILDKIT: '1' },
    stdin: opts.dockerfile,
    timeoutMs: opts.timeoutMs ?? 3_600_000,
    maxOutputBytes: DEFAULT_MAX_OUTPUT_BYTES,
  });
  if (r.exitCode !== 0) {
    const tail = (r.stdout + r.stderr).split('\n').slice(-50).join('\n');
    throw new SandboxError(`docker build of ${opts.tag} failed${r.timedOut ? ' (timed out)' : ''}:\n${tail}`);
  }
}

export interface DockerSandboxOptions {
  image: string;
  hostWorkdir: string;
  workdir?: string;
  docker?: string;
  /** e.g. "4g"; default none. */
  memory?: string;
  /** e.g. 2; default none. */
  cpus?: number;
  /** uid:gid the commands run as (default 65534:65534). */
  user?: string;
}

/**
 * Docker sandbox for hosts with an engine: one long-lived container per rollout with no
 * network, no capabilities, no-new-privileges, a pids cap, the repo copy mounted at
 * /testbed and a private /tmp. Commands run through `docker exec` under `timeout -s KILL`
 * inside the container, because killing the docker client would leave them running.
 */
export async function createDockerSandbox(opts: DockerSandboxOptions, deps: DockerDeps = { run: runProcess }): Promise<Sandbox> {
  const docker = opts.docker ?? 'docker';
  const workdir = opts.workdir ?? '/testbed';
  const user = opts.user ?? '65534:65534';
  const hostEnv = { PATH: '/usr/local/bin:/usr/bin:/bin' };
  const name = `specialist-sbx-${randomBytes(6).toString('hex')}`;
  const cli = (args: string[], o: Partial<RunProcessOptions> = {}) =>
    deps.run(docker, args, { env: hostEnv, timeoutMs: 120_000, maxOutputBytes: DEFAULT_MAX_OUTPUT_BYTES, ...o });
  const started = await cli([
    'run', '--detach', '--rm', '--name', name,
    '--network', 'none',
    '--cap-drop', 'ALL',
    '--security-opt', 'no-new-privileges',
    '--pids-limit', '1024',
    ...(opts.memory ? ['--memory', opts.memory] : []),
    ...(opts.cpus ? ['--cpus', String(opts.cpus)] : []),
    '--user', user,
    '--volume', `${path.resolve(opts.hostWorkdir)}:${workdir}`,
    '--tmpfs', '/tmp:exec,mode=1777',
    '--workdir', workdir,
    '--entrypoint', 'sleep',
    opts.image, 'infinity',
  ]);
  if (started.exitCode !== 0) throw new SandboxError(`could not start a container from ${opts.image}: ${started.stderr.trim()}`);

  const run = async (argv: string[], o: ExecOptions = {}): Promise<ExecResult> => {
    const timeoutMs = o.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS;
    const env = { ...baseEnv(workdir, '/tmp'), PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', ...(o.env ?? {}) };
    const envArgs = Object.entries(env).flatMap(([k, v]) => ['--env', `${k}=${v}`]);
    const secs = Math.max(1, Math.ceil(timeoutMs / 1000));
    const r = await deps.run(docker, ['exec', '--interactive', '--workdir', o.cwd ?? workdir, ...envArgs, name, 'timeout', '--signal=KILL', `${secs}s`, ...argv], {
      env: hostEnv,
      stdin: o.stdin,
      // The in-container timeout fires first; this one only guards a hung docker client.
      timeoutMs: timeoutMs + 10_000,
      maxOutputBytes: o.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES,
    });
    // coreutils timeout with SIGKILL exits 137 (128 + 9).
    const timedOut = r.timedOut || (r.exitCode === 137 && r.durationMs >= secs * 1000 - 50);
    return { ...r, timedOut, exitCode: timedOut ? null : r.exitCode };
  };
  const fileRun = (argv: string[], o?: { stdin?: string }) => run(argv, { timeoutMs: 60_000, stdin: o?.stdin });

  return {
    kind: 'docker',
    workdir,
    hostWorkdir: path.resolve(opts.hostWorkdir),
    exec: (command, o) => run(['bash', '-c', command], o),
    readFile: (p) => readFileVia(fileRun, p),
    writeFile: (p, c) => writeFileVia(fileRun, p, c),
    pathInfo: (p) => pathInfoVia(fileRun, p),
    async dispose() {
      await cli(['rm', '--force', name]);
    },
  };
}
