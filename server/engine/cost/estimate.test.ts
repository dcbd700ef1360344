import { describe, expect, it } from 'vitest';
import { planConfigSchema } from '@/lib/schemas/plan-config';
import { checkBudget, compareScenarios, EstimateError, estimatePlan } from './estimate';
import type { Price } from './per-trajectory';

const prices: Price[] = [
  { kind: 'api', name: 'GLM-4.5-Air', inputPerMTok: 0.2, cachedInputPerMTok: 0.03, outputPerMTok: 1.1 },
  { kind: 'gpu', name: 'H100 80GB', gpuHourUsd: 2 },
];
const cfg = (over: object) => planConfigSchema.parse({ teacher: { price: 'H100 80GB', hosting: 'self-hosted' }, targetSamples: 8000, yieldAfterFilters: 1, ...over });

describe('plan estimate', () => {
  it('8,000 samples self-hosted cost about $1,500 (the paper: "8,000 trajectories ($1,300)")', () => {
    const e = estimatePlan(cfg({}), prices);
    expect(e.trajectoriesNeeded).toBe(8000);
    expect(e.totalUsd).toBeCloseTo(8000 * 0.186, 0);
    expect(e.usdPerSample).toBeCloseTo(0.186, 3);
    expect(e.wallClockHours).toBeCloseTo((8000 * 0.065) / 8, 6);
    expect(e.assumptions.find((a) => a.key === 'gpuHoursPerTrajectory')).toMatchObject({ value: 0.065, source: 'paper default' });
  });
  it('divides by the yield after filters and adds evaluation', () => {
    const e = estimatePlan(cfg({ yieldAfterFilters: 0.5, evalInstances: 100, evalSeeds: 3 }), prices);
    expect(e.trajectoriesNeeded).toBe(16000);
    expect(e.generationUsd).toBeCloseTo(16000 * 0.13, 6);
    expect(e.trainingUsd).toBeCloseTo(8000 * 0.056, 6);
    expect(e.evalUsd).toBeCloseTo(300 * 0.13, 6);
  });
  it("predicts with the paper's curve: budget for a target and rate for a budget", () => {
    const e = estimatePlan(cfg({ targetResolveRate: 50, budgetUsd: 3000 }), prices);
    expect(e.prediction.curve).toBe('paper');
    expect(e.prediction.usdForTarget! / 1000).toBeCloseTo(15, 0);
    expect(e.prediction.resolveRateForBudget!).toBeGreaterThan(45);
    expect(e.prediction.resolveRateForBudget!).toBeLessThan(48);
    expect(estimatePlan(cfg({ targetResolveRate: 75 }), prices).prediction.samplesForTarget).toBeNull();
  });
  it('user overrides win and are labelled', () => {
    const e = estimatePlan(cfg({ profile: { gpuHoursPerTrajectory: 0.1 } }), prices);
    expect(e.assumptions.find((a) => a.key === 'gpuHoursPerTrajectory')).toMatchObject({ value: 0.1, source: 'user' });
    expect(e.perTrajectory.gpuUsd).toBeCloseTo(0.2, 6);
  });
  it('explains a wrong teacher price', () => {
    expect(() => estimatePlan(cfg({ teacher: { price: 'Nope', hosting: 'api' } }), prices)).toThrow(/not in the price catalog/);
    expect(() => estimatePlan(cfg({ teacher: { price: 'H100 80GB', hosting: 'api' } }), prices)).toThrow(EstimateError);
  });
  it('compares up to four scenarios', () => {
    const r = compareScenarios([cfg({}), cfg({ teacher: { price: 'GLM-4.5-Air', hosting: 'api' } })], prices);
    expect(r[1].estimate.totalUsd).toBeLessThan(r[0].estimate.totalUsd);
    expect(() => compareScenarios([], prices)).toThrow();
  });
  it('budget caps', () => {
    expect(checkBudget(10, 10)).toEqual({ overCap: true, remainingUsd: 0 });
    expect(checkBudget(4, 10)).toEqual({ overCap: false, remainingUsd: 6 });
    expect(checkBudget(4, null).overCap).toBe(false);
  });
});
