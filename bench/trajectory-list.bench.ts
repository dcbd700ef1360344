// Trajectory browser latency at N rows: list (filter + sort + count) and the recall histogram,
// against a real ephemeral embedded PostgreSQL. Short: 5,000 rows; full: 200,000.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDb } from '../server/db';
import { migrate } from '../server/runtime/migrate';
import { startEmbeddedPostgres } from '../server/runtime/embedded-postgres';
import { listTrajectoryPage, trajectoryRecallHistogram } from '../server/services/trajectories';
import { histogramQuery, listTrajectoriesQuery } from '../lib/schemas/trajectories';
import type { Bench, BenchRow } from './bench';

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;

export const bench: Bench = {
  async run({ short }) {
    const n = short ? 5_000 : 200_000;
    const dataDir = mkdtempSync(path.join(tmpdir(), 'specialist-trajbench-'));
    const pg = await startEmbeddedPostgres({ dataDir, port: 55000 + Math.floor(Math.random() * 4000), ephemeral: true, database: 'bench' });
    const db = createDb(pg.url);
    try {
      await migrate(pg.url, path.resolve(import.meta.dirname, '../prisma/migrations'));
      const orgId = (await db.organization.create({ data: { name: 'Bench', slug: `bench-${Date.now()}` } })).id;
      // deterministic pseudo-random rows, inserted in batches
      let seed = 42;
      const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      for (let i = 0; i < n; i += 5_000) {
        await db.trajectory.createMany({
          data: Array.from({ length: Math.min(5_000, n - i) }, (_, j) => ({
            orgId, contentHash: `h${i + j}`, instanceId: `inst_${i + j}`, stage: (j % 2 ? 'T2' : 'T1') as 'T1' | 'T2', blobKey: 'k',
            recall: rnd(), patchLines: Math.floor(rnd() * 120), totalTokens: Math.floor(rnd() * 40_000), maxToolOutputTokens: Math.floor(rnd() * 2_000),
            costUsd: rnd() / 10, verification: rnd() < 0.3 ? ('hard' as const) : ('soft' as const), prText: `Fix ${i + j}`,
          })),
        });
      }
      await db.$executeRawUnsafe('ANALYZE "Trajectory"');
      const actor = { orgId, userId: 'bench', role: 'owner' as const };
      const iters = short ? 20 : 50;
      const time = async (f: () => Promise<unknown>) => {
        const ms: number[] = [];
        await f(); // warm
        for (let i = 0; i < iters; i++) {
          const t0 = performance.now();
          await f();
          ms.push(performance.now() - t0);
        }
        return p95(ms);
      };
      const list = await time(() => listTrajectoryPage({ db }, actor, listTrajectoriesQuery.parse({ filter: { stage: 'T2', minRecall: 0.5, maxPatchLines: 40 }, sort: 'recall', dir: 'desc', limit: 50 })));
      const hist = await time(() => trajectoryRecallHistogram({ db }, actor, histogramQuery.parse({ filter: { stage: 'T2' }, buckets: 20, threshold: 0.5 })));
      const rows: BenchRow[] = [
        { metric: `list p95 (${n} rows, filter+sort+count)`, value: Math.round(list * 10) / 10, unit: 'ms', target: '<= 100 ms', ok: list <= 100 },
        { metric: `histogram p95 (${n} rows, 20 buckets + threshold)`, value: Math.round(hist * 10) / 10, unit: 'ms', target: '<= 200 ms', ok: hist <= 200 },
      ];
      return rows;
    } finally {
      await db.$disconnect();
      await pg.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
