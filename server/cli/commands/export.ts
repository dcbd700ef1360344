import path from 'node:path';
import type { CliCommand } from '../command';
import { UsageError } from '../command';

export const command: CliCommand = {
  summary: 'Write a dataset version as Axolotl-ready JSONL (SERA rows) and print its config section',
  usage: `Usage: specialist export DATASET_VERSION_ID [--out FILE]

  Uses DATABASE_URL, or the embedded PostgreSQL of this checkout. The version id is shown on
  the Datasets page (its download link ends in /api/datasets/<id>/export).`,
  async run(argv, io) {
    const id = argv.find((a) => !a.startsWith('--'));
    if (!id) throw new UsageError('Give the dataset version id');
    const oi = argv.indexOf('--out');
    const { bootstrap } = await import('../../runtime/bootstrap');
    const rt = await bootstrap(() => {}, { migrate: false });
    try {
      const { createDb } = await import('../../db');
      const { exportDatasetVersionJsonl } = await import('../../services/training-export');
      const { axolotlDatasetSection } = await import('../../services/datasets');
      const db = createDb(rt.databaseUrl);
      try {
        const v = await db.datasetVersion.findUnique({ where: { id }, include: { dataset: { select: { name: true } } } });
        if (!v) throw new UsageError(`No dataset version ${id}`);
        const out = path.resolve(oi >= 0 && argv[oi + 1] ? argv[oi + 1] : `${v.dataset.name.replace(/[^\w.-]+/g, '_')}-v${v.version}.jsonl`);
        const res = await exportDatasetVersionJsonl({ db, dataDir: rt.env.dataDir }, v.id, out);
        io.out(`wrote ${res.rows} rows to ${out}${res.skipped.length ? ` (${res.skipped.length} skipped: ${res.skipped[0].reason}${res.skipped.length > 1 ? ', …' : ''})` : ''}\n\n${axolotlDatasetSection(path.basename(out))}`);
        return 0;
      } finally {
        await db.$disconnect();
      }
    } finally {
      await rt.stop();
    }
  },
};
