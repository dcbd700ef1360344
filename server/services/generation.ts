// Generation runs from approved plans: SVG on the dashboard host's sandbox (the "local"
// backend), resumable per sample, with spend tracked against the plan's budget cap.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { decryptSecret } from '../crypto';
import { getEnv, getSecretKey } from '../env';
import { notFound, precondition } from '../errors';
import type { Prisma } from '../generated/prisma/client';
import { checkBudget, PAPER_PROFILE, type Price } from '../engine/cost';
import { indexFunctions, seededSample } from '../engine/repo/function-index';
import { listTreeFiles, readTreeFiles, recentDescriptions } from '../engine/repo/git-tree';
import { buildSearchText } from '../engine/dataset/search-text';
import { createFsBlobStore } from '../engine/storage/fs-blob-store';
import { appendSample, readSampleFile } from '../engine/svg/file-store';
import { runSvgSample, seededRandom, type SeedFunction } from '../engine/svg/pipeline';
import { sampleRecord, type SampleRecord } from '../engine/svg/records';
import { makeRollout, teacherChat } from '../engine/svg/rollout';
import { runSamples, sampleKey } from '../engine/svg/run';
import type { TokenUsage } from '../engine/agent';
import { sendJob } from '../jobs/queue';
import type { OrgActor, ServiceDeps } from './context';
import { audit } from './audit';
import { listPrices, toEnginePrice } from './prices';

export const GENERATION_JOB = 'svg.generate';

interface GenSpec {
  repoId: string;
  seeds: number;
  concurrency: number;
  seed: number;
  price: Price | null;
}

export async function startGeneration(deps: ServiceDeps, actor: OrgActor, planId: string) {
  const plan = await deps.db.plan.findFirst({ where: { id: planId, orgId: actor.orgId } });
  if (!plan || !plan.repositoryId) throw notFound('Plan');
  const est = plan.estimate as { trajectoriesNeeded?: number } | null;
  const cfg = plan.config as { costModel?: { teacher: { price: string } } };
  const prices = await listPrices(deps, actor);
  const p = prices.find((x) => x.name === cfg.costModel?.teacher.price);
  const price: Price | null = p ? toEnginePrice(p) : null;
  // Each seed function yields a T1 and (when verified) a T2 trajectory.
  const seeds = Math.max(1, Math.ceil((est?.trajectoriesNeeded ?? 2) / 2));
  const spec: GenSpec = { repoId: plan.repositoryId, seeds, concurrency: 4, seed: 0, price };
  const job = await deps.db.job.create({
    data: { orgId: actor.orgId, planId: plan.id, kind: 'svg_generation', createdById: actor.userId, maxAttempts: 3, spec: spec as unknown as Prisma.InputJsonValue, progress: { done: 0, total: seeds, byStatus: {} } },
  });
  await sendJob(GENERATION_JOB, { jobId: job.id }, { singletonKey: job.id, retryLimit: 2, expireInSeconds: 23 * 3600 });
  await audit(deps.db, { orgId: actor.orgId, actorId: actor.userId, action: 'job.launch', targetType: 'job', targetId: job.id, details: { kind: 'svg_generation', seeds } });
  return { jobId: job.id };
}

export async function cancelJob(deps: ServiceDeps, actor: OrgActor, jobId: string) {
  const job = await deps.db.job.findFirst({ where: { id: jobId, orgId: actor.orgId } });
  if (!job) throw notFound('Job');
  if (['succeeded', 'failed', 'cancelled'].includes(job.state)) throw precondition(`The job already ${job.state}`);
  await deps.db.job.update({ where: { id: job.id }, data: { state: 'cancelled', error: 'Cancelled by a user', finishedAt: new Date() } });
  await audit(deps.db, { orgId: actor.orgId, actorId: actor.userId, action: 'job.cancel', targetType: 'job', targetId: job.id });
}

function callCost(price: Price | null) {
  return (u: TokenUsage) => {
    if (!price || price.kind !== 'api') return 0;
    const cached = u.cachedTokens ?? 0;
    return ((u.promptTokens - cached) * price.inputPerMTok + cached * price.cachedInputPerMTok + u.completionTokens * price.outputPerMTok) / 1e6;
  };
}

function sampleCost(r: SampleRecord, price: Price | null): number {
  const trajectories = (r.t1 ? 1 : 0) + (r.t2 ? 1 : 0);
  if (price?.kind === 'gpu') return trajectories * PAPER_PROFILE.gpuHoursPerTrajectory * price.gpuHourUsd;
  return (r.t1?.costUsd ?? 0) + (r.t2?.costUsd ?? 0);
}

/** Worker body: resumable (finished samples are recorded per job) and cap-aware. */
export async function runGenerationJob(deps: ServiceDeps, jobId: string) {
  const job = await deps.db.job.findUnique({ where: { id: jobId }, include: { plan: true } });
  if (!job || !job.plan || ['succeeded', 'failed', 'cancelled'].includes(job.state)) return;
  const spec = job.spec as unknown as GenSpec;
  const repo = await deps.db.repository.findUnique({ where: { id: spec.repoId }, include: { snapshots: true } });
  const fail = (error: string) => deps.db.job.update({ where: { id: job.id }, data: { state: 'failed', error, finishedAt: new Date() } });
  if (!repo) return fail('The repository was deleted');
  const settings = repo.settings as { teacher?: { baseUrl: string; model: string }; codemap?: { include: string[]; exclude: string[] } };
  if (!settings.teacher) return fail('The repository has no teacher configured');
  await deps.db.job.update({ where: { id: job.id }, data: { state: 'running', startedAt: job.startedAt ?? new Date(), attempts: { increment: 1 } } });

  const env = getEnv();
  const source = repo.source === 'local' ? repo.url : path.join(env.dataDir, 'mirrors', `${repo.id}.git`);
  const pool: SeedFunction[] = [];
  for (const snap of repo.snapshots) {
    const files = await listTreeFiles(source, snap.commitSha);
    const contents = await readTreeFiles(source, snap.commitSha, files.filter((f) => f.endsWith('.py')));
    const index = await indexFunctions({ listFiles: async () => files, readFile: async (f) => contents.get(f) ?? '' }, { include: settings.codemap?.include, exclude: settings.codemap?.exclude });
    pool.push(...index.functions.map((f) => ({ id: f.id, file: f.file, name: f.qualifiedName.split('.').pop()!, commit: snap.commitSha })));
  }
  if (!pool.length) return fail('No functions to sample in the snapshot commits');
  const seeds = seededSample(pool, spec.seeds, spec.seed);
  // A cancel must reach the samples in flight too: their teacher calls (and retries) end at
  // once instead of holding the worker's generation queue for minutes.
  const cancel = new AbortController();
  const watch = setInterval(() => {
    deps.db.job.findUnique({ where: { id: job.id }, select: { state: true } }).then((j) => j?.state === 'cancelled' && cancel.abort(), () => {});
  }, 2_000);
  watch.unref();
  const teacher = {
    client: { signal: cancel.signal },
    baseUrl: settings.teacher.baseUrl,
    model: settings.teacher.model,
    apiKey: repo.teacherKeyEncrypted ? decryptSecret(repo.teacherKeyEncrypted, getSecretKey(), `teacher:${repo.id}`) : undefined,
  };
  const rollout = makeRollout({ source, workRoot: path.join(env.dataDir, 'workspaces'), teacher, priceFn: callCost(spec.price) });
  const chat = teacherChat(teacher);
  // The repository's own long commit messages (merged PR descriptions) make the best
  // demonstrations; the built-in ones are the fallback.
  const demonstrations = await recentDescriptions(source);
  const file = path.join(env.dataDir, 'jobs', job.id, 'samples.ndjson');
  const blobs = createFsBlobStore(path.join(env.dataDir, 'blobs'));
  const seen = new Set((await readSampleFile(file)).map((r) => r.t1?.patch).filter(Boolean) as string[]);
  const hash = (s: string) => createHash('sha256').update(s).digest('hex');
  // Token usage of this run's trajectories: the org's measured cost profile comes from it.
  const usage = { trajectories: 0, calls: 0, promptTokens: 0, cachedTokens: 0, completionTokens: 0, ...((job.progress as { usage?: object }).usage ?? {}) };

  const store = {
    finishedKeys: async () => new Set((await readSampleFile(file)).map((r) => r.key)),
    save: async (key: string, result: Parameters<typeof sampleRecord>[1]) => {
      const rec = sampleRecord(key, result, { instancePrefix: `${repo.name}_${result.seed.commit.slice(0, 5)}`, index: seeds.findIndex((s) => sampleKey(s) === key) });
      let t1Id: string | null = null;
      for (const t of [rec.t1, rec.t2]) {
        if (!t) continue;
        const body = await blobs.put(JSON.stringify({ record: { ...rec, t1: undefined, t2: undefined }, trajectory: t, stage: t.stage }));
        const contentHash = hash(`${job.id}:${key}:${t.stage}`);
        const row: { id: string } = await deps.db.trajectory.upsert({
          where: { orgId_contentHash: { orgId: job.orgId, contentHash } },
          update: {},
          create: {
            orgId: job.orgId,
            repositoryId: repo.id,
            jobId: job.id,
            contentHash,
            instanceId: t.row?.instance_id ?? key,
            stage: t.stage,
            parentId: t.stage === 'T2' ? t1Id : null,
            seedFunction: result.seed.id.split('::')[1],
            seedFile: result.seed.file,
            changeType: rec.changeType,
            recall: t.stage === 'T2' ? rec.recall : null,
            verification: t.stage === 'T2' ? ((rec.level ?? null) as never) : null,
            patchLines: t.patchLines,
            totalTokens: t.totalTokens,
            maxToolOutputTokens: t.maxToolOutputTokens,
            avgToolOutputTokens: t.avgToolOutputTokens,
            steps: t.steps,
            truncationRatio: t.truncationRatio,
            exitStatus: t.exitStatus,
            costUsd: t.costUsd,
            prText: rec.pr,
            searchText: buildSearchText({ instanceId: t.row?.instance_id ?? key, prText: rec.pr, messages: t.row?.messages }),
            // T1 trajectories the judge rejected are kept for inspection but excluded from training.
            included: t.stage === 'T2' || rec.status === 'complete',
            blobKey: body.key,
          },
        });
        if (t.stage === 'T1') t1Id = row.id;
      }
      await appendSample(file, rec);
      for (const t of [rec.t1, rec.t2]) {
        if (!t) continue;
        usage.trajectories++;
        usage.calls += t.usage.apiCalls;
        usage.promptTokens += t.usage.promptTokens;
        usage.cachedTokens += t.usage.cachedTokens;
        usage.completionTokens += t.usage.completionTokens;
      }
      const cost = sampleCost(rec, spec.price);
      if (cost > 0) await deps.db.plan.update({ where: { id: job.plan!.id }, data: { spentUsd: { increment: cost } } });
      if (rec.t1?.patch) seen.add(rec.t1.patch);
    },
  };

  let progress: Awaited<ReturnType<typeof runSamples>>;
  try {
    progress = await runSamples({
      seeds,
      concurrency: spec.concurrency,
      store,
      sample: (seed) =>
        runSvgSample(seed, {
          rollout,
          chat,
          rand: seededRandom(seeds.indexOf(seed) + 1),
          seenPatches: { has: (h) => seen.has(h), add: (h) => void seen.add(h) },
          demonstrations,
        }),
      shouldStop: async () => {
        const [j, p] = await Promise.all([
          deps.db.job.findUnique({ where: { id: job.id }, select: { state: true } }),
          deps.db.plan.findUnique({ where: { id: job.plan!.id }, select: { spentUsd: true, budgetCapUsd: true } }),
        ]);
        if (j?.state === 'cancelled') return 'cancelled';
        const b = checkBudget(Number(p?.spentUsd ?? 0), p?.budgetCapUsd === null || p?.budgetCapUsd === undefined ? null : Number(p.budgetCapUsd));
        return b.overCap ? `Stopped at the budget cap of $${Number(p!.budgetCapUsd).toFixed(2)} (spent $${Number(p!.spentUsd).toFixed(2)})` : null;
      },
      onProgress: async (pr) => {
        await deps.db.job.update({ where: { id: job.id }, data: { progress: { done: pr.done, total: pr.total, byStatus: pr.byStatus, usage } } });
      },
    });
  } finally {
    clearInterval(watch);
  }
  const spent = await deps.db.plan.findUnique({ where: { id: job.plan.id }, select: { spentUsd: true } });
  const current = await deps.db.job.findUnique({ where: { id: job.id }, select: { state: true, progress: true } });
  if (current?.state === 'cancelled') return;
  await deps.db.job.update({
    where: { id: job.id },
    data: {
      state: progress.stoppedBecause ? 'cancelled' : progress.failedBecause ? 'failed' : 'succeeded',
      error: progress.stoppedBecause ?? progress.failedBecause ?? null,
      finishedAt: new Date(),
      spentUsd: spent?.spentUsd ?? 0,
      progress: { ...(current?.progress as object), done: progress.done, total: progress.total, stoppedBecause: progress.stoppedBecause ?? progress.failedBecause ?? null },
    },
  });
}
