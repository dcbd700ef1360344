import { describe, expect, it } from 'vitest';
import { roundHalfEven, selectCommits } from './select-commits';

const range = (m: number) => Array.from({ length: m }, (_, i) => i);

describe('commit selection (SERA §2.1)', () => {
  it('rounds like Python', () => {
    expect([0.5, 1.5, 2.5, 3.5, 2.4, 2.6].map(roundHalfEven)).toEqual([0, 2, 2, 4, 2, 3]);
  });
  it('takes the newest for n = 1 and everything when n ≥ m', () => {
    expect(selectCommits(range(10), 1)).toEqual([9]);
    expect(selectCommits(range(3), 5)).toEqual([0, 1, 2]);
    expect(selectCommits([], 5)).toEqual([]);
  });
  it('spreads n picks evenly over the window, oldest first', () => {
    expect(selectCommits(range(101), 5)).toEqual([0, 25, 50, 75, 100]);
    // m = 6, n = 5: i·5/4 = 0, 1.25, 2.5, 3.75, 5 → 0, 1, 2 (half-to-even), 4, 5
    expect(selectCommits(range(6), 5)).toEqual([0, 1, 2, 4, 5]);
  });
  it('tops up duplicates with the newest unused commits', () => {
    // m = 4, n = 3: 0, 1.5→2, 3 → no duplicates
    expect(selectCommits(range(4), 3)).toEqual([0, 2, 3]);
    const picked = selectCommits(range(7), 6);
    expect(new Set(picked).size).toBe(6);
    expect(picked).toEqual([...picked].sort((a, b) => a - b));
  });
});
