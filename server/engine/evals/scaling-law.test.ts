import { describe, expect, it } from 'vitest';
import { fitPowerLaw, paperDefaultFit, predict, PAPER_TABLE_11, seedStats, signalToNoise, solveForX } from './scaling-law';

describe('saturating power law y = a − b·x^(−c)', () => {
  it('recovers known parameters from noisy synthetic data', () => {
    const truth = { a: 62, b: 180, c: 0.45 };
    let seed = 7;
    const noise = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5) * 0.6;
    const pts = [200, 400, 800, 1600, 3200, 6400, 12800, 25600].flatMap((x) => [0, 1, 2].map(() => ({ x, y: predict(truth, x) + noise() })));
    const f = fitPowerLaw(pts);
    expect(f.a).toBeCloseTo(62, 0);
    expect(f.c).toBeGreaterThan(0.35);
    expect(f.c).toBeLessThan(0.55);
    expect(f.mae).toBeLessThan(0.3);
  });

  it("reproduces the paper's Table 11 curve and its cost predictions", () => {
    const f = paperDefaultFit();
    expect(f.n).toBe(7);
    expect(f.a).toBeCloseTo(70, 6); // "the fitted asymptote is approximately 70%"
    expect(f.mae).toBeCloseTo(0.44, 1); // "mean prediction error 0.4%"
    const dollars = (target: number) => solveForX(f, target)! * 0.1867; // self-hosted vLLM $/sample (Table 15)
    const within10 = (got: number, want: number) => expect(Math.abs(got - want) / want).toBeLessThan(0.1);
    within10(dollars(32.6), 60); // SWE-smith (Qwen 2.5): "$60 (vLLM)"
    within10(dollars(39.4), 352); // SkyRL: "$352"
    within10(dollars(50.0), 15_000); // Devstral-Small-2: "$15K (vLLM)"
    within10(dollars(50.5), 19_000); // GLM-4.5-Air: "$19K (vLLM)"
    expect(predict(f, 32000) - predict(f, 16000)).toBeLessThan(predict(f, 800) - predict(f, 400));
  });

  it('inverts the curve for a target, and refuses targets above the asymptote', () => {
    const p = { a: 70, b: 100, c: 0.3 };
    const x = solveForX(p, 50)!;
    expect(predict(p, x)).toBeCloseTo(50, 6);
    expect(solveForX(p, 70)).toBeNull();
    expect(solveForX(p, 75)).toBeNull();
  });

  it('refuses fits with fewer than 3 usable points', () => {
    expect(() => fitPowerLaw([{ x: 1, y: 1 }, { x: 0, y: 2 }])).toThrow(/at least 3 points/);
  });

  it('respects the asymptote bound', () => {
    const pts = [10, 20, 40, 80].map((x) => ({ x, y: 0.9 * x }));
    expect(fitPowerLaw(pts, { aMax: 100 }).a).toBeLessThanOrEqual(100);
  });
});

describe('seed statistics and signal-to-noise', () => {
  it('mean ± sample std per x', () => {
    const s = seedStats(PAPER_TABLE_11[0].seeds.map((y) => ({ x: 400, y })));
    expect(s[0].mean).toBeCloseTo(33.47, 2);
    expect(s[0].std).toBeCloseTo(0.81, 2);
  });
  it('badges follow the paper: ≥ 3 seeds, SNR ≥ 3 high', () => {
    expect(signalToNoise({ mean: 48, std: 1, n: 3 }, { mean: 44, std: 1, n: 3 }).badge).toBe('high');
    expect(signalToNoise({ mean: 45, std: 1, n: 3 }, { mean: 44, std: 1, n: 3 }).badge).toBe('preliminary');
    expect(signalToNoise({ mean: 48, std: 1, n: 2 }, { mean: 44, std: 1, n: 3 }).badge).toBe('too-few-seeds');
  });
});
