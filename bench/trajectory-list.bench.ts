// Trajectory browser latency at N rows against a real ephemeral embedded PostgreSQL: the list
// (filter + sort, one page of rows) for every sortable column, text search, combined filters and
// deep keyset pages; the count the browser fetches next to the first page; the recall histogram.
// Also checks the plan of the function/file "contains" filter uses its trigram indexes. Rows come from the synthetic generator (the same one
// `scripts/generate-trajectories.ts` uses), so value distributions look like a real run.
// Short: 5,000 rows; full: 200,000 (issue target: list p95 <= 100 ms; count and histogram, which
// the page shows when they land, p95 <= 200 ms).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { z } from 'zod';
import { createDb } from '../server/db';
import { migrate } from '../server/runtime/migrate';
import { startEmbeddedPostgres } from '../server/runtime/embedded-postgres';
import { countTrajectories, listTrajectoryPage, trajectoryRecallHistogram } from '../server/services/trajectories';
import { trajectoryFilterSql } from '../server/services/trajectory-filter-sql';
import { seedSyntheticTrajectories } from '../server/testing/synthetic-trajectories';
import { countTrajectoriesQuery, histogramQuery, listTrajectoriesQuery, trajectorySortColumns, type TrajectoryFilter } from '../lib/schemas/trajectories';
import type { Bench, BenchRow } from './bench';

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const round = (x: number) => Math.round(x * 10) / 10;

export const bench: Bench = {
  async run({ short }) {
    const n = short ? 5_000 : 200_000;
    const dataDir = mkdtempSync(path.join(tmpdir(), 'specialist-trajbench-'));
    const pg = await startEmbeddedPostgres({ dataDir, port: 55000 + Math.floor(Math.random() * 4000), ephemeral: true, database: 'bench' });
    const db = createDb(pg.url);
    try {
      await migrate(pg.url, path.resolve(import.meta.dirname, '../prisma/migrations'));
      const orgId = (await db.organization.create({ data: { name: 'Bench', slug: `bench-${Date.now()}` } })).id;
      // a second organization's rows share the table, as in a real multi-tenant install
      const otherId = (await db.organization.create({ data: { name: 'Other', slug: `other-${Date.now()}` } })).id;
      const t0 = performance.now();
      await seedSyntheticTrajectories({ db, orgId, count: n, distinctPairs: short ? 300 : 1000 });
      const seedSec = (performance.now() - t0) / 1000;
      await seedSyntheticTrajectories({ db, orgId: otherId, count: Math.round(n / 10), distinctPairs: 100, seed: 7 });
      // VACUUM as autovacuum does after a bulk load (PostgreSQL 13+ vacuums on inserts): it sets the
      // visibility map, without which every count reads the whole table instead of the index.
      await db.$executeRawUnsafe('VACUUM ANALYZE "Trajectory"');
      const actor = { orgId, userId: 'bench', role: 'owner' as const };
      const iters = short ? 15 : 30;
      const time = async (f: () => Promise<unknown>) => {
        const ms: number[] = [];
        await f(); // warm (plan cache, buffers)
        for (let i = 0; i < iters; i++) {
          const s = performance.now();
          await f();
          ms.push(performance.now() - s);
        }
        return { p50: pct(ms, 0.5), p95: pct(ms, 0.95) };
      };
      const rows: BenchRow[] = [{ metric: `seed ${n.toLocaleString()} synthetic rows (no bodies)`, value: Math.round(n / seedSec), unit: 'rows/s' }];
      const list = async (label: string, q: z.input<typeof listTrajectoriesQuery>) => {
        const input = listTrajectoriesQuery.parse(q);
        const r = await time(() => listTrajectoryPage({ db }, actor, input));
        rows.push({ metric: `list p95: ${label} (p50 ${round(r.p50)} ms)`, value: round(r.p95), unit: 'ms', target: '<= 100 ms', ok: r.p95 <= 100 });
      };
      const count = async (label: string, filter: TrajectoryFilter) => {
        const input = countTrajectoriesQuery.parse({ filter });
        const r = await time(() => countTrajectories({ db }, actor, input));
        rows.push({ metric: `count p95 (own request, next to the first page): ${label} (p50 ${round(r.p50)} ms)`, value: round(r.p95), unit: 'ms', target: '<= 200 ms', ok: r.p95 <= 200 });
      };
      // Deep pages: walk the keyset cursor as the browser does while scrolling (200-row steps to
      // get there sooner; the cursor does not depend on the page size), then time the next
      // 100-row page (the browser's page size) from that depth.
      const deepPage = async (label: string, q: z.input<typeof listTrajectoriesQuery>, depth: number) => {
        let cursor: string | null = null;
        for (let at = 0; at < depth; at += 200) {
          const page = await listTrajectoryPage({ db }, actor, listTrajectoriesQuery.parse({ ...q, limit: 200, cursor }));
          if (!page.nextCursor) throw new Error(`${label}: the list ended before row ${depth}`);
          cursor = page.nextCursor;
        }
        const input = listTrajectoriesQuery.parse({ ...q, limit: 100, cursor });
        const r = await time(() => listTrajectoryPage({ db }, actor, input));
        rows.push({ metric: `list p95: ${label} (p50 ${round(r.p50)} ms)`, value: round(r.p95), unit: 'ms', target: '<= 100 ms', ok: r.p95 <= 100 });
      };
      const hist = async (label: string, filter: TrajectoryFilter) => {
        const input = histogramQuery.parse({ filter, buckets: 20, threshold: 0.5 });
        const r = await time(() => trajectoryRecallHistogram({ db }, actor, input));
        rows.push({ metric: `histogram p95: ${label} (p50 ${round(r.p50)} ms)`, value: round(r.p95), unit: 'ms', target: '<= 200 ms', ok: r.p95 <= 200 });
      };
      rows.push({ metric: 'rows in the organization (plus 10% in another org)', value: n, unit: 'rows' });
      await list('T2, recall >= 0.5, patch <= 40, by recall', { filter: { stage: 'T2', minRecall: 0.5, maxPatchLines: 40 }, sort: 'recall', dir: 'desc' });
      for (const sort of trajectorySortColumns) await list(`T2, by ${sort} desc`, { filter: { stage: 'T2' }, sort, dir: 'desc' });
      await list('by totalTokens asc, no filter', { sort: 'totalTokens', dir: 'asc' });
      await list('text search q="validate_payload"', { filter: { q: 'validate_payload' } });
      await list('text search q (rare: one instance id)', { filter: { q: `_${10000 + Math.floor(n / 4)}` } });
      await list('function contains "parse" + file contains "core/"', { filter: { fn: 'parse', file: 'core/' } });
      await list('combined: T2 soft, changeType, recall 0.3-0.9, tool <= 600, trunc <= 1, included', {
        filter: { stage: 'T2', verification: 'soft', changeType: 'off-by-one', minRecall: 0.3, maxRecall: 0.9, maxToolOutputTokens: 2000, maxTruncationRatio: 1, included: true },
        sort: 'costUsd',
        dir: 'desc',
      });
      await list('label "reviewed", by createdAt', { filter: { label: 'reviewed' } });
      const deep = Math.floor(n * 0.4);
      await deepPage(`deep keyset page: rows ${deep.toLocaleString()}+ (page ${deep / 100 + 1} of 100 rows), by createdAt`, {}, deep);
      await deepPage(`deep keyset page: T2 rows ${(deep / 2).toLocaleString()}+ (page ${deep / 200 + 1} of 100 rows), by recall`, { filter: { stage: 'T2' }, sort: 'recall' }, deep / 2);
      await count('T2, recall >= 0.5, patch <= 40', { stage: 'T2', minRecall: 0.5, maxPatchLines: 40 });
      await count('no filter', {});
      await count('T2', { stage: 'T2' });
      await count('function contains "parse" + file contains "core/"', { fn: 'parse', file: 'core/' });
      await count('text search q="validate_payload"', { q: 'validate_payload' });
      // Counting "contains" matches reads every match: that must come from the trigram indexes, not
      // a sequential ILIKE. (The first page of that list may rightly walk the createdAt index
      // instead and stop after 51 matches when matches are common, as "parse" is.)
      const plan = await db.$queryRaw<{ 'QUERY PLAN': string }[]>`
        EXPLAIN SELECT count(*) FROM "Trajectory" WHERE ${trajectoryFilterSql(orgId, { fn: 'parse', file: 'core/' })}`;
      const planText = plan.map((p) => p['QUERY PLAN']).join('\n');
      if (process.env.BENCH_EXPLAIN) console.error(planText);
      const trgm = ['Trajectory_seedFunction_trgm_idx', 'Trajectory_seedFile_trgm_idx'].filter((i) => planText.includes(i));
      // at 5,000 rows (short mode) a sequential scan can be the planner's honest best choice
      rows.push({ metric: 'plan of the count for function + file contains: trigram indexes used', value: trgm.length ? trgm.join(', ') : 'none (sequential)', unit: '', ...(!short && { target: 'a trigram index', ok: trgm.length > 0 }) });
      await hist('all T2', { stage: 'T2' });
      await hist('no filter', {});
      await hist('T2, patch <= 40, tool <= 600', { stage: 'T2', maxPatchLines: 40, maxToolOutputTokens: 600 });
      await hist('text search q="validate_payload"', { q: 'validate_payload' });
      return rows;
    } finally {
      await db.$disconnect();
      await pg.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
