import type { ExecOptions, ExecResult, Sandbox } from './types';
import { SandboxFileError } from './types';

/**
 * FAKE sandbox for unit tests and benchmarks: files live in a Map, and `exec` is answered by
 * a caller-supplied function (default: exit 0, no output). It runs nothing.
 */
export class InMemoryFakeSandbox implements Sandbox {
  readonly kind = 'in-memory-fake';
  readonly hostWorkdir: string;
  readonly files = new Map<string, string>();
  readonly commands: string[] = [];

  constructor(
    readonly workdir = '/testbed',
    files: Record<string, string> = {},
    private readonly onExec: (command: string, opts: ExecOptions) => Partial<ExecResult> = () => ({}),
  ) {
    this.hostWorkdir = workdir;
    for (const [p, c] of Object.entries(files)) this.files.set(p, c);
  }

  private dirs(): Set<string> {
    const d = new Set<string>(['/', this.workdir]);
    for (const p of this.files.keys()) {
      for (let i = p.lastIndexOf('/'); i > 0; i = p.lastIndexOf('/', i - 1)) d.add(p.slice(0, i));
    }
    return d;
  }

  async exec(command: string, opts: ExecOptions = {}): Promise<ExecResult> {
    this.commands.push(command);
    return { stdout: '', stderr: '', exitCode: 0, timedOut: false, truncated: false, durationMs: 0, ...this.onExec(command, opts) };
  }

  async readFile(path: string): Promise<string> {
    const c = this.files.get(path);
    if (c === undefined) throw new SandboxFileError(`cat: ${path}: No such file or directory`, path);
    return c;
  }

  async writeFile(path: string, content: string): Promise<void> {
    const parent = path.slice(0, path.lastIndexOf('/')) || '/';
    if (!this.dirs().has(parent)) throw new SandboxFileError(`sh: 1: cannot create ${path}: Directory nonexistent`, path);
    this.files.set(path, content);
  }

  async pathInfo(path: string) {
    if (this.files.has(path)) return { exists: true, isDir: false };
    if (this.dirs().has(path)) return { exists: true, isDir: true };
    return { exists: false, isDir: false };
  }

  async dispose(): Promise<void> {}
}
