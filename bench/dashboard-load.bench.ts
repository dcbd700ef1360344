// Load: N concurrent signed-in dashboard users (autocannon on loopback: a page, batched tRPC,
// the trajectory list and histogram over seeded rows) while 64 simulated rollout workers post
// progress and NDJSON result batches through the real worker API (/api/worker/*) with their
// per-job bearer tokens. Both populations report errors and p50/p99 latency. Runs against a real
// `specialist serve` (production build, embedded PostgreSQL); `npm test` builds it first.
// The 64 running jobs are written straight into the server's database (what `submitJob` does
// when a backend accepts a job), because launching 64 real backend jobs is not what is measured;
// the server runs with --no-worker so its reconciler does not fail those handle-less jobs.
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { hashToken } from '../server/services/jobs';
import { seedSyntheticTrajectories, seededRand, syntheticPair } from '../server/testing/synthetic-trajectories';
import type { Bench, BenchRow } from './bench';
import { hasProductionBuild, signedInSession, SKIPPED_NO_BUILD, startServer } from './serve';

const WORKERS = 64;
const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]! : NaN);
const trpcGet = (procs: [string, unknown][]) =>
  `/api/trpc/${procs.map(([p]) => p).join(',')}?batch=1&input=${encodeURIComponent(JSON.stringify(Object.fromEntries(procs.map(([, input], i) => [i, { json: input }]))))}`;

interface WorkerStats {
  latencies: number[];
  errors: string[];
  progress: number;
  batches: number;
  lines: number;
}

/** One rollout worker: progress, then a result batch, a short pause; until the deadline (bounded). */
async function rolloutWorker(base: string, token: string, index: number, until: number, batchLines: string[], stats: WorkerStats) {
  const headers = { authorization: `Bearer ${token}` };
  const timed = async (path: string, init: RequestInit) => {
    const t0 = performance.now();
    try {
      const r = await fetch(`${base}${path}`, { ...init, method: 'POST' });
      await r.arrayBuffer();
      stats.latencies.push(performance.now() - t0);
      if (!r.ok) stats.errors.push(`${path} ${r.status}`);
      return r.ok;
    } catch (e) {
      stats.errors.push(`${path} ${(e as Error).message}`);
      return false;
    }
  };
  // workers come up one after another, not in one synchronized burst
  await new Promise((r) => setTimeout(r, (index * 1000) / WORKERS));
  for (let k = 1; k <= 500 && Date.now() < until; k++) {
    if (await timed('/api/worker/progress', { headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ done: k, total: 500, message: `rollout ${k}: T2 of seed ${index}` }) })) stats.progress++;
    const lines = [batchLines[(index + k) % batchLines.length]!, batchLines[(index + 2 * k) % batchLines.length]!];
    if (await timed('/api/worker/results', { headers: { ...headers, 'content-type': 'application/x-ndjson', 'idempotency-key': `w${index}-b${k}` }, body: lines.join('\n') + '\n' })) {
      stats.batches++;
      stats.lines += lines.length;
    }
    // a real worker spends seconds per model call and tool run between reports; 1 s is faster
    // than any real rollout step, so this is still a stress test of the reporting path
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export const bench: Bench = {
  async run({ short }) {
    if (!hasProductionBuild()) return [SKIPPED_NO_BUILD];
    const port = 3400 + Math.floor(Math.random() * 400);
    const server = await startServer(port, ['--no-worker']);
    try {
      const { cookie, orgId } = await signedInSession(server.base, 'load');
      const db = await server.db();
      const trajectories = short ? 2_000 : 20_000;
      await seedSyntheticTrajectories({ db, orgId, count: trajectories, distinctPairs: 200 });
      const tokens = Array.from({ length: WORKERS }, () => randomBytes(32).toString('base64url'));
      await db.job.createMany({
        data: tokens.map((t, i) => ({ orgId, kind: 'svg_generation' as const, state: 'running' as const, attempts: 1, tokenHash: hashToken(t), startedAt: new Date(), spec: { name: `load worker ${i}` } })),
      });
      // result lines shaped like a worker's (a T1/T2 sample record, a few KB each)
      const r = seededRand(64);
      const batchLines = Array.from({ length: 16 }, (_, i) => {
        const p = syntheticPair(i, r, { steps: 12, maxObservationChars: 2000 });
        return JSON.stringify({ key: `${p.commit}:${i}`, t1: p.t1.meta, t2: p.t2.meta, patch: JSON.parse(p.t2.body).trajectory.patch });
      });
      const requests = [
        { method: 'GET', path: trpcGet([['org.me', undefined], ['repos.list', undefined], ['plans.list', undefined]]) },
        // what the browser asks for on opening the list: a page of rows, the count, the histogram
        { method: 'GET', path: trpcGet([['trajectories.list', { filter: { stage: 'T2', minRecall: 0.5 }, sort: 'recall', dir: 'desc', limit: 50 }], ['trajectories.count', { filter: { stage: 'T2', minRecall: 0.5 } }], ['trajectories.histogram', { filter: { stage: 'T2' }, buckets: 20, threshold: 0.5 }]]) },
        { method: 'GET', path: trpcGet([['jobs.list', undefined]]) },
        { method: 'GET', path: '/trajectories' },
      ];
      // warm-up: the first hit of each route loads and JIT-compiles its code; measure steady state
      for (let i = 0; i < 3; i++) {
        for (const q of requests) {
          const res = await fetch(`${server.base}${q.path}`, { headers: { cookie } });
          if (!res.ok) throw new Error(`warm-up ${q.path.slice(0, 60)} answered ${res.status}`);
          await res.arrayBuffer();
        }
        const res = await fetch(`${server.base}/api/worker/progress`, { method: 'POST', headers: { authorization: `Bearer ${tokens[i]}`, 'content-type': 'application/json' }, body: '{"done":0}' });
        if (!res.ok) throw new Error(`warm-up worker progress answered ${res.status}`);
        const rr = await fetch(`${server.base}/api/worker/results`, { method: 'POST', headers: { authorization: `Bearer ${tokens[i]}`, 'idempotency-key': `warm-${i}` }, body: `${batchLines[0]}\n` });
        if (!rr.ok) throw new Error(`warm-up worker results answered ${rr.status}`);
      }
      // one user alone first: what each request costs without the crowd (median of 5)
      const alone: BenchRow[] = [];
      for (const [name, q] of [['org.me + repos.list + plans.list', requests[0]!], ['trajectories.list + count + histogram', requests[1]!], ['jobs.list', requests[2]!], ['page /trajectories', requests[3]!]] as const) {
        const ms: number[] = [];
        for (let i = 0; i < 5; i++) {
          const t0 = performance.now();
          await (await fetch(`${server.base}${q.path}`, { headers: { cookie } })).arrayBuffer();
          ms.push(performance.now() - t0);
        }
        alone.push({ metric: `one user alone: ${name}, median of 5`, value: Math.round(pct(ms, 0.5)), unit: 'ms' });
      }
      const connections = short ? 16 : 64;
      const duration = short ? 6 : 20;
      const workerStats: WorkerStats = { latencies: [], errors: [], progress: 0, batches: 0, lines: 0 };
      const until = Date.now() + duration * 1000;
      const workers = Promise.all(tokens.map((t, i) => rolloutWorker(server.base, t, i, until, batchLines, workerStats)));
      const result = await autocannon({
        url: server.base,
        connections,
        duration,
        headers: { cookie },
        requests,
      });
      await workers;
      const stored = await db.job.count({ where: { orgId, state: 'running', progress: { path: ['done'], gt: 0 } } });
      const userErrors = result.errors + result.non2xx;
      const rows: BenchRow[] = [
        ...alone,
        { metric: `dashboard users (autocannon, ${duration} s, page + 3 tRPC batches incl. list/count/histogram over ${trajectories.toLocaleString()} rows)`, value: connections, unit: 'connections' },
        { metric: 'dashboard throughput', value: Math.round(result.requests.average), unit: 'req/s' },
        { metric: 'dashboard latency p50', value: result.latency.p50, unit: 'ms' },
        { metric: 'dashboard latency p99', value: result.latency.p99, unit: 'ms', target: '<= 1000 ms', ok: result.latency.p99 <= 1000 },
        { metric: 'dashboard errors + non-2xx', value: userErrors, unit: 'responses', target: '0', ok: userErrors === 0 },
        { metric: `rollout workers posting progress + results (${workerStats.progress} progress, ${workerStats.batches} batches / ${workerStats.lines} lines)`, value: WORKERS, unit: 'workers' },
        { metric: 'worker API latency p50', value: Math.round(pct(workerStats.latencies, 0.5)), unit: 'ms' },
        { metric: 'worker API latency p99', value: Math.round(pct(workerStats.latencies, 0.99)), unit: 'ms', target: '<= 1000 ms', ok: pct(workerStats.latencies, 0.99) <= 1000 },
        { metric: `worker API errors${workerStats.errors.length ? ` (first: ${workerStats.errors[0]})` : ''}`, value: workerStats.errors.length, unit: 'responses', target: '0', ok: workerStats.errors.length === 0 },
        { metric: 'jobs whose progress the server stored', value: stored, unit: 'jobs', target: `= ${WORKERS}`, ok: stored === WORKERS },
      ];
      return rows;
    } finally {
      await server.stop();
    }
  },
};
