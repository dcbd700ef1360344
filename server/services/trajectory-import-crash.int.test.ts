// Crash safety of ingestion: the import job runs in a child process (the worker's own entry
// point), is SIGKILLed part-way through a large file, then redelivered. Every valid row must be
// stored exactly once, each with its blob, and the bad lines still reported by number.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSeraRow } from '../engine/dataset/import';
import { createFsBlobStore } from '../engine/storage/fs-blob-store';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { getImport, startImport, type ImportJobDeps } from './trajectory-import-job';

const ROWS = 600;
const BAD_EVERY = 200; // a broken line after every 200th row

// tsx as a loader in this very process: the tsx CLI would run the import in a grandchild that
// SIGKILL on the child leaves running.
function runChild(url: string, dataDir: string, jobId: string): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.resolve('server/testing/run-import-child.ts'), jobId], {
    env: { ...process.env, DATABASE_URL: url, SPECIALIST_DATA_DIR: dataDir, SPECIALIST_LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('trajectory import survives SIGKILL mid-file (real Postgres, child process, files on disk)', () => {
  let t: TestDatabase;
  const dir = mkdtempSync(path.join(tmpdir(), 'specialist-import-crash-'));
  const actor = { orgId: '', userId: 'u', role: 'engineer' as const };
  let deps: ImportJobDeps;
  beforeAll(async () => {
    t = await createTestDatabase();
    actor.orgId = (await t.db.organization.create({ data: { name: 'A', slug: `a-${Date.now()}` } })).id;
    deps = { db: t.db, blobs: createFsBlobStore(path.join(dir, 'blobs')), dataDir: dir, send: async () => {} };
  });
  afterAll(async () => {
    await t?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a killed import resumes on redelivery: every valid row once, no duplicates, errors by line', async () => {
    const lines: string[] = [];
    const badLines: number[] = [];
    for (let i = 0; i < ROWS; i++) {
      lines.push(JSON.stringify(makeSeraRow(i, 2)));
      if ((i + 1) % BAD_EVERY === 0) {
        lines.push('{"messages": [truncated');
        badLines.push(lines.length);
      }
    }
    async function* body() {
      yield lines.join('\n') + '\n';
    }
    const { jobId } = await startImport(deps, actor, { fileName: 'big.jsonl', body: body() });
    const count = () => t.db.trajectory.count({ where: { orgId: actor.orgId } });

    // first delivery: killed without warning once some rows are in
    const first = runChild(t.url, dir, jobId);
    let stderr = '';
    first.stderr!.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((r) => first.once('exit', (code) => r(code)));
    let killedAt = -1;
    while (killedAt < 0) {
      const n = await count();
      if (n >= 50) {
        first.kill('SIGKILL');
        killedAt = n;
      } else if (first.exitCode !== null) throw new Error(`the import finished (or failed) before it could be killed: ${stderr}`);
      else await new Promise((r) => setTimeout(r, 20));
    }
    await exited;
    const afterKill = await count();
    expect(afterKill).toBeGreaterThanOrEqual(killedAt);
    expect(afterKill, 'the kill should land mid-file').toBeLessThan(ROWS);
    expect((await getImport(deps, actor, jobId)).state).toBe('running'); // no one marked it done
    expect(existsSync(path.join(dir, 'imports', `${jobId}.upload`))).toBe(true); // the upload is kept for the retry

    // redelivery (pg-boss retries the job): a fresh process finishes it
    const second = runChild(t.url, dir, jobId);
    let out = '';
    second.stdout!.on('data', (d) => (out += d));
    second.stderr!.on('data', (d) => (out += d));
    expect(await new Promise((r) => second.once('exit', r)), out).toBe(0);
    const summary = JSON.parse(out.trim().split('\n').at(-1)!);
    expect(summary.imported + summary.duplicates).toBe(ROWS);
    expect(summary.duplicates).toBeGreaterThanOrEqual(afterKill); // what the killed run stored is recognised, not re-added

    const rows = await t.db.trajectory.findMany({ where: { orgId: actor.orgId }, select: { instanceId: true, contentHash: true, blobKey: true, jobId: true } });
    expect(rows).toHaveLength(ROWS);
    expect(new Set(rows.map((r) => r.instanceId)).size).toBe(ROWS);
    expect(new Set(rows.map((r) => r.contentHash)).size).toBe(ROWS);
    expect(rows.every((r) => r.jobId === jobId)).toBe(true);
    const expectedIds = new Set(Array.from({ length: ROWS }, (_, i) => `django_django_c1a2b_${10000 + i}`));
    expect(new Set(rows.map((r) => r.instanceId))).toEqual(expectedIds);
    // every row's body is readable from the blob store (no row points at a torn blob)
    for (const r of rows.filter((_, i) => i % 100 === 0 || i === rows.length - 1)) {
      const body = JSON.parse((await deps.blobs.get(r.blobKey)).toString('utf8'));
      expect(body.imported.instanceId).toBe(r.instanceId);
    }

    const job = await getImport(deps, actor, jobId);
    expect(job.state).toBe('succeeded');
    expect((job.progress as { errors: { line: number }[] }).errors.map((e) => e.line)).toEqual(badLines);
    expect(existsSync(path.join(dir, 'imports', `${jobId}.upload`))).toBe(false);
  }, 90_000);
});
