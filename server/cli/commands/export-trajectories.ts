import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import type { CliCommand } from '../command';
import { UsageError } from '../command';

export const command: CliCommand = {
  summary: "Write an organization's trajectories as our own JSONL (columns, bodies, T1→T2 lineage) for `specialist import`",
  usage: `Usage: specialist export-trajectories --org SLUG [--out FILE] [--stage T1|T2]

  One JSON line per trajectory: its columns (stage, recall, verification, patch lines, tokens,
  labels, inclusion), its stored body (P1/P2 patches, matched and missed lines, PR, SERA row) and
  its parent's key, T1s first. \`specialist import FILE --org OTHER\` (or the Trajectories page
  upload) restores them with lineage; re-importing adds nothing. Default FILE: <slug>.trajectories.jsonl.
  Uses DATABASE_URL, or the embedded PostgreSQL of this checkout.`,
  async run(argv, io) {
    const arg = (name: string) => {
      const i = argv.indexOf(name);
      return i >= 0 ? argv[i + 1] : undefined;
    };
    const slug = arg('--org');
    if (!slug) throw new UsageError('Give the organization with --org SLUG');
    const stage = arg('--stage');
    if (stage !== undefined && stage !== 'T1' && stage !== 'T2') throw new UsageError('--stage must be T1 or T2');
    const out = path.resolve(arg('--out') ?? `${slug}.trajectories.jsonl`);
    const { bootstrap } = await import('../../runtime/bootstrap');
    const rt = await bootstrap(() => {}, { migrate: false });
    try {
      const { createDb } = await import('../../db');
      const { createFsBlobStore } = await import('../../engine/storage/fs-blob-store');
      const { exportTrajectoriesJsonl } = await import('../../services/trajectory-export');
      const db = createDb(rt.databaseUrl);
      try {
        const org = await db.organization.findUnique({ where: { slug }, select: { id: true } });
        if (!org) throw new UsageError(`No organization with slug "${slug}"`);
        const skipped: string[] = [];
        const file = createWriteStream(out);
        let rows = 0;
        const lines = exportTrajectoriesJsonl({ db, blobs: createFsBlobStore(path.join(rt.env.dataDir, 'blobs')) }, { orgId: org.id, userId: 'cli', role: 'viewer' }, stage ? { stage } : {}, (id, reason) => skipped.push(`${id}: ${reason}`));
        for await (const line of lines) {
          if (!file.write(line)) await once(file, 'drain');
          rows++;
        }
        file.end();
        await once(file, 'finish');
        io.out(`wrote ${rows} trajectories to ${out}${skipped.length ? ` (${skipped.length} skipped, first: ${skipped[0]})` : ''}`);
        return 0;
      } finally {
        await db.$disconnect();
      }
    } finally {
      await rt.stop();
    }
  },
};
