// Per-trajectory cost (SERA paper, Appendix D, Table 15). A trajectory makes ~35 calls
// whose cumulative cached context is ~749K tokens, plus ~24.3K new input tokens (tool
// results) and ~7.7K output tokens. Self-hosted inference is priced by GPU time instead
// (~0.065 H100-hours per trajectory). Training adds ~$0.056 per trajectory.

export type Source = 'paper default' | 'measured' | 'user';

export interface TokenProfile {
  callsPerTrajectory: number;
  cachedInputTokens: number;
  newInputTokens: number;
  outputTokens: number;
  gpuHoursPerTrajectory: number;
  trainingUsdPerTrajectory: number;
  /** SWE-smith-style pipelines pay for issue writing; SVG's PR step is part of its rollouts. */
  issueCreationUsdPerTrajectory: number;
}

export const PAPER_PROFILE: TokenProfile = {
  callsPerTrajectory: 35,
  cachedInputTokens: 749_000,
  newInputTokens: 24_300,
  outputTokens: 7_700,
  gpuHoursPerTrajectory: 0.065,
  trainingUsdPerTrajectory: 0.056,
  issueCreationUsdPerTrajectory: 0,
};

export interface ApiPrice {
  kind: 'api';
  name: string;
  inputPerMTok: number;
  cachedInputPerMTok: number;
  outputPerMTok: number;
}
export interface GpuPrice {
  kind: 'gpu';
  name: string;
  gpuHourUsd: number;
}
export type Price = ApiPrice | GpuPrice;

export interface TrajectoryCost {
  cachedInputUsd: number;
  newInputUsd: number;
  outputUsd: number;
  gpuUsd: number;
  issueCreationUsd: number;
  inferenceUsd: number;
  trainingUsd: number;
  totalUsd: number;
}

export function trajectoryCost(price: Price, profile: TokenProfile = PAPER_PROFILE): TrajectoryCost {
  const perM = (tokens: number, usd: number) => (tokens / 1e6) * usd;
  const api = price.kind === 'api';
  const cachedInputUsd = api ? perM(profile.cachedInputTokens, price.cachedInputPerMTok) : 0;
  const newInputUsd = api ? perM(profile.newInputTokens, price.inputPerMTok) : 0;
  const outputUsd = api ? perM(profile.outputTokens, price.outputPerMTok) : 0;
  const gpuUsd = api ? 0 : profile.gpuHoursPerTrajectory * price.gpuHourUsd;
  const issueCreationUsd = profile.issueCreationUsdPerTrajectory;
  const inferenceUsd = cachedInputUsd + newInputUsd + outputUsd + gpuUsd + issueCreationUsd;
  const trainingUsd = profile.trainingUsdPerTrajectory;
  return { cachedInputUsd, newInputUsd, outputUsd, gpuUsd, issueCreationUsd, inferenceUsd, trainingUsd, totalUsd: inferenceUsd + trainingUsd };
}

/** Averages of the org's own finished trajectories replace the paper's profile field by field. */
export function measuredProfile(
  rows: { calls: number; cachedInputTokens: number; newInputTokens: number; outputTokens: number; gpuHours?: number }[],
  base: TokenProfile = PAPER_PROFILE,
): { profile: TokenProfile; sources: Partial<Record<keyof TokenProfile, Source>> } {
  if (!rows.length) return { profile: base, sources: {} };
  const avg = (f: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + f(r), 0) / rows.length;
  const gpuRows = rows.filter((r) => r.gpuHours !== undefined);
  const profile: TokenProfile = {
    ...base,
    callsPerTrajectory: avg((r) => r.calls),
    cachedInputTokens: avg((r) => r.cachedInputTokens),
    newInputTokens: avg((r) => r.newInputTokens),
    outputTokens: avg((r) => r.outputTokens),
    gpuHoursPerTrajectory: gpuRows.length ? gpuRows.reduce((s, r) => s + r.gpuHours!, 0) / gpuRows.length : base.gpuHoursPerTrajectory,
  };
  const sources: Partial<Record<keyof TokenProfile, Source>> = { callsPerTrajectory: 'measured', cachedInputTokens: 'measured', newInputTokens: 'measured', outputTokens: 'measured' };
  if (gpuRows.length) sources.gpuHoursPerTrajectory = 'measured';
  return { profile, sources };
}

/** SERA paper, Appendix D: the prices behind Table 15. */
export const PAPER_PRICES: (Price & { provider: string })[] = [
  { kind: 'api', name: 'Claude Sonnet 3.7', provider: 'Anthropic', inputPerMTok: 3, cachedInputPerMTok: 0.3, outputPerMTok: 15 },
  { kind: 'api', name: 'GLM-4.5-Air', provider: 'z.ai', inputPerMTok: 0.2, cachedInputPerMTok: 0.03, outputPerMTok: 1.1 },
  { kind: 'api', name: 'GLM-4.6', provider: 'z.ai', inputPerMTok: 0.6, cachedInputPerMTok: 0.11, outputPerMTok: 2.2 },
  { kind: 'gpu', name: 'H100 80GB', provider: 'self-hosted', gpuHourUsd: 2 },
];
