import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../command';
import { command as estimate } from './estimate';
import { command as fit } from './fit';

function capture() {
  const out: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void out.push(t) }, text: () => out.join('\n') };
}
const dir = mkdtempSync(path.join(tmpdir(), 'cli-'));

describe('specialist estimate', () => {
  it('prints the breakdown of the example plan', async () => {
    const c = capture();
    expect(await estimate.run(['server/engine/cost/examples/plan.example.yaml'], c.io)).toBe(0);
    expect(c.text()).toMatch(/Trajectories to generate\s+16,000/);
    expect(c.text()).toMatch(/Total\s+\$2,618/);
    expect(c.text()).toMatch(/Self-hosted GPU time per trajectory: 0.065 GPU-hours \(paper default\)/);
  });
  it('API plans show the token breakdown; JSON output works', async () => {
    const f = path.join(dir, 'api.yaml');
    writeFileSync(f, 'teacher: { price: GLM-4.6, hosting: api }\ntargetSamples: 1000\nyieldAfterFilters: 1\n');
    const c = capture();
    await estimate.run([f, '--json'], c.io);
    const e = JSON.parse(c.text());
    expect(e.perTrajectory.totalUsd.toFixed(2)).toBe('0.17');
    expect(e.totalUsd).toBeCloseTo(1000 * 0.1699, 0);
  });
  it('rejects bad plans with specific messages', async () => {
    const f = path.join(dir, 'bad.yaml');
    writeFileSync(f, 'teacher: { price: Nope, hosting: api }\ntargetSamples: 10\n');
    await expect(estimate.run([f], capture().io)).rejects.toThrow(/not in the price catalog/);
    writeFileSync(f, 'teacher: { price: GLM-4.6, hosting: api }\ntargetSamples: -1\n');
    await expect(estimate.run([f], capture().io)).rejects.toThrow(UsageError);
  });
});

describe('specialist fit', () => {
  it("fits the paper's Table 11 means and predicts the cost of 50%", async () => {
    const f = path.join(dir, 'points.csv');
    writeFileSync(f, 'samples,resolve_rate\n400,33.47\n750,36.40\n1500,38.87\n3000,39.67\n4200,41.80\n7400,44.00\n16000,46.60\n');
    const c = capture();
    expect(await fit.run([f, '--target', '50', '--cost-per-sample', '0.187', '--asymptote-max', '70'], c.io)).toBe(0);
    expect(c.text()).toMatch(/y = 70\.00 − /);
    expect(c.text()).toMatch(/mean absolute error 0\.44/);
    expect(c.text()).toMatch(/target 50%: about 79,\d{3} samples, \$14,8\d\d/);
    const j = capture();
    await fit.run([f, '--target', '90', '--asymptote-max', '70', '--json'], j.io);
    expect(JSON.parse(j.text()).samplesForTarget).toBeNull();
  });
  it('explains bad CSVs', async () => {
    const f = path.join(dir, 'bad.csv');
    writeFileSync(f, 'x,y\n1,2\n');
    await expect(fit.run([f], capture().io)).rejects.toThrow(/"samples" and "resolve_rate"/);
    writeFileSync(f, 'samples,resolve_rate\n1,abc\n');
    await expect(fit.run([f], capture().io)).rejects.toThrow(/Line 2/);
  });
});
