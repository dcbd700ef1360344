// Training run end to end on the real local backend (detached process, real Postgres), with the
// STAND-IN TRAINER (`specialist fake-axolotl`, no GPU here) in place of `axolotl train`.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFsBlobStore } from '../engine/storage/fs-blob-store';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { reconcileJobs, submitJob, SUBMIT_JOB } from './jobs';
import { TRAINING_SYNC_JOB, runTrainingSync, cancelTrainingRun, compareTrainingRuns, getTrainingRun, launchTrainingRun, previewTraining, resumeTrainingRun, trainingPresets, type TrainingDeps } from './training';

const dataDir = mkdtempSync(path.join(tmpdir(), 'specialist-training-'));
const BIN = path.resolve(__dirname, '../../bin/specialist');
const standIn = (steps: number, stepMs: number) => `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} fake-axolotl train config.yaml --steps ${steps} --step-ms ${stepMs}`;

describe('training runs on the local backend with the stand-in trainer (fake axolotl: no GPU)', () => {
  let t: TestDatabase;
  let orgId: string;
  let versionId: string;
  const sent: { name: string; data: object }[] = [];
  let deps: TrainingDeps;
  beforeAll(async () => {
    t = await createTestDatabase();
    orgId = (await t.db.organization.create({ data: { name: 'Acme', slug: `acme-${Date.now()}` } })).id;
    await t.db.priceCatalogEntry.create({ data: { orgId, kind: 'gpu', name: 'H100 80GB', gpuHourUsd: 2 } });
    const ds = await t.db.dataset.create({ data: { orgId, name: 'calckit' } });
    // two member trajectories with bodies in the blob store: one SERA keeps, one it drops (not submitted)
    const blobs = createFsBlobStore(path.join(dataDir, 'blobs'));
    const step = (i: number, name: string, args: string) => ({ index: i, content: '', thought: '', reasoning: `think ${i}`, toolCalls: [{ id: `c${i}`, type: 'function', function: { name, arguments: args } }], observations: [{ observation: `out ${i}` }] });
    const body = (exitStatus: string) => JSON.stringify({ trajectory: { messages: [{ role: 'system', content: 's' }, { role: 'user', content: 'fix the bug' }], steps: [step(0, 'bash', '{"command": "ls"}'), step(1, 'submit', '')], exitStatus } });
    const ids: string[] = [];
    for (const [i, status] of ['submitted', 'exit_cost'].entries()) {
      const key = (await blobs.put(body(status))).key;
      ids.push((await t.db.trajectory.create({ data: { orgId, contentHash: `h${i}`, instanceId: `calckit_${i}`, stage: 'T2', blobKey: key, exitStatus: status } })).id);
    }
    versionId = (await t.db.datasetVersion.create({ data: { datasetId: ds.id, version: 1, rowCount: 2, members: { create: ids.map((trajectoryId) => ({ trajectoryId })) } } })).id;
    deps = { db: t.db, dataDir, secretKey: randomBytes(32), publicUrl: 'http://127.0.0.1:9', send: async (name, data) => void sent.push({ name, data }) };
  });
  afterAll(async () => {
    await t?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const actor = { orgId: '', userId: 'u1' };

  async function drive(jobId: string, pred: (s: string) => boolean, ms = 60_000) {
    const t0 = Date.now();
    for (;;) {
      const batch = sent.splice(0);
      for (const m of batch) if (m.name === SUBMIT_JOB) await submitJob(deps, (m.data as { jobId: string }).jobId);
      await reconcileJobs(deps);
      // the worker's training.sync chain (delays skipped)
      for (const m of batch) if (m.name === TRAINING_SYNC_JOB) await runTrainingSync(deps, (m.data as { runId: string }).runId);
      const j = await t.db.job.findUniqueOrThrow({ where: { id: jobId } });
      if (pred(j.state)) return j;
      if (Date.now() - t0 > ms) throw new Error(`timed out in state ${j.state}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  const form = () => ({ ...trainingPresets()[0]!.form, numEpochs: 2, saveStrategy: 'steps' as const, saveSteps: 4 });

  it('previews the YAML and a GPU estimate from the preset with edits', () => {
    const p = previewTraining({ ...form(), learningRate: 2e-5 });
    expect(p.yaml).toContain('learning_rate: 2e-5');
    expect(p.yaml).toContain('save_steps: 4');
    expect(p.estimate.gpus).toBe(4);
    expect(p.minGpus).toBeGreaterThanOrEqual(1);
    expect(() => previewTraining({ ...form(), learningRate: -1 })).toThrow(/positive/);
  });

  it('records metrics and checkpoints from the job log, then resumes from a checkpoint and compares curves', async () => {
    actor.orgId = orgId;
    const { id, jobId } = await launchTrainingRun(deps, actor, { name: 'first', datasetVersionId: versionId, config: form(), trainerCommand: standIn(12, 20) });
    const job = await drive(jobId, (s) => s === 'succeeded' || s === 'failed');
    expect(job.state, readFileSync(path.join(dataDir, 'jobs', jobId, 'log'), 'utf8')).toBe('succeeded');
    // one more pass of the sync chain after the end; the row holds everything without a page view
    for (const m of sent.splice(0)) if (m.name === TRAINING_SYNC_JOB) await runTrainingSync(deps, (m.data as { runId: string }).runId);
    const stored = await t.db.trainingRun.findUniqueOrThrow({ where: { id } });
    expect((stored.metrics as unknown[]).length).toBe(12);
    expect((stored.checkpoints as unknown[]).length).toBe(3);
    expect(sent.filter((m) => m.name === TRAINING_SYNC_JOB)).toHaveLength(0); // chain stopped
    // a worker sync that read the log just before the job ended, and wrote after it: its stale
    // progress is replaced on the next read (the page stops polling once the run has ended)
    const cfg = stored.config as { progress: { syncedAt: string } };
    await t.db.trainingRun.update({
      where: { id },
      data: { metrics: (stored.metrics as unknown[]).slice(0, 8) as never, config: { ...cfg, progress: { step: 8, totalSteps: 12, syncedAt: new Date(job.finishedAt!.getTime() - 1).toISOString() } } as never },
    });
    const run = await getTrainingRun(deps, actor, id);
    expect(run.metrics.map((m) => m.step)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(run.metrics[0]!.loss).toBeGreaterThan(run.metrics.at(-1)!.loss);
    expect(run.metrics[0]!.learningRate).toBeGreaterThan(0);
    expect(run.checkpoints.map((c) => c.step)).toEqual([4, 8, 12]);
    for (const c of run.checkpoints) {
      expect(existsSync(path.join(c.path, 'trainer_state.json'))).toBe(true);
      expect(c.sizeBytes).toBeGreaterThan(0);
    }
    expect(run.progress).toMatchObject({ step: 12, totalSteps: 12 });
    expect(run.durationSeconds).toBeGreaterThan(0);
    // cost: 4 GPUs (preset) × wall-clock hours × $2/GPU-hour from the catalog
    expect(run.costBasis).toMatchObject({ source: 'estimate', gpus: 4, gpuHourUsd: 2, priceName: 'H100 80GB' });
    expect(run.costUsd).toBeCloseTo((4 * 2 * run.durationSeconds!) / 3600, 6);
    // the job script wrote the YAML and linked the shipped dataset into its working dir
    const ckDir = path.dirname(path.dirname(run.checkpoints[0]!.path));
    expect(readFileSync(path.join(ckDir, 'config.yaml'), 'utf8')).toContain('save_steps: 4');
    const rows = readFileSync(path.join(ckDir, 'data', 'train.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(rows).toHaveLength(1);
    expect(rows[0].messages.map((m: { role: string }) => m.role)).toEqual(['system', 'user', 'assistant', 'user', 'assistant', 'user']);
    // SERA hermes rows: tool results come back as user turns (engine/dataset/training-row.ts)
    expect(rows[0].messages[2].content).toContain('<tool_call>');
    expect(run.dataset).toMatchObject({ rows: 1, skipped: 1 });

    const resumed = await resumeTrainingRun(deps, actor, id, run.checkpoints[1]!.path);
    await drive(resumed.jobId, (s) => s === 'succeeded' || s === 'failed');
    const r2 = await getTrainingRun(deps, actor, resumed.id);
    expect(r2.yaml).toContain(`resume_from_checkpoint: ${JSON.stringify(run.checkpoints[1]!.path)}`);
    expect(r2.metrics.length).toBe(12);
    const cmp = await compareTrainingRuns(deps, actor, [id, resumed.id]);
    expect(cmp.map((c) => c.points.length)).toEqual([12, 12]);
  }, 120_000);

  it('cancels a long run and keeps the points logged so far', async () => {
    const { id, jobId } = await launchTrainingRun(deps, actor, { name: 'long', datasetVersionId: versionId, config: form(), trainerCommand: standIn(1000, 200) });
    await drive(jobId, (s) => s === 'running');
    // wait for a few logged steps to reach the job log
    const t0 = Date.now();
    while ((await getTrainingRun(deps, actor, id)).metrics.length < 2 && Date.now() - t0 < 30_000) {
      await reconcileJobs(deps);
      await new Promise((r) => setTimeout(r, 200));
    }
    await cancelTrainingRun(deps, actor, id);
    const run = await getTrainingRun(deps, actor, id);
    expect(run.state).toBe('cancelled');
    expect(run.metrics.length).toBeGreaterThanOrEqual(2);
    expect(run.metrics.length).toBeLessThan(1000);
  }, 60_000);
});
