// A 4-shard Slurm array job whose shards each produce result lines; collecting them
// through the worker-API ingestion twice (a redelivery) stores every result exactly once.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalShellExec, parseJobSpec, SlurmBackend, type ComputeBackend, type JobHandle } from '@/server/engine/backends';
import { slurmUnavailableReason, startTestSlurm, type TestSlurm } from '@/server/testing/slurm';
import { createTestDatabase, type TestDatabase } from '@/server/testing/database';
import { hashToken } from './jobs';
import { ingestResults, readJobResults } from './job-worker-api';

const unavailable = slurmUnavailableReason();

async function waitDone(b: ComputeBackend, h: JobHandle) {
  for (let i = 0; i < 240; i++) {
    const s = await b.status(h);
    if (!['queued', 'running'].includes(s.state)) return s;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('job did not finish');
}

describe.skipIf(!!unavailable)(`results of a 4-shard Slurm array job are ingested exactly once${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let slurm: TestSlurm;
  let t: TestDatabase;
  beforeAll(async () => {
    slurm = await startTestSlurm({ gpus: 2 });
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await slurm?.stop();
    await t?.drop();
  });

  it('collects every shard twice and keeps each result once', async () => {
    const org = await t.db.organization.create({ data: { name: 'O', slug: 'o' } });
    const token = 'tok-' + Math.random().toString(36).slice(2);
    const job = await t.db.job.create({ data: { orgId: org.id, kind: 'svg_generation', state: 'running', tokenHash: hashToken(token) } });
    const backend = new SlurmBackend(new LocalShellExec(), { workRoot: slurm.jobsDir, env: slurm.env });
    const handle = await backend.submit(
      parseJobSpec({
        name: 'rollout shards',
        shards: 4,
        outputs: ['results'],
        command: { script: 'mkdir -p results && for k in 0 1; do echo "{\\"shard\\": $SHARD_INDEX, \\"sample\\": $k}"; done > results/shard-$SHARD_INDEX.ndjson' },
      }),
    );
    const st = await waitDone(backend, handle);
    expect(st.state).toBe('succeeded');
    const deps = { db: t.db, dataDir: mkdtempSync(path.join(tmpdir(), 'ingest-')) };
    for (const round of [1, 2]) {
      for (let shard = 0; shard < 4; shard++) {
        const body = (await backend.download(handle, `results/shard-${shard}.ndjson`)).toString();
        await ingestResults(deps, token, `${job.id}-shard-${shard}`, body);
      }
      void round;
    }
    const results = (await readJobResults(deps, job.id)) as { shard: number; sample: number }[];
    expect(results).toHaveLength(8);
    expect(new Set(results.map((r) => `${r.shard}:${r.sample}`)).size).toBe(8);
  }, 120_000);
});
