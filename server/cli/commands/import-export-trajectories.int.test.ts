// `specialist import --org` stores a directory of SWE-agent .traj files and Parquet; `specialist
// export-trajectories` writes our JSONL, which imports into another organization with lineage.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeExportedPair, makeSeraRow } from '../../engine/dataset/import';
import { createTestDatabase, useAsEnvironment, type TestDatabase } from '../../testing/database';
import { command as exportCommand } from './export-trajectories';
import { command as importCommand } from './import';

describe('specialist import --org / export-trajectories (real Postgres)', () => {
  let t: TestDatabase;
  let restoreEnv: (() => void) | undefined;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'import-cli-db-'));
  const lines: string[] = [];
  const io = { out: (s: string) => void lines.push(s), err: (s: string) => void lines.push(s) };
  beforeAll(async () => {
    t = await createTestDatabase();
    restoreEnv = useAsEnvironment(t, dataDir);
  });
  afterAll(async () => {
    restoreEnv?.();
    await t?.drop();
  });

  it('imports a SWE-agent run directory and a Parquet file, then exports and re-imports a T1/T2 pair with lineage', async () => {
    const a = await t.db.organization.create({ data: { name: 'A', slug: 'cli-a' } });
    const b = await t.db.organization.create({ data: { name: 'B', slug: 'cli-b' } });
    const run = path.join(dataDir, 'run');
    for (const id of ['calc_1', 'calc_2']) {
      mkdirSync(path.join(run, id), { recursive: true });
      writeFileSync(path.join(run, id, `${id}.traj`), JSON.stringify({ history: [{ role: 'user', content: `fix ${id}` }], info: { exit_status: 'submitted', submission: '--- a/x\n+++ b/x\n+1\n-2\n' } }, null, 2));
    }
    writeFileSync(path.join(run, 'calc_2', 'calc_2.patch'), 'ignored: not an import format');
    const rows = [makeSeraRow(1, 1), makeSeraRow(2, 1)] as { messages: unknown[]; instance_id: string }[];
    writeFileSync(path.join(run, 'sera.parquet'), Buffer.from(parquetWriteBuffer({ columnData: [{ name: 'messages', data: rows.map((r) => JSON.stringify(r.messages)), type: 'STRING' }, { name: 'instance_id', data: rows.map((r) => r.instance_id), type: 'STRING' }] })));
    expect(await importCommand.run([run, '--org', 'cli-a'], io)).toBe(0);
    expect(lines.join('\n')).toMatch(/3 files: 4 imported, 0 invalid/);
    expect((await t.db.trajectory.findMany({ where: { orgId: a.id }, orderBy: { instanceId: 'asc' } })).map((r) => [r.instanceId, r.patchLines])).toEqual([
      ['calc_1', 2],
      ['calc_2', 2],
      ['django_django_c1a2b_10001', null],
      ['django_django_c1a2b_10002', null],
    ]);
    lines.length = 0;
    expect(await importCommand.run([run, '--org', 'cli-a'], io)).toBe(0);
    expect(lines.join('\n')).toMatch(/calc_1\.traj \(traj, \d+ bytes\): 0 imported, 1 already present, 0 invalid/);

    // a generated pair in org A (as our export writes it), exported by the CLI, imported into B
    const pair = path.join(dataDir, 'pair.jsonl');
    writeFileSync(pair, makeExportedPair(1).map((l) => JSON.stringify(l)).join('\n') + '\n');
    expect(await importCommand.run([pair, '--org', 'cli-a'], io)).toBe(0);
    const out = path.join(dataDir, 'a.jsonl');
    lines.length = 0;
    expect(await exportCommand.run(['--org', 'cli-a', '--stage', 'T1', '--out', path.join(dataDir, 't1.jsonl')], io)).toBe(0);
    expect(lines.join('\n')).toMatch(/wrote 1 trajectories/); // the pair's T1 (the others are imported T2 rows)
    expect(await exportCommand.run(['--org', 'cli-a', '--out', out], io)).toBe(0);
    expect(lines.join('\n')).toMatch(/wrote 6 trajectories/);
    expect(readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l).stage)).toEqual(['T1', 'T2', 'T2', 'T2', 'T2', 'T2']);
    expect(await importCommand.run([out, '--org', 'cli-b'], io)).toBe(0);
    const t2 = await t.db.trajectory.findFirstOrThrow({ where: { orgId: b.id, stage: 'T2', recall: 0.6 }, include: { parent: true } });
    expect(t2.parent).toMatchObject({ orgId: b.id, stage: 'T1', instanceId: t2.instanceId });
    expect(await t.db.trajectory.count({ where: { orgId: b.id } })).toBe(6);
    await expect(importCommand.run([out, '--org', 'nope'], io)).rejects.toThrow(/No organization with slug "nope"/);
    await expect(exportCommand.run([], io)).rejects.toThrow(/--org SLUG/);
  });
});
