// Soft-verification throughput (pairs/s) and Qwen3 tokenization throughput (tokens/s).
import { countTokens } from '../server/engine/dataset';
import { lineRecall } from '../server/engine/verify';
import type { Bench } from './bench';

function patch(seed: number, lines: number): string {
  const out = [`diff --git a/pkg/m${seed % 7}.py b/pkg/m${seed % 7}.py`, '--- a/x', '+++ b/x', '@@ -1,5 +1,5 @@'];
  for (let i = 0; i < lines; i++) out.push(`${i % 2 ? '+' : '-'}    value_${(seed * 31 + i) % 97} = compute(${i}, ${seed % 5})`, ` context line ${i}`);
  return out.join('\n');
}

export const bench: Bench = {
  async run({ short }) {
    const pairs = short ? 5_000 : 100_000;
    const p1 = Array.from({ length: 200 }, (_, i) => patch(i, 20));
    const p2 = Array.from({ length: 200 }, (_, i) => patch(i + 1, 20));
    let t0 = performance.now();
    let sink = 0;
    for (let i = 0; i < pairs; i++) sink += lineRecall(p1[i % 200], p2[i % 200]).matched.length;
    const recallSec = (performance.now() - t0) / 1000;
    const text = Array.from({ length: short ? 200 : 2000 }, (_, i) => `def f_${i}(x):\n    return x * ${i}  # 注释 ${i}\n`).join('');
    countTokens('warm up');
    t0 = performance.now();
    const tokens = countTokens(text);
    const tokSec = (performance.now() - t0) / 1000;
    void sink;
    return [
      { metric: 'recall pairs/s (20-line patches)', value: Math.round(pairs / recallSec), unit: 'pairs/s', target: '>= 10,000', ok: pairs / recallSec >= 10_000 },
      { metric: 'Qwen3 tokenization', value: Math.round(tokens / tokSec), unit: 'tokens/s', target: '>= 50,000', ok: tokens / tokSec >= 50_000 },
    ];
  },
};
