// Applies the committed SQL in prisma/migrations without Prisma's downloaded schema
// engine. Bookkeeping uses Prisma's own `_prisma_migrations` table layout so a team can
// later switch to `prisma migrate deploy` on a networked machine without surprises.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

const LOCK_KEY = 727_001; // arbitrary, constant: serialises concurrent `specialist` starts

export function readMigrations(dir: string): MigrationFile[] {
  if (!existsSync(dir)) throw new MigrationError(`No migrations folder at ${dir}`);
  return readdirSync(dir)
    .filter((d) => /^\d{14}_[a-z0-9_]+$/.test(d) && existsSync(path.join(dir, d, 'migration.sql')))
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

export async function migrate(databaseUrl: string, migrationsDir: string, log: (m: string) => void = () => {}): Promise<MigrateResult> {
  const files = readMigrations(migrationsDir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
    );
    const done = new Map(rows.map((r) => [r.migration_name, r]));
    for (const r of rows) {
      if (!r.finished_at)
        throw new MigrationError(
          `Migration ${r.migration_name} started but never finished; inspect the database, then delete its row from _prisma_migrations to retry.`,
        );
    }
    const applied: string[] = [];
    for (const m of files) {
      const prev = done.get(m.name);
      if (prev) {
        if (prev.checksum !== m.checksum)
          throw new MigrationError(
            `Migration ${m.name} was edited after it was applied (checksum differs). Never edit applied migrations; add a new one with \`npm run db:new-migration -- <name>\`.`,
          );
        continue;
      }
      log(`applying migration ${m.name}`);
      const id = randomUUID();
      // Each migration runs in one transaction: a failure leaves no half-applied schema.
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query(
          'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count) VALUES ($1, $2, $3, now(), 1)',
          [id, m.checksum, m.name],
        );
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw new MigrationError(`Migration ${m.name} failed: ${(e as Error).message}`);
      }
      applied.push(m.name);
    }
    return { applied, alreadyApplied: files.length - applied.length };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => {});
    await client.end();
  }
}
