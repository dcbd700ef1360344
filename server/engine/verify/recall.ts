// Soft verification: line-level recall of P1's changed lines in P2, exactly as SERA's
// compare_patch_recall (SERA-PIPELINE-FACTS §6.1): headers skipped by raw prefix, blank
// changes ignored, lines compared whole (sign and whitespace included), multiset matching
// across files, and "undefined" when P1 has no changed lines.
import { isBlankPython, splitlines } from './python-text';

export type VerificationLevel = 'hard' | 'soft' | 'unverified' | 'undefined';

export interface RecallResult {
  /** matched / |P1 lines|; null when P1 has no changed lines. */
  recall: number | null;
  level: VerificationLevel;
  matched: string[];
  missed: string[];
  p1Lines: number;
  p2Lines: number;
}

const HEADER = /^(diff|---|\+\+\+|@@)/;

/** The changed lines SERA compares, in order, duplicates kept. */
export function changedLines(patch: string): string[] {
  const out: string[] = [];
  for (const line of splitlines(patch)) {
    if (HEADER.test(line)) continue;
    const c = line[0];
    if ((c === '+' || c === '-') && !isBlankPython(line.slice(1))) out.push(line);
  }
  return out;
}

export function lineRecall(p1: string, p2: string): RecallResult {
  const target = changedLines(p1);
  const produced = changedLines(p2);
  const pool = new Map<string, number>();
  for (const l of produced) pool.set(l, (pool.get(l) ?? 0) + 1);
  const matched: string[] = [];
  const missed: string[] = [];
  for (const l of target) {
    const n = pool.get(l) ?? 0;
    if (n > 0) {
      pool.set(l, n - 1);
      matched.push(l);
    } else missed.push(l);
  }
  if (!target.length) return { recall: null, level: 'undefined', matched, missed, p1Lines: 0, p2Lines: produced.length };
  const recall = matched.length / target.length;
  const level: VerificationLevel = recall === 1 ? 'hard' : recall > 0 ? 'soft' : 'unverified';
  return { recall, level, matched, missed, p1Lines: target.length, p2Lines: produced.length };
}

/** SERA's verdict at a threshold: undefined recall is never verified (not even at 0). */
export function isVerified(r: RecallResult, threshold: number): boolean {
  return r.recall !== null && r.recall >= threshold;
}

/**
 * Patch size for the `long_edit` filter (SERA-PIPELINE-FACTS §8.3): added + deleted lines,
 * skipping `+++`, `---`, `diff --git` and `@@` lines and, unlike recall, counting blank ones.
 */
export function patchEditLines(patch: string): number {
  let n = 0;
  for (const line of splitlines(patch)) {
    if (line.startsWith('+++') || line.startsWith('---') || line.startsWith('diff --git') || line.startsWith('@@')) continue;
    if (line.startsWith('+') || line.startsWith('-')) n++;
  }
  return n;
}
