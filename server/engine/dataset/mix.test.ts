import { describe, expect, it } from 'vitest';
import { generalNeeded, maxBalanced, selectMix, splitByFraction, type MixCandidate, type MixRules } from './mix';

const rows = (prefix: string, stage: 'T1' | 'T2', n: number, ratio: (i: number) => number | null = () => 1, tokens = 100): MixCandidate[] =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}${String(i).padStart(3, '0')}`, stage, tokens, truncationRatio: ratio(i) }));
const rules = (r: Partial<MixRules> = {}): MixRules => ({ stages: 'both', minTruncationRatio: 0, ...r });

describe('T1/T2 fraction arithmetic', () => {
  it('takes the most rows that can hold the fraction', () => {
    expect(maxBalanced(3, 2, 0.5)).toBe(4);
    expect(maxBalanced(10, 1, 0.5)).toBe(2);
    expect(maxBalanced(100, 10, 0.3)).toBe(33);
    expect(maxBalanced(5, 7, 0)).toBe(5);
    expect(maxBalanced(5, 7, 1)).toBe(7);
    expect(maxBalanced(5, 0, 0.5)).toBe(0);
  });
  it('splits as close to the fraction as availability allows', () => {
    expect(splitByFraction(4, 0.5, 3, 2)).toEqual({ t1: 2, t2: 2 });
    expect(splitByFraction(33, 0.3, 100, 10)).toEqual({ t1: 23, t2: 10 });
    expect(splitByFraction(10, 0.5, 10, 2)).toEqual({ t1: 8, t2: 2 });
  });
  it('general rows for a specialization ratio r = s / (s + g)', () => {
    expect(generalNeeded(300, 0.5)).toBe(300);
    expect(generalNeeded(3, 0.6)).toBe(2);
    expect(generalNeeded(10, 1)).toBe(0);
  });
});

describe('selectMix', () => {
  it('hits a T2 fraction exactly when rows allow, most complete rows first, and reports every stage', () => {
    const t1 = rows('a', 'T1', 10, (i) => 1 - i / 20);
    const t2 = rows('b', 'T2', 4, (i) => 0.9 - i / 10);
    const m = selectMix([...t1, ...t2], [], rules({ t2Fraction: 0.5 }));
    expect(m.problems.map((p) => p.message)).toEqual([]);
    expect(m.summary).toMatchObject({ t1: 4, t2: 4, general: 0, rows: 8, tokens: 800, t2Fraction: 0.5 });
    expect(m.specialized.filter((c) => c.stage === 'T1').map((c) => c.id)).toEqual(['a000', 'a001', 'a002', 'a003']);
    expect(m.stages.map((s) => s.label)).toEqual(['Matching included trajectories', 'T2 fraction 0.5']);
    expect(m.stages[0].counts).toMatchObject({ t1: 10, t2: 4 });
  });
  it('says when the fraction can only be approximated', () => {
    const m = selectMix([...rows('a', 'T1', 100), ...rows('b', 'T2', 10)], [], rules({ t2Fraction: 0.3 }));
    expect(m.summary).toMatchObject({ t1: 23, t2: 10 });
    expect(m.notes.join(' ')).toMatch(/T2 fraction is 0.303 \(target 0.3\)/);
  });
  it('a T2 fraction with no T2 rows is a clear error', () => {
    const m = selectMix(rows('a', 'T1', 5), [], rules({ t2Fraction: 0.5 }));
    expect(m.problems.map((p) => p.message)).toEqual(['A T2 fraction of 0.5 needs both T1 and T2 rows: 5 T1 and 0 T2 are available.']);
  });
  it('stage rule, ordered truncation threshold and row cap', () => {
    const pool = [...rows('a', 'T1', 3), ...rows('b', 'T2', 6, (i) => [1, 0.2, 0.8, null, 0.5, 0.9][i])];
    const m = selectMix(pool, [], rules({ stages: 'T2', minTruncationRatio: 0.5, maxRows: 3 }));
    expect(m.specialized.map((c) => c.id)).toEqual(['b000', 'b005', 'b002']);
    expect(m.stages.map((s) => [s.label, s.counts.t1, s.counts.t2])).toEqual([
      ['Matching included trajectories', 3, 6],
      ['T2 only', 0, 6],
      ['Truncation ratio ≥ 0.5 at 32K', 0, 4],
      ['Row cap 3', 0, 3],
    ]);
    expect(m.notes.join(' ')).toMatch(/1 rows have no truncation ratio/);
  });
  it('adds general rows for a specialization ratio', () => {
    const m = selectMix(rows('s', 'T2', 6), rows('g', 'T2', 10), rules({ specializationRatio: 0.75 }));
    expect(m.problems.map((p) => p.message)).toEqual([]);
    expect(m.summary).toMatchObject({ t2: 6, general: 2, rows: 8, specializationRatio: 0.75 });
  });
  it('specialization ratio with a row cap splits the cap', () => {
    const m = selectMix(rows('s', 'T2', 100), rows('g', 'T2', 100), rules({ specializationRatio: 0.6, maxRows: 10 }));
    expect(m.summary).toMatchObject({ t2: 6, general: 4, rows: 10 });
  });
  it('reports when not enough general rows exist and says what would fit', () => {
    const m = selectMix(rows('s', 'T2', 300), rows('g', 'T2', 120), rules({ specializationRatio: 0.5 }));
    expect(m.problems).toHaveLength(1);
    expect(m.problems[0].message).toBe(
      'Not enough general rows: a specialization ratio of 0.5 with 300 specialized rows needs 300 general rows, but only 120 match the general selection. Raise the ratio to at least 0.715, broaden the general selection, or cap the rows at 240.',
    );
    expect(m.general).toHaveLength(120);
  });
  it('empty selections name the rule that emptied them', () => {
    expect(selectMix([], [], rules()).problems.map((p) => p.message)).toEqual(['No included trajectories match this selection.']);
    expect(selectMix(rows('a', 'T1', 2), [], rules({ stages: 'T2' })).problems.map((p) => p.message)).toEqual(['None of the 2 matching trajectories are T2.']);
    expect(selectMix(rows('a', 'T1', 2, () => 0.1), [], rules({ minTruncationRatio: 0.5 })).problems.map((p) => p.message)).toEqual(['All 2 matching trajectories have a truncation ratio below 0.5.']);
  });
  it('is deterministic: ties break by id', () => {
    const pool = rows('x', 'T2', 5).reverse();
    expect(selectMix(pool, [], rules({ maxRows: 2 })).specialized.map((c) => c.id)).toEqual(['x000', 'x001']);
  });
});
