import type { CliCommand } from '../command';

export const command: CliCommand = {
  summary: 'Build the web app now (serve builds on demand; this is for CI and images)',
  usage: 'Usage: specialist build [--if-needed]',
  async run(argv, io) {
    const { projectRoot } = await import('../../runtime/bootstrap');
    const { buildIfNeeded } = await import('../../runtime/next-build');
    buildIfNeeded(projectRoot, (m) => io.out(m), !argv.includes('--if-needed'));
    return 0;
  },
};
