// Jobs (all kinds) and the trajectories generation runs produce.
import type { z } from 'zod';
import { getEnv } from '../env';
import { notFound } from '../errors';
import type { Prisma } from '../generated/prisma/client';
import { createFsBlobStore } from '../engine/storage/fs-blob-store';
import { conversationFromBody, stepSummary, stepTimeline, trajectoryView, type StoredBody } from '../engine/dataset';
import { OPEN_STEPS_MAX } from '@/lib/step-timeline';
import type { listJobsInput, listTrajectoriesInput, trajectoryFilters } from '@/lib/schemas/runs';
import type { OrgActor, ServiceDeps } from './context';
import path from 'node:path';

export async function listJobs(deps: ServiceDeps, actor: OrgActor, input: z.infer<typeof listJobsInput>) {
  return deps.db.job.findMany({
    where: { orgId: actor.orgId, ...(input?.kind ? { kind: input.kind } : {}) },
    orderBy: { queuedAt: 'desc' },
    take: 100,
    select: { id: true, kind: true, state: true, attempts: true, progress: true, error: true, queuedAt: true, startedAt: true, finishedAt: true, spentUsd: true, plan: { select: { id: true, name: true, estimate: true, budgetCapUsd: true, spentUsd: true } } },
  });
}

export async function getJob(deps: ServiceDeps, actor: OrgActor, jobId: string) {
  const job = await deps.db.job.findFirst({
    where: { id: jobId, orgId: actor.orgId },
    select: { id: true, kind: true, state: true, attempts: true, maxAttempts: true, progress: true, error: true, queuedAt: true, startedAt: true, finishedAt: true, spentUsd: true, handle: true, plan: { select: { id: true, name: true, estimate: true, budgetCapUsd: true, spentUsd: true } } },
  });
  if (!job) throw notFound('Job');
  const stats = await deps.db.trajectory.groupBy({ by: ['stage'], where: { orgId: actor.orgId, jobId: job.id }, _count: true, _avg: { recall: true } });
  return { ...job, trajectories: stats.map((s) => ({ stage: s.stage, count: s._count, meanRecall: s._avg.recall })) };
}

function where(actor: OrgActor, f: z.infer<typeof trajectoryFilters>): Prisma.TrajectoryWhereInput {
  return {
    orgId: actor.orgId,
    ...(f.jobId ? { jobId: f.jobId } : {}),
    ...(f.repoId ? { repositoryId: f.repoId } : {}),
    ...(f.stage ? { stage: f.stage } : {}),
    ...(f.verification ? { verification: f.verification } : {}),
    ...(f.minRecall !== undefined || f.maxRecall !== undefined ? { recall: { ...(f.minRecall !== undefined ? { gte: f.minRecall } : {}), ...(f.maxRecall !== undefined ? { lte: f.maxRecall } : {}) } } : {}),
    ...(f.maxPatchLines !== undefined ? { patchLines: { lte: f.maxPatchLines } } : {}),
    ...(f.included !== undefined ? { included: f.included } : {}),
    ...(f.q ? { OR: [{ prText: { contains: f.q, mode: 'insensitive' } }, { seedFunction: { contains: f.q, mode: 'insensitive' } }, { seedFile: { contains: f.q, mode: 'insensitive' } }] } : {}),
  };
}

export async function listTrajectories(deps: ServiceDeps, actor: OrgActor, input: z.infer<typeof listTrajectoriesInput>) {
  const w = where(actor, input);
  const [rows, total] = await Promise.all([
    deps.db.trajectory.findMany({
      where: w,
      orderBy: [input.sort === 'createdAt' ? { createdAt: input.dir } : { [input.sort]: { sort: input.dir, nulls: 'last' } }, { id: 'asc' }],
      skip: input.cursor,
      take: input.limit,
      select: { id: true, instanceId: true, stage: true, seedFunction: true, seedFile: true, changeType: true, recall: true, verification: true, patchLines: true, totalTokens: true, steps: true, exitStatus: true, included: true, createdAt: true },
    }),
    deps.db.trajectory.count({ where: w }),
  ]);
  return { rows, total, nextCursor: input.cursor + rows.length < total ? input.cursor + rows.length : null };
}

/** Recall histogram in 10 buckets (SQL), with how many T2 samples and tokens pass a threshold. */
export async function recallHistogram(deps: ServiceDeps, actor: OrgActor, f: z.infer<typeof trajectoryFilters>) {
  const w = where(actor, { ...f, stage: 'T2' });
  const rows = await deps.db.trajectory.findMany({ where: { ...w, recall: { not: null } }, select: { recall: true, totalTokens: true } });
  const buckets = Array.from({ length: 10 }, (_, i) => ({ from: i / 10, to: (i + 1) / 10, count: 0, tokens: 0 }));
  for (const r of rows) {
    const b = Math.min(9, Math.floor((r.recall ?? 0) * 10));
    buckets[b].count++;
    buckets[b].tokens += r.totalTokens ?? 0;
  }
  return { buckets, total: rows.length };
}

// What the viewer shows of a trajectory row (not searchText: up to 100k characters of messages).
const viewSelect = {
  id: true, stage: true, parentId: true, instanceId: true, seedFile: true, seedFunction: true, changeType: true, exitStatus: true,
  recall: true, verification: true, patchLines: true, totalTokens: true, truncationRatio: true, steps: true, blobKey: true,
} satisfies Prisma.TrajectorySelect;

const blobs = () => createFsBlobStore(path.join(getEnv().dataDir, 'blobs'));
export const readBody = async (blobKey: string) => JSON.parse((await blobs().get(blobKey)).toString()) as StoredBody;

/**
 * One trajectory for the viewer: its row, lineage links, the PR/patches/marks and the steps'
 * headers. Step bodies come along only for short rollouts (opened by default); a long one's
 * follow from getTrajectorySteps. Token counts are getTrajectoryTokens (tokenizing would hold
 * the page back by a few hundred ms). For a T2 the parent's patch (P1) comes along, so the page
 * needs no second fetch of the whole parent.
 */
export async function getTrajectory(deps: ServiceDeps, actor: OrgActor, id: string) {
  const t = await deps.db.trajectory.findFirst({ where: { id, orgId: actor.orgId }, select: viewSelect });
  if (!t) throw notFound('Trajectory');
  const relatedRows = await deps.db.trajectory.findMany({
    where: { orgId: actor.orgId, OR: [{ id: t.parentId ?? '__none__' }, { parentId: t.id }] },
    select: { id: true, stage: true, recall: true, blobKey: true },
  });
  const parent = t.stage === 'T2' ? relatedRows.find((r) => r.id === t.parentId) : undefined;
  const [body, parentPatch] = await Promise.all([
    readBody(t.blobKey),
    // a missing or unreadable parent body only costs the P1 panel, not the page
    parent ? readBody(parent.blobKey).then((b) => trajectoryView(b).patch, () => null) : null,
  ]);
  const { blobKey: _, ...row } = t;
  const timeline = stepTimeline(conversationFromBody(body, t.instanceId));
  return {
    ...row,
    related: relatedRows.map(({ blobKey: _k, ...r }) => r),
    view: { ...trajectoryView(body), parentPatch },
    timeline: { steps: timeline.steps.map(stepSummary), bodies: timeline.steps.length <= OPEN_STEPS_MAX ? timeline.steps : null },
  };
}

/** The full steps (reasoning, tool call, observation) of a trajectory, for the viewer. */
export async function getTrajectorySteps(deps: ServiceDeps, actor: OrgActor, id: string) {
  const t = await deps.db.trajectory.findFirst({ where: { id, orgId: actor.orgId }, select: { blobKey: true, instanceId: true } });
  if (!t) throw notFound('Trajectory');
  return { steps: stepTimeline(conversationFromBody(await readBody(t.blobKey), t.instanceId)).steps };
}
