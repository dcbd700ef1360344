import type { ExecOptions, ExecResult, ShellExec } from './exec';

/**
 * FAKE `sky` CLI (SkyPilot cannot run here: no cloud). Answers the commands the
 * SkyPilot backend issues with output shaped like the real CLI's (launch footer
 * "Managed Job ID: N", fixed-width `sky jobs queue` table), and records every call.
 */
export class FakeSkyCli implements ShellExec {
  readonly where = 'fake-sky';
  calls: { command: string; stdin: string }[] = [];
  files = new Map<string, string>();
  jobs: { id: string; name: string; status: string; log: string; env: Record<string, string> }[] = [];
  private nextId = 7;
  /** Output of the next `jobs launch` call replaced by this (to test failures). */
  failNextLaunch?: string;

  async run(command: string, opts: ExecOptions = {}): Promise<ExecResult> {
    const stdin = opts.stdin?.toString() ?? '';
    this.calls.push({ command, stdin });
    const ok = (stdout: string): ExecResult => ({ stdout, stdoutBytes: Buffer.from(stdout), stderr: '', code: 0 });
    let m = /cat > '?([^' ]+)'?$/.exec(command);
    if (m) {
      this.files.set(m[1], stdin);
      return ok('');
    }
    if (/ jobs launch /.test(command)) {
      if (this.failNextLaunch) {
        const err = this.failNextLaunch;
        this.failNextLaunch = undefined;
        return { stdout: '', stdoutBytes: Buffer.alloc(0), stderr: err, code: 1 };
      }
      const name = /-n '?([^' ]+)'?/.exec(command)![1];
      const env: Record<string, string> = {};
      for (const e of command.matchAll(/--env '?(\w+)=([^' ]*)'?/g)) env[e[1]] = e[2];
      const id = String(this.nextId++);
      this.jobs.push({ id, name, status: 'PENDING', log: '', env });
      return ok(
        [
          `Task from YAML spec: /work/task.yaml`,
          `Managed job '${name}' will be launched on (estimated):`,
          'Considered resources (1 node):',
          '------------------------------------------------------------------------------------------',
          ' INFRA              INSTANCE      vCPUs   Mem(GB)   GPUS   COST ($)   CHOSEN',
          ' AWS (us-east-1)    p5.48xlarge   192     2048      H100:8   98.32      ✔',
          '------------------------------------------------------------------------------------------',
          `\x1b[32m⚙︎ Job submitted, ID: ${id}\x1b[0m`,
          `Managed Job ID: ${id}`,
          '📋 Useful Commands',
          `├── To cancel the job:                sky jobs cancel ${id}`,
          `└── To view all managed jobs:         sky jobs queue`,
          '',
        ].join('\n'),
      );
    }
    if (/ jobs queue/.test(command)) {
      const rows = this.jobs
        .map((j) => `${j.id.padEnd(3)}${'-'.padEnd(6)}${j.name.padEnd(34)}${'1x[H100:8]'.padEnd(14)}${'2 mins ago'.padEnd(14)}${'2m 3s'.padEnd(16)}${'1m 10s'.padEnd(15)}${'0'.padEnd(13)}${j.status}`)
        .reverse();
      return ok(
        [
          'Fetching managed job statuses...',
          'Managed jobs',
          `${'ID'.padEnd(3)}${'TASK'.padEnd(6)}${'NAME'.padEnd(34)}${'REQUESTED'.padEnd(14)}${'SUBMITTED'.padEnd(14)}${'TOT. DURATION'.padEnd(16)}${'JOB DURATION'.padEnd(15)}${'#RECOVERIES'.padEnd(13)}STATUS`,
          ...rows,
          '',
        ].join('\n'),
      );
    }
    m = / jobs logs --no-follow '?(\d+)'?/.exec(command);
    if (m) return ok(this.jobs.find((j) => j.id === m![1])?.log ?? '');
    m = / jobs cancel -y (.+)$/.exec(command);
    if (m) {
      for (const id of m[1].split(/\s+/).map((x) => x.replace(/'/g, ''))) {
        const j = this.jobs.find((x) => x.id === id);
        if (j && !j.status.startsWith('FAILED') && j.status !== 'SUCCEEDED') j.status = 'CANCELLED';
      }
      return ok('');
    }
    if (/command -v/.test(command)) return ok('No in-progress managed jobs.\n');
    return { stdout: '', stdoutBytes: Buffer.alloc(0), stderr: `fake sky: unexpected command ${command}`, code: 2 };
  }
}
