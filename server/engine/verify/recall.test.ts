import { describe, expect, it } from 'vitest';
import { changedLines, isVerified, lineRecall, patchEditLines } from './recall';

const hdr = (f: string) => `diff --git a/${f} b/${f}\nindex 1111111..2222222 100644\n--- a/${f}\n+++ b/${f}\n@@ -1,3 +1,3 @@\n`;

describe('line-level recall (SERA-PIPELINE-FACTS §6, worked examples)', () => {
  it('example 1: same fix, one different added line → 2/3', () => {
    const p1 = hdr('pkg/calc.py') + ' def f(x):\n-        return 0\n+        return None\n+    log.debug("x=%s", x)\n';
    const p2 = hdr('pkg/calc.py').replace('2222222', '3333333') + ' def f(x):\n-        return 0\n+        return None\n+    print(x)\n';
    const r = lineRecall(p1, p2);
    expect(r.recall).toBeCloseTo(2 / 3, 10);
    expect(r.level).toBe('soft');
    expect(r.missed).toEqual(['+    log.debug("x=%s", x)']);
    expect([0, 0.5].map((t) => isVerified(r, t))).toEqual([true, true]);
    expect([0.67, 1].map((t) => isVerified(r, t))).toEqual([false, false]);
  });

  it('example 2: different files match, blank additions ignored, trailing spaces matter → 2/3', () => {
    const p1 = hdr('a.py') + '-x = 1\n+x = 2\n+\n+y = x  \n';
    const p2 = hdr('b.py') + '-x = 1\n+x = 2\n+y = x\n';
    const r = lineRecall(p1, p2);
    expect(r.p1Lines).toBe(3);
    expect(r.recall).toBeCloseTo(2 / 3, 10);
    expect(r.missed).toEqual(['+y = x  ']);
  });

  it('example 3: multiset matching, the sign counts, "--" content is dropped like a header → 1/3', () => {
    const p1 = '+    pass\n+    pass\n--- old sql comment\n-keep = True\n';
    const p2 = '+    pass\n+keep = True\n';
    const r = lineRecall(p1, p2);
    expect(changedLines(p1)).toEqual(['+    pass', '+    pass', '-keep = True']);
    expect(r.recall).toBeCloseTo(1 / 3, 10);
    expect([0, 0.5].map((t) => isVerified(r, t))).toEqual([true, false]);
  });

  it('empty P1 or whitespace-only changes are undefined and never verified, even at 0', () => {
    for (const p1 of ['', hdr('a.py') + '+\n-   \n+\t\n']) {
      const r = lineRecall(p1, '+a\n');
      expect(r.recall).toBeNull();
      expect(r.level).toBe('undefined');
      expect(isVerified(r, 0)).toBe(false);
    }
  });

  it('zero overlap is unverified but passes threshold 0; identical is hard', () => {
    const r = lineRecall('+a = 1\n', '+b = 2\n');
    expect(r).toMatchObject({ recall: 0, level: 'unverified' });
    expect(isVerified(r, 0)).toBe(true);
    expect(lineRecall('+a = 1\n-b\n', '-b\n+a = 1\n+extra\n').level).toBe('hard');
  });

  it('splits lines like Python: \\r\\n and form feeds', () => {
    expect(lineRecall('+a = 1\r\n+b = 2\r\n', '+a = 1\n').recall).toBe(0.5);
    expect(changedLines('+a\x0cb\n')).toEqual(['+a']);
  });

  it('multi-file patches, moved lines and deletions-only patches', () => {
    const p1 = hdr('a.py') + '-old_a()\n' + hdr('b.py') + '-old_b()\n';
    expect(lineRecall(p1, hdr('b.py') + '-old_a()\n-old_b()\n').recall).toBe(1); // order and file do not matter
    expect(lineRecall(p1, hdr('a.py') + '-old_a()\n').recall).toBe(0.5);
    const moved = lineRecall(hdr('a.py') + '-    x = 1\n+    x = 1\n', hdr('a.py') + '+    x = 1\n-    x = 1\n');
    expect(moved.recall).toBe(1);
  });

  it('counts patch size for the long_edit filter, blank lines included', () => {
    expect(patchEditLines(hdr('a.py') + '+a\n+\n-b\n context\n')).toBe(3);
  });
});
