// A fresh, migrated database per integration suite on the shared test server.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { createDb, type Db } from '../db';
import { resetEnvForTests } from '../env';
import { migrate } from '../runtime/migrate';
import { ensureDatabase } from '../runtime/embedded-postgres';

export interface TestDatabase {
  url: string;
  db: Db;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const admin = inject('pgAdminUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  await ensureDatabase(admin, name);
  const url = admin.replace(/\/[^/?]+(\?.*)?$/, `/${name}$1`);
  await migrate(url, path.resolve('prisma/migrations'));
  const db = createDb(url);
  return {
    url,
    db,
    async drop() {
      await db.$disconnect();
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * Points the env module at a test database and data directory, as the CLI and the worker read
 * them (DATABASE_URL, SPECIALIST_DATA_DIR); returns the undo.
 */
export function useAsEnvironment(t: TestDatabase, dataDir: string): () => void {
  process.env.DATABASE_URL = t.url;
  process.env.SPECIALIST_DATA_DIR = dataDir;
  resetEnvForTests();
  return () => {
    delete process.env.DATABASE_URL;
    delete process.env.SPECIALIST_DATA_DIR;
    resetEnvForTests();
  };
}
