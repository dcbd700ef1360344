import { execFile } from 'node:child_process';
import { chown, mkdir, mkdtemp, rm, symlink, lstat, readlink } from 'node:fs/promises';
import path from 'node:path';
import { runProcess } from './run-process';
import { readFileVia, writeFileVia, pathInfoVia } from './sandbox-files';
import { baseEnv, DEFAULT_EXEC_TIMEOUT_MS, DEFAULT_MAX_OUTPUT_BYTES } from './defaults';
import type { ExecOptions, ExecResult, Sandbox } from './types';

export interface BubblewrapOptions {
  /** Host directory of the repository copy; bound read-write. */
  hostWorkdir: string;
  /** Where the repository appears inside (default /testbed, as in SWE-agent images). */
  workdir?: string;
  /** Host directory under which the sandbox keeps its private /tmp (default: the workdir's parent). */
  scratchRoot?: string;
  /** Path of the bwrap binary (default /usr/bin/bwrap). */
  bwrapPath?: string;
  /** Extra host paths made visible read-only at the same place (e.g. a Python venv). */
  extraReadOnly?: string[];
  /** The interpreter that `python` resolves to inside (default /usr/bin/python3). */
  python?: string;
  /** Virtual memory cap per command (ulimit -v), bytes. */
  memoryLimitBytes?: number;
  /** CPU-seconds cap per command (ulimit -t). */
  cpuLimitSeconds?: number;
  /** Unprivileged uid/gid the commands run as (default 65534, "nobody"). */
  uid?: number;
  /**
   * Whether this process is root (default: asked of the OS). As root, bwrap keeps the host
   * uid map and the command drops to `uid` with setpriv, so root-owned host files stay
   * unreadable; a user namespace would instead map root's files onto the sandbox user.
   */
  runningAsRoot?: boolean;
}

// Top-level system paths; on merged-/usr Debian most are symlinks into /usr and are
// recreated as symlinks so the jail looks like the host without exposing more of it.
const SYSTEM_PATHS = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32', '/etc'];

async function systemMounts(): Promise<string[]> {
  const args: string[] = [];
  for (const p of SYSTEM_PATHS) {
    let st;
    try {
      st = await lstat(p);
    } catch {
      continue;
    }
    if (st.isSymbolicLink()) args.push('--symlink', await readlink(p), p);
    else args.push('--ro-bind', p, p);
  }
  return args;
}

function chownTree(dir: string, uid: number): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('/usr/bin/chown', ['-R', `${uid}:${uid}`, dir], (err, _o, stderr) => (err ? reject(new Error(`chown failed: ${stderr}`)) : resolve()));
  });
}

/**
 * Bubblewrap sandbox: no network (own net namespace), own pid/ipc/uts namespaces, runs as
 * an unprivileged uid with no capabilities (root outside is never root inside), read-only
 * system dirs, the repo copy read-write, a private /tmp, nothing else of the host (no /root,
 * no /home, no /work). Each command is a fresh `bwrap … bash -c`; killing bwrap kills
 * the namespace's every process.
 */
export async function createBubblewrapSandbox(opts: BubblewrapOptions): Promise<Sandbox> {
  const hostWorkdir = path.resolve(opts.hostWorkdir);
  const workdir = opts.workdir ?? '/testbed';
  const scratchRoot = opts.scratchRoot ?? path.dirname(hostWorkdir);
  await mkdir(scratchRoot, { recursive: true });
  const scratch = await mkdtemp(path.join(scratchRoot, '.sandbox-'));
  const hostTmp = path.join(scratch, 'tmp');
  const hostBin = path.join(scratch, 'bin');
  await mkdir(hostTmp, { mode: 0o1777 });
  await mkdir(hostBin);
  // SWE-agent prompts say `python <file>`; Debian only ships python3.
  await symlink(opts.python ?? '/usr/bin/python3', path.join(hostBin, 'python'));
  const bwrap = opts.bwrapPath ?? '/usr/bin/bwrap';
  const uidN = opts.uid ?? 65534;
  const uid = String(uidN);
  const asRoot = opts.runningAsRoot ?? process.getuid?.() === 0;
  if (asRoot) {
    // The repo copy and the private /tmp belong to the unprivileged user who will edit them.
    await chownTree(hostWorkdir, uidN);
    await chown(hostTmp, uidN, uidN);
  }
  const mounts = await systemMounts();
  // Mount points bwrap creates are 0700 when it runs as root; open the ancestors of extra
  // binds (e.g. a venv under /root/.pyenv) so the unprivileged user can reach them.
  // Existing mount points are left alone (a --perms on them would chmod the host directory).
  const opened = new Set<string>([...SYSTEM_PATHS, '/tmp', '/opt', '/opt/specialist', workdir]);
  const extra = (opts.extraReadOnly ?? []).flatMap((raw) => {
    const p = path.resolve(raw);
    const dirs: string[] = [];
    for (let d = path.dirname(p); d !== '/' && !opened.has(d); d = path.dirname(d)) dirs.unshift(d);
    for (const d of dirs) opened.add(d);
    return [...dirs.flatMap((d) => ['--perms', '0755', '--dir', d]), '--ro-bind', p, p];
  });
  const limits: string[] = [];
  if (opts.memoryLimitBytes) limits.push(`ulimit -v ${Math.floor(opts.memoryLimitBytes / 1024)}`);
  if (opts.cpuLimitSeconds) limits.push(`ulimit -t ${Math.ceil(opts.cpuLimitSeconds)}`);
  const limitPrefix = limits.length ? limits.join('; ') + '; ' : '';

  const identity = asRoot
    ? ['--unshare-net', '--unshare-pid', '--unshare-ipc', '--unshare-uts', '--unshare-cgroup-try']
    : ['--unshare-all', '--unshare-user', '--uid', uid, '--gid', uid, '--cap-drop', 'ALL'];
  // Runs between bwrap and the command when bwrap itself is root: real uid/gid change,
  // every capability set emptied, and no way back up through setuid binaries.
  const dropPrivileges = asRoot
    ? ['/usr/bin/setpriv', `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', '--inh-caps=-all', '--bounding-set=-all', '--no-new-privs', '--']
    : [];

  const bwrapArgs = (cwd: string, env: Record<string, string>): string[] => {
    const a = [
      ...identity,
      '--die-with-parent',
      '--new-session',
      '--hostname', 'sandbox',
      ...mounts,
      '--proc', '/proc',
      '--dev', '/dev',
      '--bind', hostTmp, '/tmp',
      // Directories bwrap creates for mount points are 0700 when it runs as root.
      '--perms', '0755', '--dir', '/opt',
      '--perms', '0755', '--dir', '/opt/specialist',
      '--ro-bind', hostBin, '/opt/specialist/bin',
      '--bind', hostWorkdir, workdir,
      // After /tmp and the workdir, so an extra path under /tmp is not hidden by them.
      ...extra,
      '--chdir', cwd,
      '--clearenv',
    ];
    for (const [k, v] of Object.entries(env)) a.push('--setenv', k, v);
    return a;
  };

  const run = (argv: string[], o: ExecOptions = {}): Promise<ExecResult> => {
    const env = { ...baseEnv(workdir, '/tmp'), ...(o.env ?? {}) };
    return runProcess(bwrap, [...bwrapArgs(o.cwd ?? workdir, env), '--', ...dropPrivileges, ...argv], {
      env: { PATH: '/usr/bin:/bin' },
      stdin: o.stdin,
      timeoutMs: o.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS,
      maxOutputBytes: o.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES,
    });
  };
  const fileRun = (argv: string[], o?: { stdin?: string }) => run(argv, { timeoutMs: 60_000, stdin: o?.stdin });

  return {
    kind: 'bubblewrap',
    workdir,
    hostWorkdir,
    exec: (command, o) => run(['bash', '-c', limitPrefix + command], o),
    readFile: (p) => readFileVia(fileRun, p),
    writeFile: (p, c) => writeFileVia(fileRun, p, c),
    pathInfo: (p) => pathInfoVia(fileRun, p),
    dispose: () => rm(scratch, { recursive: true, force: true }),
  };
}
