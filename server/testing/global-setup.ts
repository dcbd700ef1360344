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
  // A random port can be taken (another suite, a lingering server): try a few before giving up.
  let pg: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
  for (let attempt = 1; !pg; attempt++) {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'specialist-test-pg-'));
    const port = 55000 + Math.floor(Math.random() * 2000);
    try {
      pg = await startEmbeddedPostgres({ dataDir, port, ephemeral: true, database: 'postgres' });
    } catch (e) {
      if (attempt >= 3) throw e;
      console.warn(`embedded PostgreSQL did not start (attempt ${attempt}): ${(e as Error).message}; retrying on another port`);
    }
  }
  project.provide('pgAdminUrl', pg.urlFor('postgres'));
  return async () => {
    await pg!.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}
