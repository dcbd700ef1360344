import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalBackend } from '../local-backend';
import type { BackendStatus, ComputeBackend, JobHandle } from '../types';
import { svgGenerationJob } from './svg-generation';

// vLLM needs a GPU, so these runs put a FAKE `vllm` (a tiny HTTP server that answers
// /health after a delay, or dies) and a recording `specialist` first on PATH, and run the
// real generated script through the real local backend.
const root = mkdtempSync(path.join(tmpdir(), 'specialist-svg-template-'));
const bin = path.join(root, 'fake-bin');
afterAll(() => rmSync(root, { recursive: true, force: true }));

function writeExe(name: string, body: string) {
  const f = path.join(bin, name);
  writeFileSync(f, body);
  chmodSync(f, 0o755);
}

function listenOn(port: number): Promise<import('node:net').Server | null> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(null));
    s.listen(port, '127.0.0.1', () => resolve(s));
  });
}

// The script runs shard i's vLLM on port + i, so every port of the range must be free,
// not just the first (CI failed once when port + 1 was taken by a parallel test).
async function freePorts(count: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = await listenOn(0);
    const a = first?.address();
    if (!first || typeof a !== 'object' || !a) continue;
    const rest = [];
    for (let i = 1; i < count; i++) rest.push(await listenOn(a.port + i));
    const all = [first, ...rest];
    await Promise.all(all.map((s) => s && new Promise((r) => s.close(r))));
    if (rest.every(Boolean)) return a.port;
  }
  throw new Error(`no ${count} consecutive free ports`);
}

async function portOpen(port: number): Promise<boolean> {
  await new Promise((r) => setTimeout(r, 300)); // SIGTERM from the EXIT trap needs a moment
  return new Promise((resolve) => {
    const c = connect(port, '127.0.0.1');
    c.once('connect', () => {
      c.destroy();
      resolve(true);
    });
    c.once('error', () => resolve(false));
  });
}

async function waitDone(b: ComputeBackend, h: JobHandle): Promise<BackendStatus> {
  const t0 = Date.now();
  for (;;) {
    const s = await b.status(h);
    if (!['queued', 'running'].includes(s.state)) return s;
    if (Date.now() - t0 > 90_000) throw new Error(`timeout ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

async function logOf(b: ComputeBackend, h: JobHandle) {
  let t = '';
  for await (const c of b.logs(h)) t += c.text;
  return t;
}

describe('SVG generation template run by the local backend with a fake vLLM (no GPU here)', () => {
  beforeAll(writeFakeBinaries);
  const backend = createLocalBackend({ workRoot: path.join(root, 'jobs') });
  const calls = path.join(root, 'specialist-calls.txt');

  it('each of 2 shards waits for its own fake vLLM (port + SHARD_INDEX), then runs the rollout worker with the token', async () => {
    const port = await freePorts(2);
    const spec = svgGenerationJob({
      runId: 'r1',
      dashboardUrl: 'http://127.0.0.1:9',
      workerToken: 'token-xyz-123',
      shards: 2,
      setup: [`export PATH=${bin}:$PATH`, 'export FAKE_VLLM_MODE=healthy'],
      env: { CALLS_FILE: calls },
      teacher: { kind: 'vllm', model: 'zai-org/GLM-4.5-Air', tensorParallelSize: 1, maxModelLen: 4096, port, waitSeconds: 60 },
    });
    const h = await backend.submit(spec);
    const st = await waitDone(backend, h);
    if (st.state !== 'succeeded') {
      let shard1 = '';
      for await (const c of backend.logs(h, { shard: 1 })) shard1 += c.text;
      expect.fail(`job ${st.state}; shard 0 log:\n${await logOf(backend, h)}\nshard 1 log:\n${shard1}`);
    }
    expect(st).toMatchObject({ state: 'succeeded', exitCode: 0 });
    expect(await logOf(backend, h)).toContain(`vllm healthy on port ${port}`);
    let second = '';
    for await (const c of backend.logs(h, { shard: 1 })) second += c.text;
    expect(second).toContain(`vllm healthy on port ${port + 1}`);
    const recorded = readFileSync(calls, 'utf8').split('\n').filter(Boolean).sort();
    expect(recorded).toEqual([
      `rollout-worker --shard 0 --shards 2 --run-id r1 --dashboard-url http://127.0.0.1:9 --model-url http://127.0.0.1:${port}/v1 --model zai-org/GLM-4.5-Air token-length=13`,
      `rollout-worker --shard 1 --shards 2 --run-id r1 --dashboard-url http://127.0.0.1:9 --model-url http://127.0.0.1:${port + 1}/v1 --model zai-org/GLM-4.5-Air token-length=13`,
    ]);
    // the vLLM started by the job is stopped when the job script exits
    const vllmArgs = readFileSync(path.join(h.data.jobDir as string, 'work', 'fake-vllm-args.txt'), 'utf8');
    expect(vllmArgs).toContain('--tool-call-parser glm45');
    expect(vllmArgs).not.toContain('--reasoning-parser');
    expect(await portOpen(port)).toBe(false);
    expect(await portOpen(port + 1)).toBe(false);
  });

  it('fails fast with the vLLM log tail when the server dies before becoming healthy', async () => {
    const port = await freePorts(1);
    const spec = svgGenerationJob({
      runId: 'r2',
      dashboardUrl: 'http://127.0.0.1:9',
      workerToken: 'token-xyz-123',
      shards: 1,
      setup: [`export PATH=${bin}:$PATH`, 'export FAKE_VLLM_MODE=crash'],
      env: { CALLS_FILE: calls },
      teacher: { kind: 'vllm', model: 'Qwen/Qwen3-8B', tensorParallelSize: 1, maxModelLen: 4096, port, waitSeconds: 20 },
    });
    const h = await backend.submit(spec);
    const st = await waitDone(backend, h);
    expect(st).toMatchObject({ state: 'failed', exitCode: 1 });
    const log = await logOf(backend, h);
    expect(log).toContain('vllm exited before becoming healthy');
    expect(log).toContain('CUDA out of memory (fake)');
  });
});

function writeFakeBinaries() {
  mkdirSync(bin, { recursive: true });
  writeExe(
    'vllm',
    `#!/bin/bash
# FAKE vllm for tests: records its args; "healthy" serves /health after 1 s, "crash" dies.
echo "$@" > fake-vllm-args.txt
port=8000; while [ $# -gt 0 ]; do [ "$1" = --port ] && port=$2; shift; done
if [ "$FAKE_VLLM_MODE" = crash ]; then echo "torch.OutOfMemoryError: CUDA out of memory (fake)"; exit 1; fi
mkdir -p fake-vllm-www && touch fake-vllm-www/health
sleep 1
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory fake-vllm-www
`,
  );
  writeExe(
    'specialist',
    `#!/bin/bash
# recording stand-in for the rollout worker
echo "$@ token-length=\${#SPECIALIST_WORKER_TOKEN}" >> "$CALLS_FILE"
`,
  );
}
