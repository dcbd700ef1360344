import { mkdtempSync, mkdirSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { migrate, MigrationError } from './migrate';

describe('migration runner (real Postgres)', () => {
  let t: TestDatabase;
  afterAll(() => t?.drop());

  it('applies the committed migrations once and is idempotent', async () => {
    t = await createTestDatabase(); // already migrated by the harness
    const again = await migrate(t.url, path.resolve('prisma/migrations'));
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toBeGreaterThan(0);
    const c = new pg.Client({ connectionString: t.url });
    await c.connect();
    const { rows } = await c.query(`SELECT to_regclass('public."Trajectory"') AS t, to_regclass('public."Organization"') AS o`);
    await c.end();
    expect(rows[0].t).toBe('"Trajectory"');
    expect(rows[0].o).toBe('"Organization"');
  });

  it('refuses an edited migration and rolls back a failing one without recording it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mig-'));
    cpSync(path.resolve('prisma/migrations'), dir, { recursive: true });
    mkdirSync(path.join(dir, '29990101000000_broken'));
    writeFileSync(path.join(dir, '29990101000000_broken', 'migration.sql'), 'CREATE TABLE "ok_then_fail" (id int); SELECT * FROM "no_such_table";');
    await expect(migrate(t.url, dir)).rejects.toThrow(/29990101000000_broken failed/);
    const c = new pg.Client({ connectionString: t.url });
    await c.connect();
    const { rows } = await c.query(`SELECT to_regclass('public.ok_then_fail') AS t`);
    const rec = await c.query(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '29990101000000_broken'`);
    await c.end();
    expect(rows[0].t).toBeNull();
    expect(rec.rowCount).toBe(0);

    const first = path.join(dir, (await import('node:fs')).readdirSync(dir).sort()[0], 'migration.sql');
    writeFileSync(first, '-- edited\n', { flag: 'a' });
    await expect(migrate(t.url, dir)).rejects.toThrow(MigrationError);
    await expect(migrate(t.url, dir)).rejects.toThrow(/edited after it was applied/);
  });
});
