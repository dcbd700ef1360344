// The synthetic generator's rows must agree with their bodies (the viewer shows both) and
// look like SERA output, or benches and demos built on it measure the wrong thing.
import { describe, expect, it } from 'vitest';
import { lineRecall, patchEditLines } from '../engine/verify';
import { createHash } from 'node:crypto';
import { seededRand, syntheticPair } from './synthetic-trajectories';

describe('synthetic trajectory pairs', () => {
  const r = seededRand(3);
  const pairs = Array.from({ length: 300 }, (_, i) => syntheticPair(i, r));

  it('T2 recall, level and matched/missed lines are what lineRecall says about the two patches', () => {
    for (const p of pairs.slice(0, 50)) {
      const b1 = JSON.parse(p.t1.body);
      const b2 = JSON.parse(p.t2.body);
      const rec = lineRecall(b1.trajectory.patch, b2.trajectory.patch);
      expect(p.t2.meta.recall).toBe(rec.recall);
      expect(p.t2.meta.verification).toBe(rec.level);
      expect(b2.record.matched).toEqual(rec.matched);
      expect(b2.record.missed).toEqual(rec.missed);
      expect(p.t1.meta.patchLines).toBe(patchEditLines(b1.trajectory.patch));
      expect(p.t1.meta.recall).toBeNull();
    }
  });

  it('bodies have the generation job shape the viewer reads, and blobKey is their sha256', () => {
    const b = JSON.parse(pairs[0]!.t2.body);
    expect(b.stage).toBe('T2');
    expect(b.record.pr).toBe(pairs[0]!.t2.meta.prText);
    const assistant = b.trajectory.row.messages.filter((m: { role: string }) => m.role === 'assistant');
    expect(assistant).toHaveLength(pairs[0]!.t2.meta.steps);
    expect(pairs[0]!.t2.blobKey).toBe(createHash('sha256').update(pairs[0]!.t2.body).digest('hex'));
  });

  it('recall has SERA-like mass at 1 (hard) and at 0 (unverified) with soft values between', () => {
    const recalls = pairs.map((p) => p.t2.meta.recall!);
    const hard = recalls.filter((x) => x === 1).length / recalls.length;
    const zero = recalls.filter((x) => x === 0).length / recalls.length;
    expect(hard).toBeGreaterThan(0.25);
    expect(hard).toBeLessThan(0.5);
    expect(zero).toBeGreaterThan(0.05);
    expect(zero).toBeLessThan(0.2);
    expect(recalls.filter((x) => x > 0 && x < 1).length).toBeGreaterThan(100);
  });

  it('a forced step count gives exactly that many agent steps (the paper limit is 115)', () => {
    const p = syntheticPair(0, seededRand(1), { steps: 115 });
    expect(p.t2.meta.steps).toBe(115);
    expect(JSON.parse(p.t2.body).trajectory.row.messages.filter((m: { role: string }) => m.role === 'assistant')).toHaveLength(115);
  });

  it('is deterministic for a seed', () => {
    expect(syntheticPair(5, seededRand(9)).t2.body).toBe(syntheticPair(5, seededRand(9)).t2.body);
  });
});
