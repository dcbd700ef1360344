// SERA JSONL import into a real Postgres + filesystem blob store: valid rows import while bad
// lines are reported with their line numbers; re-importing the same file adds nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getLogs } from '@prisma/debug';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSeraRow, seraRowLine } from '../engine/dataset/import';
import { createFsBlobStore } from '../engine/storage/fs-blob-store';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { importTrajectories } from './trajectory-import';

async function* chunks(text: string, size = 97) {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size); // lines split across chunks
}

describe('trajectory import (real Postgres, filesystem blob store)', () => {
  let t: TestDatabase;
  const dir = mkdtempSync(path.join(tmpdir(), 'specialist-import-'));
  const actor = { orgId: '', userId: 'u', role: 'engineer' as const };
  const other = { orgId: '', userId: 'v', role: 'engineer' as const };
  beforeAll(async () => {
    t = await createTestDatabase();
    actor.orgId = (await t.db.organization.create({ data: { name: 'A', slug: `a-${Date.now()}` } })).id;
    other.orgId = (await t.db.organization.create({ data: { name: 'B', slug: `b-${Date.now()}` } })).id;
  });
  afterAll(async () => {
    await t?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const file = [JSON.stringify(makeSeraRow(1)), '{not json', JSON.stringify(makeSeraRow(2)), JSON.stringify({ hello: 'world' }), JSON.stringify(makeSeraRow(3))].join('\n') + '\n';

  it('imports valid rows, reports bad lines by number, and is idempotent on re-import', async () => {
    const deps = { db: t.db, blobs: createFsBlobStore(path.join(dir, 'blobs')) };
    const first = await importTrajectories(deps, actor, chunks(file));
    expect(first.imported).toBe(3);
    expect(first.errors.map((e) => e.line)).toEqual([2, 4]);
    const rows = await t.db.trajectory.findMany({ where: { orgId: actor.orgId }, orderBy: { instanceId: 'asc' } });
    expect(rows.map((r) => r.instanceId)).toEqual(['django_django_c1a2b_10001', 'django_django_c1a2b_10002', 'django_django_c1a2b_10003']);
    expect(rows[0]!.steps).toBe(6);
    expect(rows[0]!.prText).toContain('PR description (#1)');
    const body = JSON.parse((await deps.blobs.get(rows[0]!.blobKey)).toString());
    expect(body.imported.messages).toHaveLength(14);

    const again = await importTrajectories(deps, actor, chunks(file, 1000));
    expect(again).toMatchObject({ imported: 0, duplicates: 3 });
    expect(await t.db.trajectory.count({ where: { orgId: actor.orgId } })).toBe(3);
    // the same file in another organization is that organization's own data
    expect((await importTrajectories(deps, other, chunks(file))).imported).toBe(3);
  });

  it("lets go of each batch's row values: Prisma's debug history does not keep them after the import", async () => {
    const deps = { db: t.db, blobs: createFsBlobStore(path.join(dir, 'blobs')) };
    // the premise: Prisma records recent query parameters even with DEBUG off
    await t.db.trajectory.findMany({ where: { orgId: actor.orgId, instanceId: 'premise-marker-7d1f' } });
    expect(getLogs(100_000)).toContain('premise-marker-7d1f');
    const lines = Array.from({ length: 3 }, (_, i) => seraRowLine(`kept-${i}`, `PR text-marker-93ab (${i})`, { observation: 'observation-marker-5c2e' })).join('\n');
    expect((await importTrajectories(deps, actor, chunks(lines))).imported).toBe(3);
    const logs = getLogs(100_000);
    expect(logs).not.toContain('text-marker-93ab');
    expect(logs).not.toContain('observation-marker-5c2e');
  });
});
