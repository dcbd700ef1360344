// A plan's estimate: how many trajectories to generate for the target after filters, what
// generation, training and evaluation cost, how long it takes on the chosen GPUs, and what
// the scaling law predicts. Every assumption is returned with where it came from.
import type { PlanConfig } from '@/lib/schemas/plan-config';
import { paperDefaultFit, predict, solveForX, type PowerLaw } from '../evals/scaling-law';
import { PAPER_PROFILE, trajectoryCost, type Price, type Source, type TokenProfile, type TrajectoryCost } from './per-trajectory';

export interface Assumption {
  key: string;
  label: string;
  value: number;
  unit: string;
  source: Source;
}

export interface PlanEstimate {
  assumptions: Assumption[];
  perTrajectory: TrajectoryCost;
  trajectoriesNeeded: number;
  generationUsd: number;
  trainingUsd: number;
  evalUsd: number;
  totalUsd: number;
  /** What one trained sample costs (generation ÷ yield + training). */
  usdPerSample: number;
  wallClockHours: number;
  prediction: {
    curve: 'paper' | 'org';
    resolveRateAtTarget: number;
    samplesForTarget?: number | null;
    usdForTarget?: number | null;
    resolveRateForBudget?: number;
  };
}

export class EstimateError extends Error {}

const LABELS: Record<keyof TokenProfile, [string, string]> = {
  callsPerTrajectory: ['Model calls per trajectory', 'calls'],
  cachedInputTokens: ['Cumulative cached context per trajectory', 'tokens'],
  newInputTokens: ['New input (tool results) per trajectory', 'tokens'],
  outputTokens: ['Output per trajectory', 'tokens'],
  gpuHoursPerTrajectory: ['Self-hosted GPU time per trajectory', 'GPU-hours'],
  trainingUsdPerTrajectory: ['Training cost per sample', 'USD'],
  issueCreationUsdPerTrajectory: ['Issue/PR writing cost per trajectory', 'USD'],
};

export function estimatePlan(
  config: PlanConfig,
  prices: Price[],
  opts: { measured?: { profile: TokenProfile; sources: Partial<Record<keyof TokenProfile, Source>> }; fit?: PowerLaw } = {},
): PlanEstimate {
  const teacher = prices.find((p) => p.name === config.teacher.price);
  if (!teacher) throw new EstimateError(`"${config.teacher.price}" is not in the price catalog (known: ${prices.map((p) => p.name).join(', ')})`);
  if (config.teacher.hosting === 'api' && teacher.kind !== 'api') throw new EstimateError(`"${teacher.name}" is a GPU price; API hosting needs per-token prices`);
  if (config.teacher.hosting === 'self-hosted' && teacher.kind !== 'gpu') throw new EstimateError(`"${teacher.name}" has per-token prices; self-hosting needs a GPU price`);

  const base = opts.measured?.profile ?? PAPER_PROFILE;
  const profile: TokenProfile = { ...base, ...(config.profile ?? {}) } as TokenProfile;
  const sourceOf = (k: keyof TokenProfile): Source => (config.profile?.[k] !== undefined ? 'user' : (opts.measured?.sources[k] ?? 'paper default'));
  const relevant: (keyof TokenProfile)[] =
    teacher.kind === 'api'
      ? ['callsPerTrajectory', 'cachedInputTokens', 'newInputTokens', 'outputTokens', 'trainingUsdPerTrajectory', 'issueCreationUsdPerTrajectory']
      : ['gpuHoursPerTrajectory', 'trainingUsdPerTrajectory'];
  const assumptions: Assumption[] = relevant.map((k) => ({ key: k, label: LABELS[k][0], value: profile[k], unit: LABELS[k][1], source: sourceOf(k) }));
  assumptions.push({ key: 'yieldAfterFilters', label: 'Share of trajectories kept after filters', value: config.yieldAfterFilters, unit: 'fraction', source: 'user' });

  const per = trajectoryCost(teacher, profile);
  const trajectoriesNeeded = Math.ceil(config.targetSamples / config.yieldAfterFilters);
  const generationUsd = trajectoriesNeeded * per.inferenceUsd;
  const trainingUsd = config.targetSamples * per.trainingUsd;
  const evalUsd = config.evalInstances * config.evalSeeds * per.inferenceUsd;
  const totalUsd = generationUsd + trainingUsd + evalUsd;
  const usdPerSample = per.inferenceUsd / config.yieldAfterFilters + per.trainingUsd;
  const wallClockHours =
    teacher.kind === 'gpu'
      ? (trajectoriesNeeded * profile.gpuHoursPerTrajectory) / config.gpus
      : (trajectoriesNeeded * config.minutesPerTrajectory) / 60 / config.apiConcurrency;

  const fit = opts.fit ?? paperDefaultFit();
  const prediction: PlanEstimate['prediction'] = { curve: opts.fit ? 'org' : 'paper', resolveRateAtTarget: predict(fit, config.targetSamples) };
  if (config.targetResolveRate !== undefined) {
    const s = solveForX(fit, config.targetResolveRate);
    prediction.samplesForTarget = s === null ? null : Math.ceil(s);
    prediction.usdForTarget = s === null ? null : Math.ceil(s) * usdPerSample;
  }
  if (config.budgetUsd !== undefined) prediction.resolveRateForBudget = predict(fit, config.budgetUsd / usdPerSample);
  return { assumptions, perTrajectory: per, trajectoriesNeeded, generationUsd, trainingUsd, evalUsd, totalUsd, usdPerSample, wallClockHours, prediction };
}

/** 2–4 scenarios side by side (teacher × hosting × threshold × samples). */
export function compareScenarios(configs: PlanConfig[], prices: Price[], opts: Parameters<typeof estimatePlan>[2] = {}) {
  if (configs.length < 1 || configs.length > 4) throw new EstimateError('Compare between 1 and 4 scenarios');
  return configs.map((c) => ({ name: c.name ?? `${c.teacher.price} (${c.teacher.hosting})`, estimate: estimatePlan(c, prices, opts) }));
}

/** Budget caps: whether a run must stop now. */
export function checkBudget(spentUsd: number, capUsd: number | null | undefined): { overCap: boolean; remainingUsd: number | null } {
  if (capUsd === null || capUsd === undefined) return { overCap: false, remainingUsd: null };
  return { overCap: spentUsd >= capUsd, remainingUsd: Math.max(0, capUsd - spentUsd) };
}
