// The viewer's queries against a real Postgres and blob store: the trajectory (step headers, the
// bodies of short rollouts, PR, patches, P1 from the parent, no duplicate of the messages, no
// searchText), a long rollout's step bodies, and the Qwen3 token counts, counted apart and the
// same as counting the conversation directly.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationFromBody, timelineTokens, trajectoryView, type StoredBody } from '../engine/dataset';
import { createFsBlobStore } from '../engine/storage/fs-blob-store';
import { resetEnvForTests } from '../env';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { seedSyntheticTrajectories, seededRand, syntheticPair } from '../testing/synthetic-trajectories';
import { OPEN_STEPS_MAX } from '@/lib/step-timeline';
import { getTrajectory, getTrajectorySteps } from './runs';
import { getTrajectoryTokens } from './trajectory-tokens';

describe('trajectory viewer services (real Postgres)', () => {
  let t: TestDatabase;
  const a = { orgId: '', userId: 'u1', role: 'engineer' as const };
  const b = { orgId: '', userId: 'u2', role: 'engineer' as const };
  const dataDir = mkdtempSync(path.join(tmpdir(), 'trajectory-view-int-'));
  let t2Id = '';
  let longId = '';
  const pair = syntheticPair(0, seededRand(7), { steps: 9 });
  const long = syntheticPair(0, seededRand(8), { steps: OPEN_STEPS_MAX + 10 });

  beforeAll(async () => {
    process.env.SPECIALIST_DATA_DIR = dataDir;
    resetEnvForTests();
    t = await createTestDatabase();
    a.orgId = (await t.db.organization.create({ data: { name: 'A', slug: `a-${Date.now()}` } })).id;
    b.orgId = (await t.db.organization.create({ data: { name: 'B', slug: `b-${Date.now()}` } })).id;
    // same generator and seed as `pair`: the stored bodies are exactly pair.t1/t2.body
    t2Id = (await seedSyntheticTrajectories({ db: t.db, orgId: a.orgId, count: 2, blobs: createFsBlobStore(path.join(dataDir, 'blobs')), pairOptions: { steps: 9 }, seed: 7 })).firstT2Id!;
    await t.db.trajectory.update({ where: { id: t2Id }, data: { searchText: 'SEARCH TEXT NOT FOR THE VIEWER' } });
    longId = (await seedSyntheticTrajectories({ db: t.db, orgId: a.orgId, count: 2, blobs: createFsBlobStore(path.join(dataDir, 'blobs')), pairOptions: { steps: OPEN_STEPS_MAX + 10 }, seed: 8 })).firstT2Id!;
  });
  afterAll(async () => {
    await t?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('returns the steps, PR, P2 and P1 (from the parent) without the stored messages or searchText', async () => {
    const d = await getTrajectory({ db: t.db }, a, t2Id);
    const body = JSON.parse(pair.t2.body) as StoredBody;
    expect(d.stage).toBe('T2');
    expect(d.related).toEqual([{ id: d.parentId, stage: 'T1', recall: null }]);
    expect(d.view).toEqual({ ...trajectoryView(body), parentPatch: trajectoryView(JSON.parse(pair.t1.body)).patch });
    expect(d.view.parentPatch).not.toBe(d.view.patch);
    // a short rollout's steps come whole (they open by default)
    expect(d.timeline.steps).toHaveLength(9);
    expect(d.timeline.steps[0]).toEqual({ index: 0, headline: expect.any(String) });
    expect(d.timeline.bodies).toEqual((await getTrajectorySteps({ db: t.db }, a, t2Id)).steps);
    const sent = JSON.stringify(d);
    expect(sent).not.toContain('SEARCH TEXT');
    expect(sent).not.toContain('blobKey');
    // the conversation travels once (as steps): far smaller than the body, which holds it twice over
    expect(sent.length).toBeLessThan(pair.t2.body.length);

    const parent = await getTrajectory({ db: t.db }, a, d.parentId!);
    expect(parent.view.parentPatch).toBeNull();
    expect(parent.related).toEqual([{ id: t2Id, stage: 'T2', recall: d.recall }]);
  });

  it('sends a long rollout as step headers, its bodies from getTrajectorySteps', async () => {
    const d = await getTrajectory({ db: t.db }, a, longId);
    expect(d.timeline.steps).toHaveLength(OPEN_STEPS_MAX + 10);
    expect(d.timeline.bodies).toBeNull();
    const { steps } = await getTrajectorySteps({ db: t.db }, a, longId);
    expect(steps).toHaveLength(OPEN_STEPS_MAX + 10);
    expect(steps.map((s) => s.index)).toEqual(d.timeline.steps.map((s) => s.index));
    // the last observation is in the bodies, not in the page's payload
    const lastObservation = steps.at(-1)!.observation || steps.at(-2)!.observation;
    expect(lastObservation.length).toBeGreaterThan(20);
    expect(JSON.stringify(d)).not.toContain(JSON.stringify(lastObservation).slice(1, -1));
    expect(JSON.stringify(long.t2.body).length).toBeGreaterThan(10 * JSON.stringify(d).length);
  });

  it('counts Qwen3 tokens per step like counting the conversation directly, and again from its cache', async () => {
    const expected = timelineTokens(conversationFromBody(JSON.parse(pair.t2.body), 'x'));
    expect(expected.steps).toHaveLength(9);
    expect(await getTrajectoryTokens({ db: t.db }, a, t2Id)).toEqual(expected);
    expect(await getTrajectoryTokens({ db: t.db }, a, t2Id)).toEqual(expected);
  });

  it("another organization's trajectory is NOT_FOUND for both", async () => {
    await expect(getTrajectory({ db: t.db }, b, t2Id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getTrajectoryTokens({ db: t.db }, b, t2Id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getTrajectorySteps({ db: t.db }, b, t2Id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
