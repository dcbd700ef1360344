// Saturating power law y = a − b·x^(−c) (SERA paper, eq. 9), fitted by variable
// projection: for a fixed exponent c the model is linear in (a, b), so we solve that
// least-squares problem exactly and search c in one dimension. Bounds keep the
// asymptote plausible (a ≤ aMax, e.g. 100%) and the curve increasing (b ≥ 0, c > 0).

export interface Point {
  x: number;
  y: number;
}
export interface PowerLaw {
  a: number;
  b: number;
  c: number;
}
export interface Fit extends PowerLaw {
  /** Mean absolute error of the fit on the points (same unit as y). */
  mae: number;
  n: number;
}

export const predict = (p: PowerLaw, x: number) => p.a - p.b * Math.pow(x, -p.c);

/** x needed to reach y (eq. 10); null when y is at or above the asymptote. */
export function solveForX(p: PowerLaw, y: number): number | null {
  if (y >= p.a || p.b <= 0) return null;
  if (y <= predict(p, 1e-12)) return 0;
  return Math.pow(p.b / (p.a - y), 1 / p.c);
}

function solveAB(xs: number[], ys: number[], c: number, aMax: number): { a: number; b: number; sse: number } {
  const z = xs.map((x) => Math.pow(x, -c));
  const n = xs.length;
  const mz = z.reduce((s, v) => s + v, 0) / n;
  const my = ys.reduce((s, v) => s + v, 0) / n;
  let szz = 0;
  let szy = 0;
  for (let i = 0; i < n; i++) {
    szz += (z[i] - mz) ** 2;
    szy += (z[i] - mz) * (ys[i] - my);
  }
  // y = a + slope·z with slope = −b
  let b = szz > 0 ? -szy / szz : 0;
  let a = my + b * mz;
  if (b < 0) {
    b = 0;
    a = my;
  }
  if (a > aMax) {
    a = aMax;
    // best b for fixed a: minimise Σ(a − b z − y)²
    const num = z.reduce((s, zi, i) => s + zi * (a - ys[i]), 0);
    const den = z.reduce((s, zi) => s + zi * zi, 0);
    b = Math.max(0, den > 0 ? num / den : 0);
  }
  const sse = ys.reduce((s, y, i) => s + (a - b * z[i] - y) ** 2, 0);
  return { a, b, sse };
}

export function fitPowerLaw(points: Point[], opts: { aMax?: number; cMin?: number; cMax?: number } = {}): Fit {
  const pts = points.filter((p) => p.x > 0 && Number.isFinite(p.y));
  if (pts.length < 3) throw new Error(`A power-law fit needs at least 3 points with x > 0 (got ${pts.length})`);
  const xs = pts.map((p) => p.x);
  const ys = pts.map((p) => p.y);
  const aMax = opts.aMax ?? 100;
  const lo = Math.log(opts.cMin ?? 1e-3);
  const hi = Math.log(opts.cMax ?? 5);
  // Coarse grid over log c (the objective can have several basins), then golden-section refinement.
  let best = { t: lo, sse: Infinity };
  const steps = 400;
  for (let i = 0; i <= steps; i++) {
    const t = lo + ((hi - lo) * i) / steps;
    const { sse } = solveAB(xs, ys, Math.exp(t), aMax);
    if (sse < best.sse) best = { t, sse };
  }
  let l = Math.max(lo, best.t - (hi - lo) / steps);
  let r = Math.min(hi, best.t + (hi - lo) / steps);
  const g = (Math.sqrt(5) - 1) / 2;
  for (let k = 0; k < 100; k++) {
    const m1 = r - g * (r - l);
    const m2 = l + g * (r - l);
    if (solveAB(xs, ys, Math.exp(m1), aMax).sse < solveAB(xs, ys, Math.exp(m2), aMax).sse) r = m2;
    else l = m1;
  }
  const c = Math.exp((l + r) / 2);
  const { a, b } = solveAB(xs, ys, c, aMax);
  const mae = ys.reduce((s, y, i) => s + Math.abs(predict({ a, b, c }, xs[i]) - y), 0) / ys.length;
  return { a, b, c, mae, n: pts.length };
}

/** SERA paper, Table 11: Qwen3-32B on GLM-4.5-Air data, SWE-bench Verified at 32K, 3 seeds. */
export const PAPER_TABLE_11: { samples: number; seeds: number[] }[] = [
  { samples: 400, seeds: [34.4, 33.0, 33.0] },
  { samples: 750, seeds: [36.8, 35.0, 37.4] },
  { samples: 1500, seeds: [38.2, 40.2, 38.2] },
  { samples: 3000, seeds: [40.6, 37.8, 40.6] },
  { samples: 4200, seeds: [40.6, 45.8, 39.0] },
  { samples: 7400, seeds: [43.2, 45.4, 43.4] },
  { samples: 16000, seeds: [47.0, 47.0, 45.8] },
];

/**
 * The default curve (resolve rate % vs training samples) until an org has its own points.
 * Table 11 alone cannot pin the asymptote (the error keeps shrinking slowly as it grows),
 * so, like the paper ("the fitted asymptote is approximately 70%"), it is bounded at 70.
 * Fitted on the per-size means, this reproduces the paper's figures: mean error 0.4%, and
 * at $0.187/sample about $15K to reach 50.0%, $19K for 50.5% and $352 for 39.4%.
 */
export const PAPER_ASYMPTOTE = 70;
export function paperDefaultFit(): Fit {
  const means = PAPER_TABLE_11.map((r) => ({ x: r.samples, y: r.seeds.reduce((a, b) => a + b, 0) / r.seeds.length }));
  return fitPowerLaw(means, { aMax: PAPER_ASYMPTOTE });
}

/** True when the fitted asymptote sits on its bound: the data do not determine it. */
export const asymptoteAtBound = (f: Fit, aMax = 100) => Math.abs(f.a - aMax) < 1e-6;

export interface SeedStats {
  x: number;
  mean: number;
  std: number;
  n: number;
}

/** Mean and sample standard deviation per x. */
export function seedStats(points: Point[]): SeedStats[] {
  const by = new Map<number, number[]>();
  for (const p of points) by.set(p.x, [...(by.get(p.x) ?? []), p.y]);
  return [...by]
    .sort((a, b) => a[0] - b[0])
    .map(([x, ys]) => {
      const mean = ys.reduce((s, v) => s + v, 0) / ys.length;
      const std = ys.length > 1 ? Math.sqrt(ys.reduce((s, v) => s + (v - mean) ** 2, 0) / (ys.length - 1)) : 0;
      return { x, mean, std, n: ys.length };
    });
}

export type SnrBadge = 'high' | 'moderate' | 'preliminary' | 'too-few-seeds';

/**
 * Signal-to-noise of a difference between two conditions: |Δmean| / pooled std. Following
 * the paper's guidance: fewer than 3 seeds per side is not evidence; SNR < 2 is preliminary.
 */
export function signalToNoise(a: { mean: number; std: number; n: number }, b: { mean: number; std: number; n: number }): { diff: number; snr: number; badge: SnrBadge } {
  const diff = a.mean - b.mean;
  const pooled = Math.sqrt((a.std ** 2 + b.std ** 2) / 2);
  const snr = pooled > 0 ? Math.abs(diff) / pooled : Infinity;
  const badge: SnrBadge = a.n < 3 || b.n < 3 ? 'too-few-seeds' : snr >= 3 ? 'high' : snr >= 2 ? 'moderate' : 'preliminary';
  return { diff, snr, badge };
}
