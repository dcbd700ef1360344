// Cross-organization IDs: an owner of org A names org B's rows (repository, plan, job,
// trajectory, backend, price, dataset version, eval task set, training run, invitation,
// membership) in every procedure that takes an id, with otherwise valid input. Each call must
// be refused (NOT_FOUND, or FORBIDDEN), filters must return none of B's rows, and B's rows must
// be unchanged afterwards. A new procedure taking an id fails the coverage check until a case
// is added here.
import { randomBytes } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRAINING_PRESET_IDS } from '@/lib/schemas/training';
import { resetEnvForTests } from '../env';
import { saveBackend } from '../services/backends';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { appRouter, createCaller } from './root';
import type { ApiContext } from './trpc';

type Proc = { _def: { type: string; inputs?: unknown[] } };
const procedures = Object.entries((appRouter as unknown as { _def: { procedures: Record<string, Proc> } })._def.procedures);

function inputKeys(p: Proc): string[] {
  return (p._def.inputs ?? []).flatMap((z) => {
    const shape = (z as { shape?: Record<string, unknown> }).shape;
    return shape ? Object.keys(shape) : [];
  });
}
const TRAINING_CONFIG = { presetId: TRAINING_PRESET_IDS[0], baseModel: 'Qwen/Qwen3-8B', numEpochs: 1, learningRate: 1e-5, weightDecay: 0, sequenceLen: 4096, microBatchSize: 1, gradientAccumulationSteps: 1, warmupRatio: 0, saveStrategy: 'epoch', gpus: 1 };
const ID_KEY = /^(id|ids)$|[a-z]Ids?$/;

async function outcome(ctx: ApiContext, path: string, input: unknown): Promise<{ code: string; data?: unknown }> {
  let target: any = createCaller(ctx);
  for (const part of path.split('.')) target = target[part];
  try {
    return { code: 'OK', data: await target(input) };
  } catch (e) {
    return { code: e instanceof TRPCError ? e.code : `THROWN:${(e as Error).message}` };
  }
}

describe('cross-organization ids (real Postgres, every id-taking procedure)', () => {
  let t: TestDatabase;
  let ctxA: ApiContext;
  const B: Record<string, string> = {};
  const savedKey = process.env.SPECIALIST_SECRET_KEY;

  beforeAll(async () => {
    process.env.SPECIALIST_SECRET_KEY = randomBytes(32).toString('base64');
    resetEnvForTests();
    t = await createTestDatabase();
    const db = t.db;
    const a = await db.organization.create({ data: { name: 'A', slug: 'a' } });
    const b = await db.organization.create({ data: { name: 'B', slug: 'b' } });
    const ua = await db.user.create({ data: { email: 'owner@a.test', name: 'A owner' } });
    const ub = await db.user.create({ data: { email: 'owner@b.test', name: 'B owner' } });
    await db.membership.create({ data: { orgId: a.id, userId: ua.id, role: 'owner' } });
    B.org = b.id;
    B.membership = (await db.membership.create({ data: { orgId: b.id, userId: ub.id, role: 'owner' } })).id;
    B.invitation = (await db.invitation.create({ data: { orgId: b.id, email: 'x@b.test', role: 'viewer', tokenHash: 'h', invitedById: ub.id, expiresAt: new Date(Date.now() + 86_400_000) } })).id;
    B.repo = (await db.repository.create({ data: { orgId: b.id, name: 'secret-repo', source: 'local', url: '/nonexistent' } })).id;
    B.plan = (await db.plan.create({ data: { orgId: b.id, repositoryId: B.repo, name: 'B plan', status: 'approved' } as never })).id;
    B.job = (await db.job.create({ data: { orgId: b.id, kind: 'import', spec: {}, state: 'failed' } })).id;
    B.runningJob = (await db.job.create({ data: { orgId: b.id, kind: 'svg_generation', spec: {}, state: 'running', planId: B.plan } })).id;
    B.trajectory = (await db.trajectory.create({ data: { orgId: b.id, repositoryId: B.repo, jobId: B.runningJob, contentHash: 'c', instanceId: 'b_secret_1', stage: 'T2', blobKey: 'k', prText: 'B only' } })).id;
    B.backend = (await saveBackend({ db }, { orgId: b.id, userId: ub.id, role: 'owner' }, { name: 'b-box', kind: 'local', config: { workRoot: '/tmp/b' } })).id;
    B.price = (await db.priceCatalogEntry.create({ data: { orgId: b.id, kind: 'api', name: 'B model', inputPerMTok: 1, cachedInputPerMTok: 0.1, outputPerMTok: 2 } })).id;
    const ds = await db.dataset.create({ data: { orgId: b.id, name: 'B data' } });
    B.datasetVersion = (await db.datasetVersion.create({ data: { datasetId: ds.id, version: 1 } })).id;
    B.curationBatch = (await db.curationBatch.create({ data: { orgId: b.id, userId: ub.id, action: 'Exclude from training', affected: 1, changes: { create: [{ trajectoryId: B.trajectory, included: false, labels: ['undone-by-a'] }] } } })).id;
    B.savedView = (await db.savedView.create({ data: { orgId: b.id, userId: ub.id, name: 'B view', query: 'stage=T2', shared: true } })).id;
    B.taskSet = (await db.evalTaskSet.create({ data: { orgId: b.id, repositoryId: B.repo, name: 'B evals', source: 'import' } })).id;
    B.trainingRun = (await db.trainingRun.create({ data: { orgId: b.id, name: 'B run', baseModel: 'Qwen/Qwen3-8B', jobId: B.job, checkpoints: [{ step: 10, path: '/ck/10' }] } })).id;
    ctxA = { db, userId: ua.id, activeOrgId: a.id };
    // org A's own rows of the same kinds, for the control calls
    B.ownRepo = (await db.repository.create({ data: { orgId: a.id, name: 'own-repo', source: 'local', url: '/nonexistent' } })).id;
    B.ownJob = (await db.job.create({ data: { orgId: a.id, kind: 'import', spec: {}, state: 'failed' } })).id;
  });
  afterAll(async () => {
    await t?.drop();
    if (savedKey === undefined) delete process.env.SPECIALIST_SECRET_KEY;
    else process.env.SPECIALIST_SECRET_KEY = savedKey;
    resetEnvForTests();
  });

  // procedure → otherwise-valid input naming B's rows; `empty` = a filter that must return none of B's rows
  const cases = (): Record<string, { input: unknown; empty?: (data: any) => unknown[] }> => ({
    'org.switch': { input: { orgId: B.org } },
    'org.revokeInvite': { input: { invitationId: B.invitation } },
    'org.changeRole': { input: { membershipId: B.membership, role: 'viewer' } },
    'org.removeMember': { input: { membershipId: B.membership } },
    'repos.get': { input: { repoId: B.repo } },
    'repos.branches': { input: { repoId: B.repo } },
    'repos.saveSnapshot': { input: { repoId: B.repo, branch: 'main', mode: 'auto', count: 2, lookbackDays: 365, pinned: [] } },
    'repos.codeMap': { input: { repoId: B.repo } },
    'repos.saveCodeMap': { input: { repoId: B.repo, include: [], exclude: [] } },
    'repos.saveEnvironment': { input: { repoId: B.repo, pythonVersion: '3.11', installCommands: ['pip install -e .'], testCommand: '', skipPackages: [] } },
    'repos.checkTeacher': { input: { repoId: B.repo, preset: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1', model: 'm', hosting: 'api' } },
    'repos.saveTeacher': { input: { repoId: B.repo, preset: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1', model: 'm', hosting: 'api' } },
    'repos.saveFilters': { input: { repoId: B.repo, recallThreshold: 0.5, maxPatchLines: 40, maxToolOutputTokens: 600, t2Share: 0.5, targetSamples: 10, contextLength: 32768 } },
    'repos.goToStep': { input: { repoId: B.repo, step: 'snapshot' } },
    'repos.rotateCredential': { input: { repoId: B.repo, authKind: 'none' } },
    'repos.startInstallCheck': { input: { repoId: B.repo } },
    'repos.installCheck': { input: { jobId: B.job } },
    'repos.delete': { input: { repoId: B.repo } },
    'plans.get': { input: { planId: B.plan } },
    'plans.submitFromRepo': { input: { repoId: B.repo, priceName: 'GLM-4.6' } },
    'plans.review': { input: { planId: B.plan, decision: 'reject', comment: 'not yours' } },
    'plans.estimateForRepo': { input: { repoId: B.repo, priceName: 'GLM-4.6' } },
    'plans.launch': { input: { planId: B.plan } },
    'prices.upsert': { input: { id: B.price, kind: 'api', name: 'B model', inputPerMTok: 9, cachedInputPerMTok: 9, outputPerMTok: 9 } },
    'prices.delete': { input: { id: B.price } },
    'evals.importTaskSet': { input: { name: 'x', repoId: B.repo, content: '{"instance_id":"a","problem_statement":"p","patch":"","FAIL_TO_PASS":[],"PASS_TO_PASS":[]}' } },
    'evals.mineTaskSet': { input: { name: 'x', repoId: B.repo, since: '2024-01-01', max: 5 } },
    'evals.runs': { input: { taskSetId: B.taskSet } },
    'evals.start': { input: { taskSetId: B.taskSet, modelName: 'm', baseUrl: 'http://127.0.0.1:9/v1', model: 'm', seeds: 1 } },
    'evals.importResults': { input: { taskSetId: B.taskSet, modelName: 'm', seed: 0, content: '{}' } },
    'evals.contamination': { input: { taskSetId: B.taskSet } },
    'evals.curves': { input: { taskSetId: B.taskSet } },
    'backends.save': { input: { id: B.backend, name: 'stolen', kind: 'local', config: { workRoot: '/tmp/a' } } },
    'backends.delete': { input: { id: B.backend } },
    'backends.check': { input: { id: B.backend } },
    'jobs.get': { input: { id: B.job } },
    'jobs.log': { input: { id: B.job } },
    'jobs.cancel': { input: { id: B.runningJob } },
    'jobs.retry': { input: { id: B.job } },
    'jobs.runTest': { input: { backendId: B.backend } },
    'runs.job': { input: { jobId: B.runningJob } },
    'runs.cancel': { input: { jobId: B.runningJob } },
    'runs.trajectories': { input: { jobId: B.runningJob }, empty: (d) => d.rows ?? d.items ?? d },
    'runs.histogram': { input: { jobId: B.runningJob }, empty: (d) => (d.buckets ?? d).filter((x: { count: number }) => x.count > 0) },
    'runs.trajectory': { input: { id: B.trajectory } },
    'runs.trajectoryTokens': { input: { id: B.trajectory } },
    'runs.trajectorySteps': { input: { id: B.trajectory } },
    'training.get': { input: { id: B.trainingRun } },
    'training.compare': { input: { ids: [B.trainingRun] }, empty: (d) => d.runs ?? d },
    'training.launch': { input: { name: 'x', datasetVersionId: B.datasetVersion, config: TRAINING_CONFIG } },
    'training.resume': { input: { id: B.trainingRun, checkpoint: '/ck/10' } },
    'training.cancel': { input: { id: B.trainingRun } },
    'training.serve': { input: { id: B.trainingRun, checkpoint: '/ck/10' } },
    'trajectories.get': { input: { id: B.trajectory } },
    'trajectories.curate': { input: { id: B.trajectory, notes: 'pwned', included: false } },
    'trajectories.importStatus': { input: { jobId: B.job } },
    'trajectories.views.delete': { input: { id: B.savedView } },
    'trajectories.undoBulk': { input: { batchId: B.curationBatch } },
    'datasets.tokenPreview': { input: { versionId: B.datasetVersion } },
  });

  it('every procedure that takes an id has a cross-org case', () => {
    const needing = procedures.filter(([, p]) => inputKeys(p).some((k) => ID_KEY.test(k))).map(([k]) => k);
    expect(needing.length).toBeGreaterThan(20);
    const covered = new Set(Object.keys(cases()));
    expect(needing.filter((k) => !covered.has(k))).toEqual([]);
  });

  it("org A's owner gets NOT_FOUND (or FORBIDDEN) for each of org B's ids, and B is unchanged", async () => {
    const snapshot = async () =>
      JSON.stringify(
        await Promise.all([
          t.db.repository.findMany({ where: { orgId: B.org } }),
          t.db.plan.findMany({ where: { orgId: B.org } }),
          t.db.job.findMany({ where: { orgId: B.org }, orderBy: { id: 'asc' } }),
          t.db.trajectory.findMany({ where: { orgId: B.org } }),
          t.db.curationBatch.findMany({ where: { orgId: B.org } }),
          t.db.backend.findMany({ where: { orgId: B.org } }),
          t.db.priceCatalogEntry.findMany({ where: { orgId: B.org } }),
          t.db.trainingRun.findMany({ where: { orgId: B.org } }),
          t.db.membership.findMany({ where: { orgId: B.org } }),
          t.db.invitation.findMany({ where: { orgId: B.org } }),
          t.db.evalTaskSet.findMany({ where: { orgId: B.org } }),
          t.db.datasetVersion.findMany({ where: { dataset: { orgId: B.org } } }),
        ]),
        (_k, v) => (typeof v === 'bigint' ? v.toString() : v),
      );
    const before = await snapshot();
    const results: Record<string, string> = {};
    for (const [path, c] of Object.entries(cases())) {
      const r = await outcome(ctxA, path, c.input);
      if (c.empty) results[path] = r.code === 'OK' ? `OK:${(c.empty(r.data) as unknown[]).length}` : r.code;
      else results[path] = r.code;
    }
    const bad = Object.entries(results).filter(([path, code]) => {
      if (cases()[path].empty) return !['OK:0', 'NOT_FOUND', 'FORBIDDEN'].includes(code);
      return !['NOT_FOUND', 'FORBIDDEN'].includes(code);
    });
    expect(Object.fromEntries(bad)).toEqual({});
    expect(await snapshot()).toBe(before);
    // control: the same procedures answer for A's own rows, so the refusals above are about the org
    expect((await outcome(ctxA, 'repos.get', { repoId: B.ownRepo })).code).toBe('OK');
    expect((await outcome(ctxA, 'jobs.get', { id: B.ownJob })).code).toBe('OK');
  });
});
