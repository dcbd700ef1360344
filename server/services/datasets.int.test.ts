// Dataset versions against a real Postgres: a T1/T2 mix with a T2 fraction, ordered truncation,
// and imported general rows (measured on the fly with the Qwen3 tokenizer) mixed in at a
// specialization ratio; frozen memberships; clear errors; token preview and JSONL export.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFsBlobStore } from '../engine/storage/fs-blob-store';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { createDatasetVersionInput, datasetRecipe } from '@/lib/schemas/datasets';
import { createDatasetVersion, previewDatasetVersion, tokenPreview } from './datasets';
import { exportDatasetVersionJsonl } from './training-export';

const dataDir = mkdtempSync(path.join(tmpdir(), 'specialist-datasets-'));
const seraRow = (id: string, task: string) => ({
  format: 'sera-jsonl',
  instanceId: id,
  messages: [
    { role: 'system', content: 'You are a helpful assistant.', train: false },
    { role: 'user', content: task, train: false },
    { role: 'assistant', content: '<think>\nlook around\n</think>\n\n<tool_call>\n{"name": "bash", "arguments": {"command": "ls"}}\n</tool_call>', train: true },
    { role: 'user', content: '<tool_response>\nOBSERVATION:\nsetup.py\n</tool_response>', train: false },
  ],
  metadata: {},
});

describe('dataset versions with mix rules (real Postgres)', () => {
  let t: TestDatabase;
  const actor = { orgId: '', userId: '', role: 'engineer' as const };
  const deps = () => ({ db: t.db, dataDir });
  const ids: Record<string, string[]> = { t1: [], t1Short: [], t2: [], excluded: [], seraWithRepo: [], general: [] };

  beforeAll(async () => {
    t = await createTestDatabase();
    actor.orgId = (await t.db.organization.create({ data: { name: 'Acme', slug: `acme-${Date.now()}` } })).id;
    actor.userId = (await t.db.user.create({ data: { email: `u-${Date.now()}@example.test` } })).id;
    const other = (await t.db.organization.create({ data: { name: 'Other', slug: `other-${Date.now()}` } })).id;
    const repo = await t.db.repository.create({ data: { orgId: actor.orgId, name: 'calckit', source: 'local', url: '/tmp/calckit' } });
    const blobs = createFsBlobStore(path.join(dataDir, 'blobs'));
    let n = 0;
    const make = async (group: string, data: Record<string, unknown>, orgId = actor.orgId) => {
      const i = n++;
      const { key } = await blobs.put(JSON.stringify({ imported: seraRow(`calc_${i}`, `task ${i}`) }));
      const row = await t.db.trajectory.create({ data: { orgId, contentHash: `h${i}`, instanceId: `calc_${i}`, blobKey: key, stage: 'T2', ...data } as never });
      (ids[group] ??= []).push(row.id);
    };
    for (let i = 0; i < 6; i++) await make('t1', { stage: 'T1', repositoryId: repo.id, totalTokens: 100, truncationRatio: 1 });
    await make('t1Short', { stage: 'T1', repositoryId: repo.id, totalTokens: 100, truncationRatio: 0.3 });
    for (let i = 0; i < 3; i++) await make('t2', { repositoryId: repo.id, totalTokens: 200, truncationRatio: 0.9 });
    await make('excluded', { repositoryId: repo.id, totalTokens: 200, truncationRatio: 1, included: false });
    // labelled like the general data but tied to the repository: specialized, not general
    await make('seraWithRepo', { repositoryId: repo.id, totalTokens: 200, truncationRatio: 0.8, labels: ['sera'] });
    // imported SERA rows: no repository, no token statistics yet
    for (let i = 0; i < 5; i++) await make('general', { labels: ['sera'] });
    await make('otherOrg', { labels: ['sera'] }, other);
  });
  afterAll(async () => {
    await t?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const recipe = { stages: 'both', t2Fraction: 0.5, minTruncationRatio: 0.5, general: { filter: { label: 'sera' }, withoutRepo: true, ratio: 0.8 } };

  it('previews exact counts per stage and source, measuring imported rows on the way', async () => {
    // the live preview measures for a bounded time and says when rows are left to measure
    let p = await previewDatasetVersion(deps(), actor, datasetRecipe.parse(recipe));
    for (let i = 0; p.measuring && i < 20; i++) p = await previewDatasetVersion(deps(), actor, datasetRecipe.parse(recipe));
    expect(p.measuring).toBe(false);
    expect(p.problems).toEqual([]);
    expect(p.stages.map((s) => [s.label, s.counts.t1, s.counts.t2, s.counts.general])).toEqual([
      ['Matching included trajectories', 7, 4, 5],
      ['Truncation ratio ≥ 0.5 at 32K', 6, 4, 5],
      ['T2 fraction 0.5', 4, 4, 5],
      ['Specialization ratio 0.8', 4, 4, 2],
    ]);
    expect(p.summary).toMatchObject({ t1: 4, t2: 4, general: 2, rows: 10, t2Fraction: 0.5, specializationRatio: 0.8 });
    const measured = await t.db.trajectory.findMany({ where: { id: { in: ids.general } }, select: { totalTokens: true, truncationRatio: true }, orderBy: { id: 'asc' } });
    expect(measured.every((m) => (m.totalTokens ?? 0) > 20 && m.truncationRatio === 1)).toBe(true);
    // 4 T1 × 100 + 4 T2 × 200 + the two general rows picked (equal ratios: lowest ids first)
    expect(p.summary.tokens).toBe(400 + 800 + measured[0].totalTokens! + measured[1].totalTokens!);
  });

  it('creates a version whose memberships are frozen and match the preview', async () => {
    const v = await createDatasetVersion(deps(), actor, createDatasetVersionInput.parse({ name: 'calckit-mix', ...recipe }));
    expect(v).toMatchObject({ version: 1, rowCount: 10 });
    const members = await t.db.datasetMembership.findMany({ where: { datasetVersionId: v.id }, select: { trajectoryId: true } });
    const got = new Set(members.map((m) => m.trajectoryId));
    const count = (g: string) => ids[g].filter((id) => got.has(id)).length;
    expect([count('t1'), count('t1Short'), count('t2'), count('excluded'), count('seraWithRepo'), count('general')]).toEqual([4, 0, 3, 0, 1, 2]);
    const stored = await t.db.datasetVersion.findUniqueOrThrow({ where: { id: v.id } });
    expect(stored.recipe).toMatchObject({ stages: 'both', t2Fraction: 0.5, general: { ratio: 0.8, withoutRepo: true }, contextLength: 32768, result: { summary: { rows: 10 } } });
    expect(Number(stored.tokenCount)).toBe(v.tokenCount);

    // later curation changes nothing in the version
    await t.db.trajectory.updateMany({ where: { id: { in: [...got] } }, data: { included: false } });
    expect(await t.db.datasetMembership.count({ where: { datasetVersionId: v.id } })).toBe(10);
    await t.db.trajectory.updateMany({ where: { id: { in: [...got] } }, data: { included: true } });

    // token preview of the version's first row, and the JSONL export of all ten rows
    const tp = await tokenPreview(deps(), actor, { versionId: v.id, row: 0, offset: 0, limit: 12 });
    expect(tp.rowError).toBeNull();
    expect(tp.summary!.trainedTokens).toBeGreaterThan(0);
    expect(tp.summary!.trainedTokens).toBeLessThan(tp.summary!.tokens);
    expect(tp.spans.some((s) => s.trained) && tp.spans.some((s) => !s.trained)).toBe(true);
    const file = path.join(dataDir, 'out.jsonl');
    const res = await exportDatasetVersionJsonl(deps(), v.id, file);
    expect(res).toMatchObject({ rows: 10, skipped: [] });
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0].messages[2]).toMatchObject({ role: 'assistant', train: true });
  });

  it('refuses impossible recipes with a specific message on the field at fault', async () => {
    const impossible = createDatasetVersionInput.parse({ name: 'x', ...recipe, general: { ...recipe.general, ratio: 0.5 } });
    await expect(createDatasetVersion(deps(), actor, impossible)).rejects.toMatchObject({
      code: 'INVALID',
      fields: { generalRatio: expect.stringMatching(/needs 8 general rows, but only 5 match/) },
    });
    await expect(createDatasetVersion(deps(), actor, createDatasetVersionInput.parse({ name: 'x', filter: { label: 'nothing-has-this' } }))).rejects.toMatchObject({ code: 'INVALID', fields: { filter: 'No included trajectories match this selection.' } });
    expect(createDatasetVersionInput.safeParse({ name: 'x', stages: 'T2', t2Fraction: 0.5 }).success).toBe(false);
    // another org's version is not found
    await expect(tokenPreview(deps(), { ...actor, orgId: 'nope' }, { versionId: 'x', row: 0, offset: 0, limit: 1 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
