// Which commits of a repository become "repository instances" (SERA-PIPELINE-FACTS §2.1):
// n commits picked from the look-back window at indices round(i·(m−1)/(n−1)), with
// Python's round-half-to-even, de-duplicated, topped up with the newest unused commits
// and returned oldest first.

/** Python 3 `round()` for non-negative x: halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const diff = x - f;
  if (Math.abs(diff - 0.5) < 1e-9) return f % 2 === 0 ? f : f + 1;
  return Math.round(x);
}

/**
 * @param oldestFirst commits in the window, oldest first (`git log --reverse`)
 * @param n how many to pick (SERA's default is 5)
 */
export function selectCommits<T>(oldestFirst: T[], n: number): T[] {
  const m = oldestFirst.length;
  if (m === 0 || n <= 0) return [];
  if (n === 1) return [oldestFirst[m - 1]];
  if (n >= m) return [...oldestFirst];
  const picked = new Set<number>();
  for (let i = 0; i < n; i++) picked.add(roundHalfEven((i * (m - 1)) / (n - 1)));
  for (let j = m - 1; picked.size < n && j >= 0; j--) picked.add(j);
  return [...picked].sort((a, b) => a - b).map((i) => oldestFirst[i]);
}
