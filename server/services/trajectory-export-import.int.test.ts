// Every import format end to end on a real Postgres + filesystem blob store: our own export
// round-trips a generated T1/T2 pair with lineage and body between organizations; SERA Parquet
// and SWE-agent .traj files import with per-row errors; imported SERA rows export to training.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeExportedPair, makeSeraRow, PAIR_MATCHED, PAIR_MISSED, PAIR_P1 } from '../engine/dataset/import';
import { createFsBlobStore } from '../engine/storage/fs-blob-store';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { exportTrajectoriesJsonl } from './trajectory-export';
import { importTrajectories, importTrajectoryFile, type ImportDeps } from './trajectory-import';
import { exportDatasetVersionJsonl } from './training-export';

describe('trajectory export/import formats (real Postgres, filesystem blob store)', () => {
  let t: TestDatabase;
  let deps: ImportDeps;
  const dir = mkdtempSync(path.join(tmpdir(), 'specialist-formats-'));
  const a = { orgId: '', userId: 'u', role: 'engineer' as const };
  const b = { orgId: '', userId: 'v', role: 'engineer' as const };
  beforeAll(async () => {
    t = await createTestDatabase();
    a.orgId = (await t.db.organization.create({ data: { name: 'A', slug: `a-${Date.now()}` } })).id;
    b.orgId = (await t.db.organization.create({ data: { name: 'B', slug: `b-${Date.now()}` } })).id;
    deps = { db: t.db, blobs: createFsBlobStore(path.join(dir, 'blobs')) };
  });
  afterAll(async () => {
    await t?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const body = async (blobKey: string) => JSON.parse((await deps.blobs.get(blobKey)).toString());

  it('round-trips a T1/T2 pair through our export into another organization with lineage, columns and body', async () => {
    const [t1, t2] = makeExportedPair(1);
    // T2 before its T1 (files get concatenated): linked once the T1 has arrived
    const first = await importTrajectories(deps, a, Readable.from([JSON.stringify(t2) + '\n' + JSON.stringify(t1) + '\n' + '{"format": "specialist-export"}\n']));
    expect(first).toMatchObject({ imported: 2, duplicates: 0, invalid: 1, errors: [{ line: 3 }] });
    const inA = await t.db.trajectory.findMany({ where: { orgId: a.orgId }, orderBy: { stage: 'asc' } });
    expect(inA.map((r) => r.stage)).toEqual(['T1', 'T2']);
    expect(inA[1].parentId).toBe(inA[0].id);

    const lines: string[] = [];
    for await (const l of exportTrajectoriesJsonl(deps, a)) lines.push(l);
    expect(lines.map((l) => JSON.parse(l).stage)).toEqual(['T1', 'T2']); // parents first
    const file = path.join(dir, 'a.trajectories.jsonl');
    writeFileSync(file, lines.join(''));

    const s = await importTrajectoryFile(deps, b, file, 'a.trajectories.jsonl');
    expect(s).toMatchObject({ imported: 2, duplicates: 0, invalid: 0, unit: 'line' });
    const [bt1, bt2] = await t.db.trajectory.findMany({ where: { orgId: b.orgId }, orderBy: { stage: 'asc' } });
    expect(bt2).toMatchObject({ stage: 'T2', parentId: bt1.id, recall: 0.6, verification: 'soft', patchLines: 4, seedFile: 'calc/ops.py', seedFunction: 'total', changeType: 'feature', exitStatus: 'submitted', totalTokens: 120, truncationRatio: 1 });
    expect(bt1).toMatchObject({ stage: 'T1', parentId: null, recall: null });
    // what the viewer reads: P1 from the parent's body, matched/missed from the T2's record
    expect((await body(bt1.blobKey)).trajectory.patch).toBe(PAIR_P1);
    expect((await body(bt2.blobKey)).record).toMatchObject({ matched: PAIR_MATCHED, missed: PAIR_MISSED });
    expect(await importTrajectoryFile(deps, b, file, 'a.trajectories.jsonl')).toMatchObject({ imported: 0, duplicates: 2 });
    expect(await t.db.trajectory.count({ where: { orgId: b.orgId } })).toBe(2);
  });

  it('imports SERA Parquet with bad rows reported by row number, idempotently', async () => {
    const rows = [makeSeraRow(11, 1), makeSeraRow(12, 1), makeSeraRow(13, 1)] as { messages: unknown[]; instance_id: string }[];
    const ab = parquetWriteBuffer({
      columnData: [
        { name: 'messages', data: [JSON.stringify(rows[0].messages), '[]', JSON.stringify(rows[2].messages)], type: 'STRING' },
        { name: 'instance_id', data: rows.map((r) => r.instance_id), type: 'STRING' },
        { name: 'recall', data: [0.5, 1, 0.25], type: 'DOUBLE' },
      ],
      rowGroupSize: 2,
    });
    const file = path.join(dir, 'train-00000-of-00001.parquet');
    writeFileSync(file, Buffer.from(ab));
    const progress: number[] = [];
    const s = await importTrajectoryFile(deps, a, file, 'train-00000-of-00001.parquet', { onProgress: (bytes) => progress.push(bytes) });
    expect(s).toMatchObject({ imported: 2, invalid: 1, unit: 'row', errors: [{ line: 2, error: expect.stringMatching(/messages must not be empty/) }] });
    expect(progress.at(-1)).toBe(ab.byteLength);
    const r = await t.db.trajectory.findFirstOrThrow({ where: { orgId: a.orgId, instanceId: 'django_django_c1a2b_10013' } });
    expect(r).toMatchObject({ stage: 'T2', recall: 0.25, steps: 1 });
    expect(await importTrajectoryFile(deps, a, file, 'x.parquet')).toMatchObject({ imported: 0, duplicates: 2 });
    // a .parquet that is not Parquet: one file-level error, nothing thrown
    writeFileSync(path.join(dir, 'fake.parquet'), 'PAR1 but not really');
    expect(await importTrajectoryFile(deps, a, path.join(dir, 'fake.parquet'), 'fake.parquet')).toMatchObject({ imported: 0, invalid: 1, errors: [{ line: 0, error: expect.stringMatching(/Parquet/) }] });
  });

  it('imports a pretty-printed SWE-agent .traj: instance id from the name, exit status, patch lines', async () => {
    const run = path.join(dir, 'run', 'calc_calc_2');
    mkdirSync(run, { recursive: true });
    const traj = { history: [{ role: 'system', content: 'sys' }, { role: 'user', content: [{ type: 'text', text: 'Fix sum' }] }, { role: 'assistant', content: 'ok' }], info: { exit_status: 'submitted', submission: 'diff --git a/a.py b/a.py\n--- a/a.py\n+++ b/a.py\n-x\n+y\n+z\n' } };
    const file = path.join(run, 'calc_calc_2.traj');
    writeFileSync(file, JSON.stringify(traj, null, 2));
    expect(await importTrajectoryFile(deps, a, file, 'calc_calc_2.traj')).toMatchObject({ imported: 1, unit: 'record' });
    expect(await t.db.trajectory.findFirstOrThrow({ where: { orgId: a.orgId, instanceId: 'calc_calc_2' } })).toMatchObject({ exitStatus: 'submitted', patchLines: 3, steps: 1, prText: 'Fix sum' });
  });

  it('writes imported SERA rows into a dataset version export (training rows with train flags)', async () => {
    const [sera] = await t.db.trajectory.findMany({ where: { orgId: a.orgId, instanceId: 'django_django_c1a2b_10011' } });
    const [gen] = await t.db.trajectory.findMany({ where: { orgId: a.orgId, stage: 'T2', parentId: { not: null } } });
    const traj = await t.db.trajectory.findFirstOrThrow({ where: { orgId: a.orgId, instanceId: 'calc_calc_2' } });
    const ds = await t.db.dataset.create({ data: { orgId: a.orgId, name: 'mix' } });
    const v = await t.db.datasetVersion.create({ data: { datasetId: ds.id, version: 1, members: { create: [sera, gen, traj].map((r) => ({ trajectoryId: r.id })) } } });
    const out = path.join(dir, 'mix.jsonl');
    const res = await exportDatasetVersionJsonl({ db: t.db, dataDir: dir }, v.id, out);
    expect(res.rows).toBe(2);
    expect(res.skipped).toEqual([{ trajectoryId: traj.id, reason: 'an assistant turn has 0 tool calls' }]); // a .traj becomes a hermes row only when every turn calls a tool (SERA drops it otherwise)
    const rows = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((r) => r.instance_id).sort()).toEqual(['calc_calc_e1f2a_10001', 'django_django_c1a2b_10011']);
    expect(rows.find((r) => r.instance_id === 'django_django_c1a2b_10011').messages[2]).toMatchObject({ role: 'assistant', train: true });
  });
});
