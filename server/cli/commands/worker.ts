import type { CliCommand } from '../command';

export const command: CliCommand = {
  summary: 'Run background jobs only (scale out by starting more workers)',
  usage: 'Usage: specialist worker   (uses DATABASE_URL, or the embedded PostgreSQL of this checkout)',
  async run(_argv, io) {
    const { bootstrap } = await import('../../runtime/bootstrap');
    const rt = await bootstrap((m) => io.out(`[worker] ${m}`));
    const w = await (await import('../../jobs/worker')).startWorker(rt.databaseUrl);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await w.stop();
    await rt.stop();
    return 0;
  },
};
