// A real `specialist serve` (production build, fresh data dir, embedded PostgreSQL) for the
// benches that need the whole app, plus a signed-in session made through the API the way
// e2e/fixtures.ts does it (tRPC sign-up, next-auth credentials sign-in).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDb, type Db } from '../server/db';
import { startEmbeddedPostgres } from '../server/runtime/embedded-postgres';

export const projectRoot = path.resolve(import.meta.dirname, '..');

export function hasProductionBuild(): boolean {
  return existsSync(path.join(projectRoot, process.env.SPECIALIST_NEXT_DIST_DIR || '.next', 'BUILD_ID'));
}

export const SKIPPED_NO_BUILD = { metric: 'skipped: no build', value: 'no production build (run `node bin/specialist build`)', unit: '' };

async function waitFor(url: string, ms: number, exited: () => string | null) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const why = exited();
    if (why) throw new Error(`specialist serve exited before it was ready (${why})`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server did not come up at ${url} within ${ms / 1000} s`);
}

export interface BenchServer {
  base: string;
  dataDir: string;
  /** Prisma client on the server's own embedded database (for seeding what the API cannot). */
  db(): Promise<Db>;
  stop(): Promise<void>;
}

export async function startServer(port: number, args: string[] = []): Promise<BenchServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'specialist-bench-'));
  const pgPort = 52000 + (port % 10000);
  const server = spawn(process.execPath, [path.join(projectRoot, 'bin/specialist'), 'serve', '--port', String(port), ...args], {
    cwd: projectRoot,
    env: { ...process.env, SPECIALIST_DATA_DIR: dataDir, SPECIALIST_PG_PORT: String(pgPort), SPECIALIST_LOG_LEVEL: 'error', PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  server.stderr!.on('data', (c) => (stderr = (stderr + c).slice(-2000)));
  const base = `http://127.0.0.1:${port}`;
  let db: Db | undefined;
  const stop = async () => {
    await db?.$disconnect();
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitFor(`${base}/signin`, 180_000, () => (server.exitCode !== null ? `exit ${server.exitCode}: ${stderr.trim().slice(-500)}` : null));
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    base,
    dataDir,
    async db() {
      // the server already runs this cluster: this only connects (its stop() is a no-op)
      db ??= createDb((await startEmbeddedPostgres({ dataDir, port: pgPort })).url);
      return db;
    },
    stop,
  };
}

export const BENCH_PASSWORD = 'bench password 1234';

/** Signs up a fresh owner + organization and returns the session cookie header and org id. */
export async function signedInSession(base: string, prefix = 'bench'): Promise<{ cookie: string; orgId: string }> {
  const email = `${prefix}-${Date.now().toString(36)}@example.test`;
  const r = await fetch(`${base}/api/trpc/auth.signUp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-specialist-csrf': '1' },
    body: JSON.stringify({ json: { name: 'Bench', email, password: BENCH_PASSWORD, orgName: `${prefix} org` } }),
  });
  if (!r.ok) throw new Error(`sign-up failed: ${r.status} ${(await r.text()).slice(0, 300)}`);
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const csrf = ((await csrfRes.json()) as { csrfToken: string }).csrfToken;
  const jar = csrfRes.headers.getSetCookie().map((c) => c.split(';')[0]);
  const login = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.join('; ') },
    body: new URLSearchParams({ csrfToken: csrf, email, password: BENCH_PASSWORD, json: 'true' }),
  });
  const cookies = [...jar, ...login.headers.getSetCookie().map((c) => c.split(';')[0])];
  if (!cookies.some((c) => c.includes('session-token'))) throw new Error('sign-in failed (no session cookie)');
  const cookie = cookies.join('; ');
  const me = await fetch(`${base}/api/trpc/org.me`, { headers: { cookie } });
  const orgId = ((await me.json()) as { result?: { data?: { json?: { active?: { orgId?: string } } } } }).result?.data?.json?.active?.orgId;
  if (!orgId) throw new Error('signed in, but org.me named no active organization');
  return { cookie, orgId };
}
