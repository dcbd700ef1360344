// Everything a process needs before it serves: a valid environment, local secrets
// (generated once for the embedded default), a database (embedded unless DATABASE_URL
// is set) and an up-to-date schema.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AUTH_SECRET_FILE, parseEnv, resetEnvForTests, SECRET_KEY_FILE, type Env } from '../env';
import { startEmbeddedPostgres } from './embedded-postgres';
import { migrate } from './migrate';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Runtime {
  env: Env;
  databaseUrl: string;
  embedded: boolean;
  stop(): Promise<void>;
}

async function ensureSecretFile(dir: string, file: string, make: () => string): Promise<boolean> {
  const p = path.join(dir, file);
  if (existsSync(p)) return false;
  await writeFile(p, make() + '\n', { mode: 0o600, flag: 'wx' }).catch((e) => {
    if (e.code !== 'EEXIST') throw e;
  });
  return true;
}

export async function bootstrap(log: (m: string) => void, opts: { migrate?: boolean } = {}): Promise<Runtime> {
  const env = parseEnv(process.env);
  await mkdir(env.dataDir, { recursive: true, mode: 0o700 });
  if (!env.SPECIALIST_SECRET_KEY && (await ensureSecretFile(env.dataDir, SECRET_KEY_FILE, () => randomBytes(32).toString('base64'))))
    log(`generated the secrets key in ${path.join(env.dataDir, SECRET_KEY_FILE)} (back it up: stored tokens cannot be read without it)`);
  if (!env.NEXTAUTH_SECRET) await ensureSecretFile(env.dataDir, AUTH_SECRET_FILE, () => randomBytes(32).toString('base64url'));

  let databaseUrl = env.DATABASE_URL;
  let stopDb = async () => {};
  if (!databaseUrl) {
    log(`starting embedded PostgreSQL on 127.0.0.1:${env.SPECIALIST_PG_PORT} (data in ${path.join(env.dataDir, 'postgres')})`);
    const pg = await startEmbeddedPostgres({ dataDir: env.dataDir, port: env.SPECIALIST_PG_PORT });
    databaseUrl = pg.url;
    stopDb = pg.stop;
    process.env.DATABASE_URL = databaseUrl;
    process.env.SPECIALIST_EMBEDDED_DB = '1';
    resetEnvForTests();
  }
  if (opts.migrate !== false) {
    const res = await migrate(databaseUrl, path.join(projectRoot, 'prisma', 'migrations'), log);
    log(res.applied.length ? `applied ${res.applied.length} migration(s)` : 'database schema is up to date');
  }
  // next-auth derives its URL from the request's Host unless NEXTAUTH_URL pins it.
  if (!env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= '1';
  return { env: parseEnv(process.env), databaseUrl, embedded: !env.DATABASE_URL, stop: stopDb };
}
