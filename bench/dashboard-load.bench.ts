// Load: N concurrent signed-in users hitting the dashboard's API on loopback, against a
// real `specialist serve` (production build, embedded PostgreSQL). Needs a built app;
// `npm test` builds it before the benchmarks run.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Bench, BenchRow } from './bench';

async function waitFor(url: string, ms: number) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server did not come up at ${url}`);
}

async function signedInCookie(base: string): Promise<string> {
  const email = `load-${Date.now()}@example.test`;
  const post = (p: string, body: unknown) =>
    fetch(`${base}/api/trpc/${p}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-specialist-csrf': '1' }, body: JSON.stringify({ json: body }) });
  const r = await post('auth.signUp', { name: 'Load', email, password: 'load test password', orgName: 'Load Org' });
  if (!r.ok) throw new Error(`sign-up failed: ${r.status}`);
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const csrf = ((await csrfRes.json()) as { csrfToken: string }).csrfToken;
  const jar = csrfRes.headers.getSetCookie().map((c) => c.split(';')[0]);
  const login = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.join('; ') },
    body: new URLSearchParams({ csrfToken: csrf, email, password: 'load test password', json: 'true' }),
  });
  const cookies = [...jar, ...login.headers.getSetCookie().map((c) => c.split(';')[0])];
  if (!cookies.some((c) => c.includes('session-token'))) throw new Error('sign-in failed');
  return cookies.join('; ');
}

export const bench: Bench = {
  async run({ short }) {
    const root = path.resolve(import.meta.dirname, '..');
    if (!existsSync(path.join(root, process.env.SPECIALIST_NEXT_DIST_DIR || '.next', 'BUILD_ID')))
      return [{ metric: 'skipped', value: 'no production build (run `node bin/specialist build`)', unit: '' }];
    const dataDir = mkdtempSync(path.join(tmpdir(), 'specialist-load-'));
    const port = 3400 + Math.floor(Math.random() * 400);
    const server = spawn(process.execPath, [path.join(root, 'bin/specialist'), 'serve', '--port', String(port)], {
      cwd: root,
      env: { ...process.env, SPECIALIST_DATA_DIR: dataDir, SPECIALIST_PG_PORT: String(port + 52000), SPECIALIST_LOG_LEVEL: 'error' },
      stdio: 'ignore',
    });
    const base = `http://127.0.0.1:${port}`;
    try {
      await waitFor(`${base}/signin`, 120_000);
      const cookie = await signedInCookie(base);
      const connections = short ? 16 : 64;
      const result = await autocannon({
        url: base,
        connections,
        duration: short ? 4 : 20,
        headers: { cookie },
        requests: [{ method: 'GET', path: '/api/trpc/org.me,repos.list,plans.list?batch=1&input=%7B%7D' }],
      });
      const rows: BenchRow[] = [
        { metric: `concurrent users`, value: connections, unit: 'connections' },
        { metric: 'throughput', value: result.requests.average, unit: 'req/s' },
        { metric: 'latency p50', value: result.latency.p50, unit: 'ms' },
        { metric: 'latency p99', value: result.latency.p99, unit: 'ms', target: '<= 1000 ms', ok: result.latency.p99 <= 1000 },
        { metric: 'errors + non-2xx', value: result.errors + result.non2xx, unit: 'responses', target: '0', ok: result.errors + result.non2xx === 0 },
      ];
      return rows;
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
