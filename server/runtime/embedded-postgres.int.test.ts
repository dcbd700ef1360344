// "Killing and restarting npm start keeps all data": the embedded cluster persists in
// the data directory and comes back after an unclean stop (SIGKILL leaves a stale pid file).
import { execSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from './embedded-postgres';

async function q(url: string, sql: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

describe('embedded PostgreSQL (real server)', () => {
  it('keeps data across a clean restart and across SIGKILL of the server', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'specialist-embedded-'));
    const port = 57000 + Math.floor(Math.random() * 1000);
    try {
      let h = await startEmbeddedPostgres({ dataDir, port, database: 'keep' });
      await q(h.url, `CREATE TABLE t (v text); INSERT INTO t VALUES ('survives')`);
      await h.stop();

      h = await startEmbeddedPostgres({ dataDir, port, database: 'keep' });
      expect(await q(h.url, 'SELECT v FROM t')).toEqual([{ v: 'survives' }]);
      await q(h.url, `INSERT INTO t VALUES ('after restart')`);

      const pid = Number(readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
      execSync(`kill -9 ${pid}`);
      await new Promise((r) => setTimeout(r, 500));
      // the old child processes may linger a moment; the new start must still succeed
      h = await startEmbeddedPostgres({ dataDir, port, database: 'keep' });
      expect((await q(h.url, 'SELECT v FROM t ORDER BY v')).map((r) => r.v)).toEqual(['after restart', 'survives']);
      await h.stop();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});
