import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseJobSpec } from './job-spec';
import { createLocalBackend } from './local-backend';

const root = mkdtempSync(path.join(tmpdir(), 'specialist-gpu-slots-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('local backend GPU slots (real processes; no GPU needed to see the assignment)', () => {
  it('gives concurrent shards disjoint CUDA_VISIBLE_DEVICES ranges', async () => {
    const b = createLocalBackend({ workRoot: root });
    const h = await b.submit(
      parseJobSpec({ name: 'gpus', gpus: 2, shards: 3, command: { script: 'echo "dev=$CUDA_VISIBLE_DEVICES"' } }),
    );
    const t0 = Date.now();
    while ((await b.status(h)).state !== 'succeeded') {
      if (Date.now() - t0 > 15_000) throw new Error('timeout');
      await new Promise((r) => setTimeout(r, 100));
    }
    const out: string[] = [];
    for (let shard = 0; shard < 3; shard++) {
      let t = '';
      for await (const c of b.logs(h, { shard })) t += c.text;
      out.push(t.trim());
    }
    expect(out).toEqual(['dev=0,1', 'dev=2,3', 'dev=4,5']);
  });
});
