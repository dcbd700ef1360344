import { describe, expect, it } from 'vitest';
import { measuredProfile, PAPER_PROFILE, trajectoryCost, type Price } from './per-trajectory';

// SERA paper, Table 15 (per trajectory). Prices from its Appendix D.
const sonnet: Price = { kind: 'api', name: 'Claude Sonnet 3.7', inputPerMTok: 3, cachedInputPerMTok: 0.3, outputPerMTok: 15 };
const air: Price = { kind: 'api', name: 'GLM-4.5-Air', inputPerMTok: 0.2, cachedInputPerMTok: 0.03, outputPerMTok: 1.1 };
const glm46: Price = { kind: 'api', name: 'GLM-4.6', inputPerMTok: 0.6, cachedInputPerMTok: 0.11, outputPerMTok: 2.2 };
const h100: Price = { kind: 'gpu', name: 'H100', gpuHourUsd: 2 };
const cents = (x: number) => x.toFixed(2);

describe("per-trajectory cost reproduces the paper's Table 15", () => {
  it('Sonnet 3.7 API (SWE-smith, with $0.054 issue creation): $0.5228', () => {
    const c = trajectoryCost(sonnet, { ...PAPER_PROFILE, issueCreationUsdPerTrajectory: 0.054 });
    expect(cents(c.cachedInputUsd)).toBe(cents(0.2247));
    expect(cents(c.newInputUsd)).toBe(cents(0.073));
    expect(cents(c.outputUsd)).toBe(cents(0.1151));
    expect(cents(c.inferenceUsd)).toBe(cents(0.4668));
    expect(cents(c.totalUsd)).toBe(cents(0.5228));
    expect(Math.abs(c.totalUsd - 0.5228)).toBeLessThan(0.001);
  });
  it('GLM-4.5-Air via z.ai: $0.0918', () => {
    const c = trajectoryCost(air);
    expect(c.cachedInputUsd).toBeCloseTo(0.0225, 4);
    expect(c.newInputUsd).toBeCloseTo(0.0049, 4);
    expect(c.outputUsd).toBeCloseTo(0.0085, 4);
    expect(cents(c.totalUsd)).toBe(cents(0.0918));
    expect(Math.abs(c.totalUsd - 0.0918)).toBeLessThan(0.0002);
  });
  it('GLM-4.6 via z.ai: $0.1699', () => {
    const c = trajectoryCost(glm46);
    expect(cents(c.inferenceUsd)).toBe(cents(0.1139));
    expect(cents(c.totalUsd)).toBe(cents(0.1699));
    expect(Math.abs(c.totalUsd - 0.1699)).toBeLessThan(0.0002);
  });
  it('self-hosted vLLM at 0.065 H100-hours: $0.1867', () => {
    const c = trajectoryCost(h100);
    expect(c.gpuUsd).toBeCloseTo(0.13, 6);
    expect(cents(c.totalUsd)).toBe(cents(0.1867));
    expect(Math.abs(c.totalUsd - 0.1867)).toBeLessThan(0.001);
  });
});

describe('measured profile', () => {
  it('replaces the paper defaults with the averages of real runs and says so', () => {
    const { profile, sources } = measuredProfile([
      { calls: 30, cachedInputTokens: 500_000, newInputTokens: 20_000, outputTokens: 6_000 },
      { calls: 40, cachedInputTokens: 700_000, newInputTokens: 30_000, outputTokens: 8_000 },
    ]);
    expect(profile.callsPerTrajectory).toBe(35);
    expect(profile.cachedInputTokens).toBe(600_000);
    expect(profile.gpuHoursPerTrajectory).toBe(PAPER_PROFILE.gpuHoursPerTrajectory);
    expect(sources.cachedInputTokens).toBe('measured');
    expect(sources.gpuHoursPerTrajectory).toBeUndefined();
    expect(measuredProfile([]).profile).toBe(PAPER_PROFILE);
  });
});
