// The generator's single-statement INSERT (unnest) against the real schema: every column lands,
// T2 rows point at their T1, bodies are in the blob store, and the rows list like real ones.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFsBlobStore } from '../engine/storage/fs-blob-store';
import { listTrajectoryPage } from '../services/trajectories';
import { listTrajectoriesQuery } from '@/lib/schemas/trajectories';
import { createTestDatabase, type TestDatabase } from './database';
import { seedSyntheticTrajectories } from './synthetic-trajectories';

describe('seedSyntheticTrajectories (real Postgres)', () => {
  let t: TestDatabase;
  const dir = mkdtempSync(path.join(tmpdir(), 'specialist-synthetic-'));
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('inserts exactly count rows with lineage, labels, dates and viewable bodies', async () => {
    const org = await t.db.organization.create({ data: { name: 'Syn', slug: 'syn' } });
    const blobs = createFsBlobStore(dir);
    const res = await seedSyntheticTrajectories({ db: t.db, orgId: org.id, count: 2_001, distinctPairs: 20, blobs, batchSize: 400, seed: 5 });
    expect(res).toMatchObject({ inserted: 2_001, blobs: 40 });
    expect(await t.db.trajectory.count({ where: { orgId: org.id } })).toBe(2_001);
    const t2 = await t.db.trajectory.findUniqueOrThrow({ where: { id: res.firstT2Id! }, include: { parent: true } });
    expect(t2.stage).toBe('T2');
    expect(t2.parent?.stage).toBe('T1');
    expect(t2.parent?.seedFunction).toBe(t2.seedFunction);
    expect(await t.db.trajectory.count({ where: { orgId: org.id, stage: 'T2', parentId: null } })).toBe(0);
    expect(await t.db.trajectory.count({ where: { orgId: org.id, labels: { isEmpty: false } } })).toBeGreaterThan(50);
    expect(t2.createdAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(t2.createdAt.getTime()).toBeGreaterThan(Date.now() - 31 * 86_400_000);
    const body = JSON.parse((await blobs.get(t2.blobKey)).toString());
    expect(body.trajectory.patch).toContain('diff --git');
    expect(body.record.pr).toBe(t2.prText);
    const page = await listTrajectoryPage({ db: t.db }, { orgId: org.id, userId: 'u', role: 'owner' }, listTrajectoriesQuery.parse({ filter: { stage: 'T2', label: 'reviewed' } }));
    expect(page.rows.length).toBeGreaterThan(0);
    expect(page.rows.every((r) => r.labels.includes('reviewed'))).toBe(true);
  });
});
