// Fault tolerance: when PostgreSQL restarts under a running dashboard, requests fail
// while it is down and succeed again afterwards without restarting the app.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDb } from '../db';
import { startEmbeddedPostgres } from './embedded-postgres';
import { migrate } from './migrate';

describe('database restart (real embedded PostgreSQL)', () => {
  it('the Prisma client recovers after the server restarts', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'specialist-restart-'));
    const port = 58000 + Math.floor(Math.random() * 1000);
    let pg = await startEmbeddedPostgres({ dataDir, port, database: 'app' });
    try {
      await migrate(pg.url, path.resolve('prisma/migrations'));
      const db = createDb(pg.url);
      await db.organization.create({ data: { name: 'Before', slug: 'before' } });
      await pg.stop();
      await expect(db.organization.count()).rejects.toThrow();
      pg = await startEmbeddedPostgres({ dataDir, port, database: 'app' });
      let count = -1;
      for (let i = 0; i < 10 && count < 0; i++) {
        count = await db.organization.count().catch(() => -1);
        if (count < 0) await new Promise((r) => setTimeout(r, 300));
      }
      expect(count).toBe(1);
      await db.organization.create({ data: { name: 'After', slug: 'after' } });
      expect(await db.organization.count()).toBe(2);
      await db.$disconnect();
    } finally {
      await pg.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});
