// Import as a durable job: the upload is saved, the queued job (captured, then run as the worker
// would) streams it in and records counts and per-line errors on the Job; a rerun adds nothing.
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSeraRow } from '../engine/dataset/import';
import { createFsBlobStore } from '../engine/storage/fs-blob-store';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { IMPORT_JOB, getImport, runImport, startImport, type ImportJobDeps } from './trajectory-import-job';

describe('trajectory import job (real Postgres, files on disk)', () => {
  let t: TestDatabase;
  const dir = mkdtempSync(path.join(tmpdir(), 'specialist-importjob-'));
  const actor = { orgId: '', userId: 'u', role: 'engineer' as const };
  const sent: { name: string; data: object }[] = [];
  let deps: ImportJobDeps;
  beforeAll(async () => {
    t = await createTestDatabase();
    actor.orgId = (await t.db.organization.create({ data: { name: 'A', slug: `a-${Date.now()}` } })).id;
    deps = { db: t.db, blobs: createFsBlobStore(path.join(dir, 'blobs')), dataDir: dir, send: async (name, data) => void sent.push({ name, data }) };
  });
  afterAll(async () => {
    await t?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('queues, imports with per-line errors on the Job, and is idempotent when redelivered', async () => {
    const lines = [JSON.stringify(makeSeraRow(1)), 'garbage', JSON.stringify(makeSeraRow(2))].join('\n');
    async function* body() {
      yield lines;
    }
    const { jobId } = await startImport(deps, actor, { fileName: 'sera.jsonl', body: body() });
    expect(sent).toEqual([{ name: IMPORT_JOB, data: { jobId } }]);
    const s = await runImport(deps, jobId);
    expect(s).toMatchObject({ imported: 2, duplicates: 0 });
    const job = await getImport(deps, actor, jobId);
    expect(job.state).toBe('succeeded');
    expect((job.progress as { errors: { line: number }[] }).errors.map((e) => e.line)).toEqual([2]);
    expect(existsSync(path.join(dir, 'imports', `${jobId}.upload`))).toBe(false);
    expect(await t.db.trajectory.count({ where: { orgId: actor.orgId, jobId } })).toBe(2);
    // a finished job redelivered is a no-op; a second upload of the same file adds no rows
    expect(await runImport(deps, jobId)).toBeNull();
    const second = await startImport(deps, actor, { fileName: 'sera.jsonl', body: body() });
    expect(await runImport(deps, second.jobId)).toMatchObject({ imported: 0, duplicates: 2 });
    await expect(getImport(deps, { ...actor, orgId: 'other' }, jobId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('takes a pretty-printed SWE-agent .traj upload whole (format from the name) and records its size for the progress bar', async () => {
    const traj = JSON.stringify({ history: [{ role: 'user', content: 'Fix it' }, { role: 'assistant', content: 'done' }], info: { exit_status: 'submitted', submission: '--- a/x\n+++ b/x\n+y\n' } }, null, 2);
    async function* body() {
      yield traj;
    }
    const { jobId } = await startImport(deps, actor, { fileName: 'calc_calc_7.traj', body: body() });
    expect((await getImport(deps, actor, jobId)).progress).toEqual({ bytes: 0, rows: 0, totalBytes: Buffer.byteLength(traj) });
    expect(await runImport(deps, jobId)).toMatchObject({ imported: 1, invalid: 0, unit: 'record' });
    expect((await getImport(deps, actor, jobId)).progress).toMatchObject({ bytes: Buffer.byteLength(traj), totalBytes: Buffer.byteLength(traj), rows: 1, imported: 1 });
    expect(await t.db.trajectory.findFirstOrThrow({ where: { orgId: actor.orgId, jobId } })).toMatchObject({ instanceId: 'calc_calc_7', exitStatus: 'submitted', patchLines: 1 });
  });
});
