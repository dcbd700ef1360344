import type { CliCommand } from '../command';

export const command: CliCommand = {
  summary: 'Apply database migrations (embedded PostgreSQL unless DATABASE_URL is set)',
  usage: 'Usage: specialist migrate',
  async run(_argv, io) {
    const { bootstrap } = await import('../../runtime/bootstrap');
    const rt = await bootstrap((m) => io.out(m));
    await rt.stop();
    return 0;
  },
};
