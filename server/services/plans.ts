// Plans: what a lead reviews before GPUs are spent. draft → submitted → approved |
// rejected → launched. Only approved plans launch; reviews and launches are audited.
import type { z } from 'zod';
import type { Prisma } from '../generated/prisma/client';
import { forbidden, invalid, notFound, precondition } from '../errors';
import type { listPlansInput, reviewPlanInput, submitFromRepoInput } from '@/lib/schemas/plans';
import type { OrgActor, ServiceDeps } from './context';
import { audit } from './audit';
import { estimate, planConfigForRepo } from './plan-estimate';
import { startGeneration } from './generation';

const planSelect = {
  id: true,
  name: true,
  status: true,
  config: true,
  estimate: true,
  budgetCapUsd: true,
  spentUsd: true,
  submittedAt: true,
  reviewedAt: true,
  reviewComment: true,
  launchedAt: true,
  createdAt: true,
  repository: { select: { id: true, name: true } },
  submittedBy: { select: { id: true, email: true, name: true } },
  reviewedBy: { select: { id: true, email: true, name: true } },
} satisfies Prisma.PlanSelect;

function view<T extends { budgetCapUsd: Prisma.Decimal | null; spentUsd: Prisma.Decimal }>(p: T) {
  return { ...p, budgetCapUsd: p.budgetCapUsd === null ? null : Number(p.budgetCapUsd), spentUsd: Number(p.spentUsd) };
}

export async function listPlans(deps: ServiceDeps, actor: OrgActor, input: z.infer<typeof listPlansInput>) {
  const plans = await deps.db.plan.findMany({
    where: { orgId: actor.orgId, ...(input?.status ? { status: input.status } : {}) },
    orderBy: { createdAt: 'desc' },
    select: planSelect,
    take: 200,
  });
  return plans.map(view);
}

export async function getPlan(deps: ServiceDeps, actor: OrgActor, planId: string) {
  const p = await deps.db.plan.findFirst({ where: { id: planId, orgId: actor.orgId }, select: planSelect });
  if (!p) throw notFound('Plan');
  return view(p);
}

export async function submitFromRepo(deps: ServiceDeps, actor: OrgActor, input: z.infer<typeof submitFromRepoInput>) {
  const repo = await deps.db.repository.findFirst({ where: { id: input.repoId, orgId: actor.orgId }, include: { _count: { select: { snapshots: true } } } });
  if (!repo) throw notFound('Repository');
  const s = (repo.settings ?? {}) as Record<string, unknown> & { teacher?: { model: string }; filters?: { targetSamples: number } };
  const missing = [!repo._count.snapshots && 'Snapshot', !s.teacher && 'Teacher', !s.filters && 'Filters & targets'].filter(Boolean);
  if (missing.length) throw invalid(`Finish these steps first: ${missing.join(', ')}`);
  const { auth: _auth, ...config } = s;
  const planConfig = await planConfigForRepo(deps, actor, repo.id, input.priceName ? { teacher: { price: input.priceName, hosting: 'api' } } : {});
  const est = await estimate(deps, actor, planConfig);
  const plan = await deps.db.plan.create({
    data: {
      orgId: actor.orgId,
      repositoryId: repo.id,
      name: `${repo.name}: ${s.filters!.targetSamples.toLocaleString('en-US')} samples from ${s.teacher!.model}`,
      status: 'submitted',
      config: { ...config, repositoryId: repo.id, snapshotCount: repo._count.snapshots, costModel: planConfig } as Prisma.InputJsonValue,
      estimate: est as unknown as Prisma.InputJsonValue,
      budgetCapUsd: input.budgetCapUsd ?? null,
      submittedById: actor.userId,
      submittedAt: deps.now?.() ?? new Date(),
    },
  });
  await audit(deps.db, { orgId: actor.orgId, actorId: actor.userId, action: 'plan.submit', targetType: 'plan', targetId: plan.id, details: { name: plan.name } });
  return { id: plan.id };
}

export async function reviewPlan(deps: ServiceDeps, actor: OrgActor, input: z.infer<typeof reviewPlanInput>) {
  const plan = await deps.db.plan.findFirst({ where: { id: input.planId, orgId: actor.orgId } });
  if (!plan) throw notFound('Plan');
  if (plan.status !== 'submitted') throw precondition(`This plan is ${plan.status}; only submitted plans can be reviewed`);
  // Four eyes: nobody approves their own spending, except an owner (small teams).
  if (plan.submittedById === actor.userId && actor.role !== 'owner') throw forbidden('You submitted this plan; another lead must review it');
  const status = input.decision === 'approve' ? 'approved' : 'rejected';
  // The status guard in `where` makes concurrent reviews safe: only one wins.
  const res = await deps.db.plan.updateMany({
    where: { id: plan.id, status: 'submitted' },
    data: { status, reviewedById: actor.userId, reviewedAt: deps.now?.() ?? new Date(), reviewComment: input.comment ?? null },
  });
  if (res.count !== 1) throw precondition('Someone else reviewed this plan a moment ago; reload');
  await audit(deps.db, { orgId: actor.orgId, actorId: actor.userId, action: `plan.${status === 'approved' ? 'approve' : 'reject'}`, targetType: 'plan', targetId: plan.id, details: { comment: input.comment } });
  return { status };
}

export async function launchPlan(deps: ServiceDeps, actor: OrgActor, planId: string) {
  const plan = await deps.db.plan.findFirst({ where: { id: planId, orgId: actor.orgId } });
  if (!plan) throw notFound('Plan');
  if (plan.status !== 'approved')
    throw precondition(plan.status === 'launched' ? 'This plan was already launched' : `Only approved plans can launch (this one is ${plan.status})`);
  const res = await deps.db.plan.updateMany({ where: { id: plan.id, status: 'approved' }, data: { status: 'launched', launchedAt: deps.now?.() ?? new Date() } });
  if (res.count !== 1) throw precondition('This plan was launched a moment ago');
  await audit(deps.db, { orgId: actor.orgId, actorId: actor.userId, action: 'plan.launch', targetType: 'plan', targetId: plan.id });
  try {
    const { jobId } = await startGeneration(deps, actor, plan.id);
    return { status: 'launched' as const, jobId };
  } catch (e) {
    // Nothing started: put the plan back so it can be launched again.
    await deps.db.plan.update({ where: { id: plan.id }, data: { status: 'approved', launchedAt: null } });
    throw e;
  }
}

/** Budget caps: record spend and say whether the run must stop. */
export async function recordPlanSpend(deps: ServiceDeps, planId: string, usd: number) {
  const p = await deps.db.plan.update({ where: { id: planId }, data: { spentUsd: { increment: usd } }, select: { spentUsd: true, budgetCapUsd: true } });
  const spent = Number(p.spentUsd);
  const cap = p.budgetCapUsd === null ? null : Number(p.budgetCapUsd);
  return { spentUsd: spent, capUsd: cap, overCap: cap !== null && spent >= cap };
}
