import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { CliCommand } from '../command';
import { UsageError } from '../command';

export const command: CliCommand = {
  summary: 'Start the dashboard and worker (embedded PostgreSQL unless DATABASE_URL is set)',
  usage: `Usage: specialist serve [--port N] [--host ADDR] [--dev] [--no-worker] [--rebuild]

  --port N      HTTP port (default $PORT or 3000)
  --host ADDR   listen address (default $HOST or 127.0.0.1; use 0.0.0.0 to share on your network)
  --dev         Next.js dev server with hot reload
  --no-worker   do not run background jobs in this process (run \`specialist worker\` elsewhere)
  --rebuild     rebuild the web app even if it looks up to date`,
  async run(argv, io) {
    let flags;
    try {
      flags = parseArgs({
        args: argv,
        options: {
          port: { type: 'string' },
          host: { type: 'string' },
          dev: { type: 'boolean' },
          'no-worker': { type: 'boolean' },
          rebuild: { type: 'boolean' },
        },
      }).values;
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    if (flags.port) process.env.PORT = flags.port;
    if (flags.host) process.env.HOST = flags.host;
    if (flags.dev) (process.env as Record<string, string>).NODE_ENV = 'development';
    const log = (m: string) => io.out(`[specialist] ${m}`);
    const { bootstrap, projectRoot } = await import('../../runtime/bootstrap');
    const runtime = await bootstrap(log);
    const { env } = runtime;
    if (!flags.dev) (await import('../../runtime/next-build')).buildIfNeeded(projectRoot, log, flags.rebuild);

    const nextBin = path.join(projectRoot, 'node_modules', 'next', 'dist', 'bin', 'next');
    const web = spawn(process.execPath, [nextBin, flags.dev ? 'dev' : 'start', '-p', String(env.PORT), '-H', env.HOST], {
      cwd: projectRoot,
      stdio: 'inherit',
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
    let worker: { stop(): Promise<void> } | undefined;
    if (!flags['no-worker']) worker = await (await import('../../jobs/worker')).startWorker(runtime.databaseUrl);
    log(`dashboard: http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${env.PORT}  (Ctrl+C to stop)`);

    return await new Promise<number>((resolve) => {
      let stopping = false;
      const shutdown = async (code: number) => {
        if (stopping) return;
        stopping = true;
        log('stopping…');
        if (web.exitCode === null) web.kill('SIGTERM');
        await worker?.stop().catch(() => {});
        await runtime.stop().catch(() => {});
        resolve(code);
      };
      process.once('SIGINT', () => void shutdown(0));
      process.once('SIGTERM', () => void shutdown(0));
      web.once('exit', (code) => {
        if (!stopping) io.err(`[specialist] the web server exited (code ${code}); shutting down`);
        void shutdown(code ?? 1);
      });
    });
  },
};
