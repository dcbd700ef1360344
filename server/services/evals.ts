// Evaluation: task sets (SWE-bench format), eval runs executed by the worker with the
// same agent runtime as generation, external baselines, and the per-repo curves.
import path from 'node:path';
import type { z } from 'zod';
import { decryptSecret, encryptSecret } from '../crypto';
import { getEnv, getSecretKey } from '../env';
import { conflict, invalid, notFound } from '../errors';
import type { Prisma } from '../generated/prisma/client';
import type { EvalInstance } from '../engine/evals/resolve-instance';
import { runEvalInstance } from '../engine/evals/run-instance';
import { findCandidates, mineInstance } from '../engine/evals/mine';
import { asymptoteAtBound, fitPowerLaw, predict, seedStats, signalToNoise, solveForX } from '../engine/evals/scaling-law';
import { changedLines, lineRecall } from '../engine/verify';
import { createFsBlobStore } from '../engine/storage/fs-blob-store';
import { sendJob } from '../jobs/queue';
import { importResultsInput, importTaskSetInput, mineTaskSetInput, startEvalRunInput, sweBenchInstance, type SweBenchInstance } from '@/lib/schemas/evals';
import type { OrgActor, ServiceDeps } from './context';
import { audit } from './audit';

export const EVAL_RUN_JOB = 'evals.run';

/** JSON array, {instances:[...]} or JSON Lines; every problem reported with its line/index. */
export function parseInstances(content: string): { instances: SweBenchInstance[]; errors: string[] } {
  const errors: string[] = [];
  let rows: { where: string; value: unknown }[] = [];
  const trimmed = content.trim();
  if (trimmed.startsWith('[') || trimmed.startsWith('{"instances"')) {
    try {
      const v = JSON.parse(trimmed);
      const arr = Array.isArray(v) ? v : (v as { instances: unknown[] }).instances;
      rows = arr.map((value, i) => ({ where: `item ${i + 1}`, value }));
    } catch (e) {
      return { instances: [], errors: [`Not valid JSON: ${(e as Error).message}`] };
    }
  } else {
    trimmed.split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      try {
        rows.push({ where: `line ${i + 1}`, value: JSON.parse(line) });
      } catch {
        errors.push(`line ${i + 1}: not valid JSON`);
      }
    });
  }
  const instances: SweBenchInstance[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    const p = sweBenchInstance.safeParse(r.value);
    if (!p.success) {
      errors.push(`${r.where}: ${p.error.issues.map((i) => `${i.path.join('.') || 'instance'} ${i.message}`).join('; ')}`);
      continue;
    }
    if (seen.has(p.data.instance_id)) errors.push(`${r.where}: duplicate instance_id ${p.data.instance_id}`);
    seen.add(p.data.instance_id);
    instances.push(p.data);
  }
  if (!instances.length && !errors.length) errors.push('No instances found');
  return { instances, errors };
}

export async function importTaskSet(deps: ServiceDeps, actor: OrgActor, input: z.infer<typeof importTaskSetInput>) {
  const repo = await deps.db.repository.findFirst({ where: { id: input.repoId, orgId: actor.orgId } });
  if (!repo) throw notFound('Repository');
  const { instances, errors } = parseInstances(input.content);
  // All or nothing: a task set with silently missing instances would skew every curve.
  if (errors.length) throw invalid(`${errors.length} problem(s) in the file; nothing was imported. ${errors.slice(0, 5).join(' · ')}`, { content: errors[0] });
  if (await deps.db.evalTaskSet.findFirst({ where: { orgId: actor.orgId, name: input.name } })) throw conflict('A task set with this name exists', { name: 'Name already used' });
  const ts = await deps.db.evalTaskSet.create({
    data: { orgId: actor.orgId, repositoryId: repo.id, name: input.name, source: 'import', instances: instances as unknown as Prisma.InputJsonValue },
  });
  await audit(deps.db, { orgId: actor.orgId, actorId: actor.userId, action: 'eval.taskset_import', targetType: 'eval_task_set', targetId: ts.id, details: { count: instances.length } });
  return { id: ts.id, count: instances.length };
}

export async function listTaskSets(deps: ServiceDeps, actor: OrgActor) {
  const sets = await deps.db.evalTaskSet.findMany({
    where: { orgId: actor.orgId },
    orderBy: { createdAt: 'desc' },
    select: { id: true, name: true, source: true, createdAt: true, instances: true, repository: { select: { id: true, name: true } }, _count: { select: { runs: true } } },
  });
  return sets.map(({ instances, ...s }) => ({ ...s, instanceCount: (instances as unknown[]).length }));
}

async function loadTaskSet(deps: ServiceDeps, actor: OrgActor, id: string) {
  const ts = await deps.db.evalTaskSet.findFirst({ where: { id, orgId: actor.orgId } });
  if (!ts) throw notFound('Task set');
  return ts;
}

export async function startEvalRun(deps: ServiceDeps, actor: OrgActor, input: z.infer<typeof startEvalRunInput>) {
  const ts = await loadTaskSet(deps, actor, input.taskSetId);
  if (!ts.repositoryId) throw invalid('This task set is not linked to a repository');
  const key = getSecretKey();
  const runs: string[] = [];
  for (let seed = 0; seed < input.seeds; seed++) {
    const job = await deps.db.job.create({
      data: {
        orgId: actor.orgId,
        kind: 'evaluation',
        maxAttempts: 2,
        createdById: actor.userId,
        spec: {
          baseUrl: input.baseUrl,
          model: input.model,
          apiKeyEncrypted: input.apiKey ? encryptSecret(input.apiKey, key, 'eval-key') : null,
          seed,
          contextLength: input.contextLength,
        } as Prisma.InputJsonValue,
        progress: { done: 0, total: (ts.instances as unknown[]).length, resolved: 0 },
      },
    });
    const run = await deps.db.evalRun.create({
      data: {
        orgId: actor.orgId,
        taskSetId: ts.id,
        jobId: job.id,
        modelName: input.modelName,
        endpoint: input.baseUrl,
        seed,
        trainingSamples: input.trainingSamples ?? null,
        contextLength: input.contextLength,
        isBaseline: input.isBaseline,
      },
    });
    await sendJob(EVAL_RUN_JOB, { jobId: job.id }, { singletonKey: job.id, retryLimit: 1, expireInSeconds: 6 * 3600 });
    runs.push(run.id);
  }
  await audit(deps.db, { orgId: actor.orgId, actorId: actor.userId, action: 'eval.launch', targetType: 'eval_task_set', targetId: ts.id, details: { model: input.model, seeds: input.seeds } });
  return { runIds: runs };
}

/** Worker body: resumable, skips instances that already have a result. */
export async function runEvalJob(deps: ServiceDeps, jobId: string) {
  const job = await deps.db.job.findUnique({ where: { id: jobId }, include: { evalRun: { include: { taskSet: { include: { repository: true } } } } } });
  if (!job || !job.evalRun || ['succeeded', 'failed', 'cancelled'].includes(job.state)) return;
  const run = job.evalRun;
  const repo = run.taskSet.repository;
  const spec = job.spec as { baseUrl: string; model: string; apiKeyEncrypted: string | null; seed: number };
  await deps.db.job.update({ where: { id: job.id }, data: { state: 'running', startedAt: job.startedAt ?? new Date(), attempts: { increment: 1 } } });
  if (!repo) {
    await deps.db.job.update({ where: { id: job.id }, data: { state: 'failed', error: 'The repository of this task set was deleted', finishedAt: new Date() } });
    return;
  }
  const instances = run.taskSet.instances as unknown as EvalInstance[];
  const done = new Set((await deps.db.evalResult.findMany({ where: { evalRunId: run.id }, select: { instanceId: true } })).map((r) => r.instanceId));
  const source = repo.source === 'local' ? repo.url : path.join(getEnv().dataDir, 'mirrors', `${repo.id}.git`);
  const apiKey = spec.apiKeyEncrypted ? decryptSecret(spec.apiKeyEncrypted, getSecretKey(), 'eval-key') : undefined;
  for (const inst of instances) {
    if (done.has(inst.instance_id)) continue;
    const current = await deps.db.job.findUnique({ where: { id: job.id }, select: { state: true } });
    if (current?.state === 'cancelled') return;
    const a = await runEvalInstance({ source, instance: inst, model: { baseUrl: spec.baseUrl, model: spec.model, apiKey }, seed: spec.seed, workRoot: path.join(getEnv().dataDir, 'workspaces') });
    await deps.db.evalResult.upsert({
      where: { evalRunId_instanceId: { evalRunId: run.id, instanceId: inst.instance_id } },
      create: { evalRunId: run.id, instanceId: inst.instance_id, resolved: a.resolved, patch: a.patch, details: { reason: a.reason, exitStatus: a.exitStatus, steps: a.steps, resolution: a.resolution } as Prisma.InputJsonValue },
      update: {},
    });
    done.add(inst.instance_id);
    const resolved = await deps.db.evalResult.count({ where: { evalRunId: run.id, resolved: true } });
    await deps.db.job.update({ where: { id: job.id }, data: { progress: { done: done.size, total: instances.length, resolved } } });
  }
  await deps.db.job.update({ where: { id: job.id }, data: { state: 'succeeded', finishedAt: new Date() } });
}

/** External results (e.g. a SWE-bench report for the teacher) become a baseline run. */
export async function importResults(deps: ServiceDeps, actor: OrgActor, input: z.infer<typeof importResultsInput>) {
  const ts = await loadTaskSet(deps, actor, input.taskSetId);
  let parsed: unknown;
  try {
    parsed = JSON.parse(input.content);
  } catch (e) {
    throw invalid(`Not valid JSON: ${(e as Error).message}`, { content: 'Not valid JSON' });
  }
  const p = parsed as Record<string, unknown>;
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
  let resolved = new Set<string>([...list(p.resolved_ids), ...list(p.resolved)]);
  // results.json style: { "<instance_id>": { "resolved": true }, ... }
  if (!resolved.size && !('unresolved' in p) && !('resolved_ids' in p))
    resolved = new Set(Object.entries(p).filter(([, v]) => (v as { resolved?: boolean })?.resolved === true).map(([k]) => k));
  const ids = (ts.instances as unknown as EvalInstance[]).map((i) => i.instance_id);
  const known = new Set(ids);
  const mentioned = new Set([...resolved, ...list(p.unresolved_ids), ...list(p.unresolved), ...Object.keys(p).filter((k) => known.has(k))]);
  if (![...mentioned].some((id) => known.has(id))) throw invalid('None of the instance ids in this file belong to the task set', { content: 'No matching instance ids' });
  const run = await deps.db.evalRun.create({
    data: {
      orgId: actor.orgId,
      taskSetId: ts.id,
      modelName: input.modelName,
      seed: input.seed,
      trainingSamples: input.trainingSamples ?? null,
      isBaseline: input.isBaseline,
      results: { create: ids.map((id) => ({ instanceId: id, resolved: resolved.has(id), details: { imported: true } })) },
    },
  });
  await audit(deps.db, { orgId: actor.orgId, actorId: actor.userId, action: 'eval.results_import', targetType: 'eval_run', targetId: run.id, details: { model: input.modelName } });
  return { runId: run.id, resolved: ids.filter((i) => resolved.has(i)).length, total: ids.length };
}

export async function listRuns(deps: ServiceDeps, actor: OrgActor, taskSetId: string) {
  const ts = await loadTaskSet(deps, actor, taskSetId);
  const total = (ts.instances as unknown[]).length;
  const runs = await deps.db.evalRun.findMany({
    where: { taskSetId: ts.id },
    orderBy: { createdAt: 'desc' },
    include: { job: { select: { id: true, state: true, progress: true, error: true } }, _count: { select: { results: true } } },
  });
  const resolvedCounts = await deps.db.evalResult.groupBy({ by: ['evalRunId'], where: { evalRunId: { in: runs.map((r) => r.id) }, resolved: true }, _count: true });
  const resolvedBy = new Map(resolvedCounts.map((r) => [r.evalRunId, r._count]));
  return runs.map((r) => ({
    id: r.id,
    modelName: r.modelName,
    seed: r.seed,
    trainingSamples: r.trainingSamples,
    isBaseline: r.isBaseline,
    createdAt: r.createdAt,
    state: r.job?.state ?? 'succeeded',
    error: r.job?.error ?? null,
    done: r._count.results,
    total,
    resolved: resolvedBy.get(r.id) ?? 0,
  }));
}

/** mean, sample std and n of one group of rates (the engine's seed statistics). */
const stats = (xs: number[]) => {
  const [s] = seedStats(xs.map((y) => ({ x: 0, y })));
  return { mean: s.mean, std: s.std, seeds: s.n };
};

/** Resolve rate (%) vs training samples per series; baselines as reference lines. Finished runs only. */
export async function curves(deps: ServiceDeps, actor: OrgActor, taskSetId: string) {
  const runs = (await listRuns(deps, actor, taskSetId)).filter((r) => r.done === r.total && r.total > 0);
  const series = new Map<string, Map<number, number[]>>();
  const baselines = new Map<string, number[]>();
  for (const r of runs) {
    const rate = (100 * r.resolved) / r.total;
    if (r.isBaseline || r.trainingSamples === null) {
      baselines.set(r.modelName, [...(baselines.get(r.modelName) ?? []), rate]);
      continue;
    }
    const byX = series.get(r.modelName) ?? new Map<number, number[]>();
    byX.set(r.trainingSamples, [...(byX.get(r.trainingSamples) ?? []), rate]);
    series.set(r.modelName, byX);
  }
  const refs = [...baselines].map(([name, rates]) => ({ name, ...stats(rates) }));
  // The reference to beat: the best one measured over ≥ 3 seeds (the paper's minimum), else the best.
  const byMean = [...refs].sort((a, b) => b.mean - a.mean);
  const teacher = byMean.find((r) => r.seeds >= 3) ?? byMean[0];
  const usdPerSample = await latestUsdPerSample(deps, actor, taskSetId);
  return {
    series: [...series].map(([name, byX]) => {
      const points = [...byX].sort((a, b) => a[0] - b[0]).map(([x, rates]) => ({ samples: x, ...stats(rates) }));
      let fit = null;
      if (points.length >= 3) {
        const f = fitPowerLaw([...byX].flatMap(([x, rates]) => rates.map((y) => ({ x, y }))));
        const xs = points.map((p) => p.samples);
        const lo = Math.min(...xs) / 2;
        const hi = Math.max(...xs) * 4;
        const line = Array.from({ length: 40 }, (_, i) => lo * Math.pow(hi / lo, i / 39)).map((x) => ({ samples: Math.round(x), value: predict(f, x) }));
        const toTeacher = teacher ? solveForX(f, teacher.mean) : undefined;
        fit = {
          a: f.a,
          b: f.b,
          c: f.c,
          mae: f.mae,
          asymptoteAtBound: asymptoteAtBound(f),
          line,
          target: teacher ? { name: teacher.name, rate: teacher.mean, samples: toTeacher === null ? null : Math.ceil(toTeacher!), usd: toTeacher ? Math.ceil(toTeacher) * usdPerSample : null, usdPerSample } : null,
        };
      }
      const last = points.at(-1);
      const snr = last && teacher ? signalToNoise({ mean: last.mean, std: last.std, n: last.seeds }, { mean: teacher.mean, std: teacher.std, n: teacher.seeds }) : null;
      return { name, points, fit, snr };
    }),
    baselines: refs,
  };
}

/** $ per trained sample from the newest plan for the task set's repository (paper self-hosted default otherwise). */
async function latestUsdPerSample(deps: ServiceDeps, actor: OrgActor, taskSetId: string) {
  const ts = await deps.db.evalTaskSet.findFirst({ where: { id: taskSetId, orgId: actor.orgId }, select: { repositoryId: true } });
  const plan = ts?.repositoryId ? await deps.db.plan.findFirst({ where: { orgId: actor.orgId, repositoryId: ts.repositoryId }, orderBy: { createdAt: 'desc' }, select: { estimate: true } }) : null;
  return (plan?.estimate as { usdPerSample?: number } | null)?.usdPerSample ?? 0.1867;
}

/**
 * Contamination: training trajectories of the task set's repository whose patches share
 * many changed lines with an evaluation gold patch (recall of the gold lines ≥ threshold)
 * or edit the same function's lines; such samples would leak the answer.
 */
export async function contamination(deps: ServiceDeps, actor: OrgActor, taskSetId: string, threshold = 0.5) {
  const ts = await loadTaskSet(deps, actor, taskSetId);
  const instances = (ts.instances as unknown as EvalInstance[]).filter((i) => i.patch && changedLines(i.patch).length);
  const trajectories = await deps.db.trajectory.findMany({
    where: { orgId: actor.orgId, repositoryId: ts.repositoryId ?? '__none__', included: true },
    orderBy: { createdAt: 'desc' },
    take: 5000,
    select: { id: true, stage: true, instanceId: true, blobKey: true },
  });
  const blobs = createFsBlobStore(path.join(getEnv().dataDir, 'blobs'));
  const flagged: { instanceId: string; trajectoryId: string; stage: string; overlap: number }[] = [];
  for (const t of trajectories) {
    let patch = '';
    try {
      patch = (JSON.parse((await blobs.get(t.blobKey)).toString()) as { trajectory?: { patch?: string } }).trajectory?.patch ?? '';
    } catch {
      continue;
    }
    if (!patch) continue;
    for (const inst of instances) {
      const r = lineRecall(inst.patch!, patch);
      if (r.recall !== null && r.recall >= threshold) flagged.push({ instanceId: inst.instance_id, trajectoryId: t.id, stage: t.stage, overlap: r.recall });
    }
  }
  return { checkedTrajectories: trajectories.length, instances: instances.length, threshold, flagged };
}

/** Tasks from the repository's own history after a cutoff (commits that change tests and code). */
export async function mineTaskSet(deps: ServiceDeps, actor: OrgActor, input: z.infer<typeof mineTaskSetInput>) {
  const repo = await deps.db.repository.findFirst({ where: { id: input.repoId, orgId: actor.orgId } });
  if (!repo) throw notFound('Repository');
  if (await deps.db.evalTaskSet.findFirst({ where: { orgId: actor.orgId, name: input.name } })) throw conflict('A task set with this name exists', { name: 'Name already used' });
  const source = repo.source === 'local' ? repo.url : path.join(getEnv().dataDir, 'mirrors', `${repo.id}.git`);
  const candidates = await findCandidates(source, { branch: repo.defaultBranch, since: input.since, max: input.max });
  if (!candidates.length)
    throw invalid(`No commits on ${repo.defaultBranch} since ${input.since.toISOString().slice(0, 10)} change both tests and code; pick an earlier cutoff`, { since: 'No candidate commits' });
  const instances: EvalInstance[] = [];
  for (const c of candidates) {
    const inst = await mineInstance(source, c, { workRoot: path.join(getEnv().dataDir, 'workspaces') }).catch(() => null);
    if (inst) instances.push(inst);
  }
  if (!instances.length)
    throw invalid(`${candidates.length} candidate commit(s), but none has tests that fail before and pass after the change (check the environment's test setup)`);
  const ts = await deps.db.evalTaskSet.create({
    data: { orgId: actor.orgId, repositoryId: repo.id, name: input.name, source: 'mined', instances: instances as unknown as Prisma.InputJsonValue },
  });
  await audit(deps.db, { orgId: actor.orgId, actorId: actor.userId, action: 'eval.taskset_mine', targetType: 'eval_task_set', targetId: ts.id, details: { candidates: candidates.length, instances: instances.length } });
  return { id: ts.id, count: instances.length, candidates: candidates.length };
}
