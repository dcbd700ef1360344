// Integration tests share one embedded PostgreSQL per run (started here); every suite
// gets its own freshly migrated database from `createTestDatabase()`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../runtime/embedded-postgres';

export default async function setup(project: TestProject) {
  if (process.env.SPECIALIST_TEST_ADMIN_URL) {
    project.provide('pgAdminUrl', process.env.SPECIALIST_TEST_ADMIN_URL);
    return;
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'specialist-test-pg-'));
  const port = 55000 + Math.floor(Math.random() * 2000);
  const pg = await startEmbeddedPostgres({ dataDir, port, ephemeral: true, database: 'postgres' });
  project.provide('pgAdminUrl', pg.urlFor('postgres'));
  return async () => {
    await pg.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}
