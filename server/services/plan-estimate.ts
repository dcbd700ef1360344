// Estimates for plans: the org's price catalog, its measured token profile once it has
// trajectories (paper defaults until then), and its own scaling curve once it has
// evaluated at 3+ sample sizes (the paper's curve until then).
import { compareScenarios, estimatePlan, EstimateError, measuredProfile, type Price } from '../engine/cost';
import { fitPowerLaw, type PowerLaw } from '../engine/evals/scaling-law';
import { invalid, notFound } from '../errors';
import { planConfigSchema, type PlanConfig } from '@/lib/schemas/plan-config';
import type { OrgActor, ServiceDeps } from './context';
import { listPrices, toEnginePrice } from './prices';

async function orgPrices(deps: ServiceDeps, actor: OrgActor): Promise<Price[]> {
  return (await listPrices(deps, actor)).map(toEnginePrice);
}

/** The org's own curve: finished, non-reference eval runs at ≥ 3 sample sizes. */
async function orgFit(deps: ServiceDeps, actor: OrgActor): Promise<PowerLaw | undefined> {
  const runs = await deps.db.evalRun.findMany({
    where: { orgId: actor.orgId, isBaseline: false, trainingSamples: { gt: 0 } },
    select: { trainingSamples: true, taskSet: { select: { instances: true } }, _count: { select: { results: true } }, results: { where: { resolved: true }, select: { id: true } } },
  });
  const pts = runs
    .filter((r) => r._count.results > 0 && r._count.results === (r.taskSet.instances as unknown[]).length)
    .map((r) => ({ x: r.trainingSamples!, y: (100 * r.results.length) / r._count.results }));
  if (new Set(pts.map((p) => p.x)).size < 3) return undefined;
  try {
    return fitPowerLaw(pts);
  } catch {
    return undefined;
  }
}

/** Averages over the org's generation runs (once it has any trajectories). */
async function orgProfile(deps: ServiceDeps, actor: OrgActor) {
  const jobs = await deps.db.job.findMany({ where: { orgId: actor.orgId, kind: 'svg_generation' }, select: { progress: true } });
  const rows = jobs
    .map((j) => (j.progress as { usage?: { trajectories: number; calls: number; promptTokens: number; cachedTokens: number; completionTokens: number } }).usage)
    .filter((u): u is NonNullable<typeof u> => !!u && u.trajectories > 0)
    .map((u) => ({
      calls: u.calls / u.trajectories,
      cachedInputTokens: u.cachedTokens / u.trajectories,
      newInputTokens: (u.promptTokens - u.cachedTokens) / u.trajectories,
      outputTokens: u.completionTokens / u.trajectories,
    }));
  return rows.length ? measuredProfile(rows) : undefined;
}

function translate<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof EstimateError) throw invalid(e.message);
    throw e;
  }
}

export async function estimate(deps: ServiceDeps, actor: OrgActor, config: PlanConfig) {
  const [prices, fit, measured] = await Promise.all([orgPrices(deps, actor), orgFit(deps, actor), orgProfile(deps, actor)]);
  return translate(() => estimatePlan(planConfigSchema.parse(config), prices, { fit, measured }));
}

export async function compare(deps: ServiceDeps, actor: OrgActor, configs: PlanConfig[]) {
  const [prices, fit, measured] = await Promise.all([orgPrices(deps, actor), orgFit(deps, actor), orgProfile(deps, actor)]);
  return translate(() => compareScenarios(configs.map((c) => planConfigSchema.parse(c)), prices, { fit, measured }));
}

/** Guess the catalog entry for a wizard teacher: GPU when self-hosted, else by model name. */
export function guessPriceName(prices: { kind: string; name: string }[], teacher: { model: string; hosting: string }): string | undefined {
  if (teacher.hosting === 'self-hosted') return prices.find((p) => p.kind === 'gpu')?.name;
  const norm = (s: string) => s.toLowerCase().replace(/^.*\//, '').replace(/[^a-z0-9.]/g, '');
  return prices.find((p) => p.kind === 'api' && norm(p.name) === norm(teacher.model))?.name ?? prices.find((p) => p.kind === 'api')?.name;
}

/** The plan config a repository's wizard settings describe. */
export async function planConfigForRepo(deps: ServiceDeps, actor: OrgActor, repoId: string, overrides: Partial<PlanConfig> = {}): Promise<PlanConfig> {
  const repo = await deps.db.repository.findFirst({ where: { id: repoId, orgId: actor.orgId } });
  if (!repo) throw notFound('Repository');
  const s = repo.settings as { teacher?: { model: string; hosting: 'api' | 'self-hosted' }; filters?: { targetSamples: number } };
  if (!s.teacher || !s.filters) throw invalid('Finish the Teacher and Filters steps first');
  const prices = await listPrices(deps, actor);
  const price = overrides.teacher?.price ?? guessPriceName(prices, s.teacher);
  if (!price) throw invalid('The price catalog has no entry for this teacher; add one on the Costs page');
  return planConfigSchema.parse({ name: repo.name, targetSamples: s.filters.targetSamples, ...overrides, teacher: { price, hosting: s.teacher.hosting } });
}

export async function estimateForRepo(deps: ServiceDeps, actor: OrgActor, input: { repoId: string; priceName?: string }) {
  const config = await planConfigForRepo(deps, actor, input.repoId, input.priceName ? { teacher: { price: input.priceName, hosting: 'api' } } : {});
  return { config, estimate: await estimate(deps, actor, config) };
}
