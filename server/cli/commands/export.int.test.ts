import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFsBlobStore } from '../../engine/storage/fs-blob-store';
import { createTestDatabase, useAsEnvironment, type TestDatabase } from '../../testing/database';
import { command } from './export';

describe('specialist export (real Postgres)', () => {
  let t: TestDatabase;
  let restoreEnv: (() => void) | undefined;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'export-cli-'));
  beforeAll(async () => {
    t = await createTestDatabase();
    restoreEnv = useAsEnvironment(t, dataDir);
  });
  afterAll(async () => {
    restoreEnv?.();
    await t?.drop();
  });

  it('writes the stored SERA rows of a version and prints the Axolotl section', async () => {
    const org = await t.db.organization.create({ data: { name: 'O', slug: 'o' } });
    const row = { messages: [{ role: 'system', content: 's', train: false }, { role: 'assistant', content: 'a', train: true }], instance_id: 'x_10000', tool_json: [] };
    const blobs = createFsBlobStore(path.join(dataDir, 'blobs'));
    const good = await blobs.put(JSON.stringify({ trajectory: { row, rowError: null } }));
    const bad = await blobs.put(JSON.stringify({ trajectory: { row: null, rowError: 'exit status step_limit is not submitted' } }));
    const ds = await t.db.dataset.create({ data: { orgId: org.id, name: 'calc' } });
    const trajectories = await Promise.all(
      [good.key, bad.key].map((blobKey, i) => t.db.trajectory.create({ data: { orgId: org.id, contentHash: `h${i}`, instanceId: `x_${i}`, stage: 'T2', blobKey } })),
    );
    const v = await t.db.datasetVersion.create({ data: { datasetId: ds.id, version: 1, rowCount: 2, members: { create: trajectories.map((tr) => ({ trajectoryId: tr.id })) } } });
    const out = path.join(dataDir, 'out.jsonl');
    const lines: string[] = [];
    const code = await command.run([v.id, '--out', out], { out: (s) => void lines.push(s), err: (s) => void lines.push(s) });
    expect(code).toBe(0);
    expect(lines.join('\n')).toMatch(/wrote 1 rows .*1 skipped: exit status step_limit/);
    expect(lines.join('\n')).toContain('message_field_training: train');
    expect(readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l))).toEqual([row]);
    await expect(command.run(['nope'], { out: () => {}, err: () => {} })).rejects.toThrow(/No dataset version nope/);
  });
});
