// Disk full under the blob store during an import (a real 1 MiB tmpfs): the job fails with a
// clear "out of space" error, every stored row has its body (no row points at a missing or torn
// blob), and after space is freed a retry stores each remaining row exactly once.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSeraRow } from '../engine/dataset/import';
import { createFsBlobStore } from '../engine/storage/fs-blob-store';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { getImport, runImport, startImport, type ImportJobDeps } from './trajectory-import-job';

const dir = mkdtempSync(path.join(tmpdir(), 'specialist-import-full-'));
const blobDir = path.join(dir, 'blobs');
let mounted = false;
try {
  execFileSync('mkdir', ['-p', blobDir]);
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', blobDir], { stdio: 'ignore' });
  mounted = true;
} catch {
  /* mounting needs root with CAP_SYS_ADMIN; the blob store's unit test covers ENOSPC otherwise */
}

describe.skipIf(!mounted)('trajectory import on a full blob store (real tmpfs, real Postgres)', () => {
  let t: TestDatabase;
  const actor = { orgId: '', userId: 'u', role: 'engineer' as const };
  let deps: ImportJobDeps;
  beforeAll(async () => {
    t = await createTestDatabase();
    actor.orgId = (await t.db.organization.create({ data: { name: 'A', slug: `a-${Date.now()}` } })).id;
    deps = { db: t.db, blobs: createFsBlobStore(blobDir), dataDir: dir, send: async () => {} };
  });
  afterAll(async () => {
    await t?.drop();
    if (mounted) execFileSync('umount', [blobDir]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('fails clearly with no partial rows, then completes exactly once when space is back', async () => {
    const ROWS = 400;
    // incompressible observations (a page of tmpfs each) so the 1 MiB store fills after about 250
    // rows: past the first import batches (100 rows each), before the end of the file
    const lines = Array.from({ length: ROWS }, (_, i) => {
      const row = makeSeraRow(i, 1) as { messages: { role: string; content: string; train: boolean }[] };
      row.messages.push({ role: 'user', content: randomBytes(2 * 1024).toString('base64'), train: false });
      return JSON.stringify(row);
    });
    async function* body() {
      yield lines.join('\n') + '\n';
    }
    const { jobId } = await startImport(deps, actor, { fileName: 'big.jsonl', body: body() });
    await expect(runImport(deps, jobId)).rejects.toMatchObject({ code: 'disk_full' });

    const job = await getImport(deps, actor, jobId);
    expect(job.state).toBe('failed');
    expect(job.error).toMatch(/out of space.*free disk space and retry/);
    const stored = await t.db.trajectory.findMany({ where: { orgId: actor.orgId } });
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.length).toBeLessThan(ROWS);
    for (const r of stored) expect(JSON.parse((await deps.blobs.get(r.blobKey)).toString()).imported.instanceId).toBe(r.instanceId);

    // space is freed (the volume grows); the redelivered job finishes what is left
    execFileSync('mount', ['-o', 'remount,size=16m', blobDir]);
    const summary = await runImport(deps, jobId);
    expect(summary).toMatchObject({ imported: ROWS - stored.length, duplicates: stored.length, errors: [] });
    const all = await t.db.trajectory.findMany({ where: { orgId: actor.orgId }, select: { instanceId: true, blobKey: true } });
    expect(all).toHaveLength(ROWS);
    expect(new Set(all.map((r) => r.instanceId)).size).toBe(ROWS);
    for (const r of all) expect((await deps.blobs.get(r.blobKey)).length).toBeGreaterThan(0);
    expect((await getImport(deps, actor, jobId)).state).toBe('succeeded');
  });
});
