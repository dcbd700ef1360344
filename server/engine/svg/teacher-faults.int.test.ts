// A generation stage against a misbehaving teacher. A FAKE LLM (no model can run here) sits in
// front of the scripted teacher on 127.0.0.1 and, for chosen seed functions only, answers 500s,
// 429s, garbage tool calls or nothing at all. Real Python repository, real bubblewrap rollouts,
// real model client with its retries: each poisoned sample must end with a specific reason,
// the 429 one must recover, and every other sample must still complete.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '@/server/testing/closed-port';
import { createPythonFixtureRepo, type PythonFixtureRepo } from '@/server/testing/fixtures/python-repo';
import { startScriptedTeacher, type ScriptedTeacher } from '../agent';
import { runSvgSample, seededRandom, type SampleResult, type SeedFunction } from './pipeline';
import { makeRollout, teacherChat, type TeacherConfig } from './rollout';
import { isBrokenSample, runSamples, sampleKey } from './run';

type Fault = 'http_500' | 'garbage_tool_calls' | 'stall' | 'rate_limited_twice' | 'judge_500';
const FAULTS: Record<string, Fault> = {
  subtract: 'http_500',
  slugify: 'garbage_tool_calls',
  word_count: 'stall',
  variance: 'rate_limited_twice',
  median: 'judge_500',
};
const HEALTHY = ['clamp', 'truncate'];

const FILES: Record<string, string> = {
  subtract: 'calckit/arith.py',
  clamp: 'calckit/arith.py',
  slugify: 'calckit/text.py',
  word_count: 'calckit/text.py',
  truncate: 'calckit/text.py',
  variance: 'calckit/stats.py',
  median: 'calckit/stats.py',
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let b = '';
    req.on('data', (c) => (b += c));
    req.on('end', () => resolve(b));
  });
}

/** The fake LLM: forwards to the scripted teacher unless the request is about a poisoned seed. */
async function startFaultyTeacher(upstream: ScriptedTeacher) {
  const seen: Record<string, number> = {};
  const stalled: ServerResponse[] = [];
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const json = (body ? JSON.parse(body) : {}) as { tools?: unknown[]; messages?: { content?: unknown }[] };
    // the seed's function name is in the task (rollout) and in the quoted task (self-check);
    // the self-check's step dump also quotes whole files, so only its <initial_prompt> counts
    const all = JSON.stringify(json.messages?.slice(0, 2) ?? []);
    const task = all.includes('<initial_prompt>') ? all.slice(all.indexOf('<initial_prompt>')) : all;
    const name = Object.keys(FAULTS).find((n) => new RegExp(`\\b${n}\\b`).test(task));
    const fault = name ? FAULTS[name] : undefined;
    const isRollout = Array.isArray(json.tools) && json.tools.length > 0;
    if (name) seen[name] = (seen[name] ?? 0) + 1;
    const reply = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(typeof payload === 'string' ? payload : JSON.stringify(payload));
    };
    if (req.url?.endsWith('/chat/completions')) {
      if (fault === 'http_500' && isRollout) return reply(500, { error: { message: 'internal error (fake LLM)' } });
      if (fault === 'judge_500' && !isRollout) return reply(500, { error: { message: 'internal error (fake LLM)' } });
      if (fault === 'stall' && isRollout) return void stalled.push(res); // never answers
      if (fault === 'rate_limited_twice' && seen[name!] <= 2) return reply(429, { error: { message: 'slow down' } }, { 'retry-after': '0' });
      if (fault === 'garbage_tool_calls' && isRollout)
        return reply(200, {
          id: 'x',
          object: 'chat.completion',
          model: upstream.model,
          choices: [{ index: 0, finish_reason: 'tool_calls', message: { role: 'assistant', content: '<tool_call>{{{', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'bash', arguments: '{"command": ' } }] } }],
          usage: { prompt_tokens: 10, completion_tokens: 5 },
        });
    }
    const up = await fetch(`${upstream.url}${req.url!.replace(/^\/v1/, '')}`, { method: req.method, headers: { 'content-type': 'application/json' }, body: req.method === 'POST' ? body : undefined });
    reply(up.status, await up.text());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    seen,
    close: () =>
      new Promise<void>((r) => {
        for (const s of stalled) s.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

describe('a generation stage with a misbehaving teacher (bubblewrap, fake LLM in front of the scripted teacher)', () => {
  let upstream: ScriptedTeacher;
  let faulty: Awaited<ReturnType<typeof startFaultyTeacher>>;
  let repo: PythonFixtureRepo;
  const root = mkdtempSync(path.join(tmpdir(), 'svg-faults-'));
  beforeAll(async () => {
    upstream = await startScriptedTeacher({});
    faulty = await startFaultyTeacher(upstream);
    repo = await createPythonFixtureRepo(path.join(root, 'calckit'));
  });
  afterAll(async () => {
    await faulty?.close();
    await upstream?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('poisoned samples fail with a specific reason, a 429 recovers, and the stage finishes every other sample', async () => {
    const commit = repo.commits.at(-1)!;
    const names = [...Object.keys(FAULTS), ...HEALTHY];
    const seeds: SeedFunction[] = names.map((n) => ({ id: `${FILES[n]}::${n}`, file: FILES[n], name: n, commit }));
    // short retry/timeout policy so the test is quick; the behaviour is the production one
    const teacher: TeacherConfig = { baseUrl: faulty.url, model: upstream.model, client: { maxRetries: 2, initialBackoffMs: 10, maxBackoffMs: 50, attemptTimeoutMs: 2_500 } };
    const rollout = makeRollout({ source: repo.dir, workRoot: path.join(root, 'work'), teacher, maxSteps: 30, wallClockMs: 60_000 });
    const chat = teacherChat(teacher);
    const saved = new Map<string, SampleResult>();
    const seen = new Set<string>();
    const progress = await runSamples({
      seeds,
      concurrency: 2,
      store: { finishedKeys: async () => new Set(saved.keys()), save: async (k, r) => void saved.set(k, r) },
      sample: (seed) => runSvgSample(seed, { rollout, chat, rand: seededRandom(seeds.indexOf(seed) + 1), seenPatches: { has: (h) => seen.has(h), add: (h) => void seen.add(h) } }),
    });

    expect(progress.done).toBe(seeds.length);
    expect(progress.stoppedBecause).toBeUndefined();
    const by = (n: string) => saved.get(sampleKey(seeds[names.indexOf(n)]))!;

    expect(by('subtract').status).toBe('empty_patch');
    expect(by('subtract').reason).toMatch(/model_error: .*500/);
    expect(by('slugify').status).toBe('empty_patch');
    expect(by('slugify').reason).toMatch(/format_error/);
    expect(by('word_count').status).toBe('empty_patch');
    expect(by('word_count').reason).toMatch(/model_error: no response within 2500 ms/);
    expect(by('median').status).toBe('teacher_failed');
    expect(by('median').reason).toMatch(/self-check call failed: .*500/);
    expect(by('median').t1?.patch).toBeTruthy(); // the rollout itself was fine and is kept for inspection
    // retried twice on 429, then served normally
    expect(by('variance').status).toBe('complete');
    expect(faulty.seen.variance).toBeGreaterThan(2);
    for (const n of HEALTHY) {
      expect(by(n).status, `${n}: ${by(n).reason}`).toBe('complete');
      expect(by(n).recall?.recall).toBeGreaterThan(0);
    }
    // each poisoned sample really reached the fake LLM
    for (const n of Object.keys(FAULTS)) expect(faulty.seen[n], n).toBeGreaterThan(0);
  }, 120_000);

  it('a dead teacher (nothing listening) stops the stage after a few broken samples instead of failing every seed', async () => {
    const commit = repo.commits.at(-1)!;
    const names = Object.keys(FILES);
    const many: SeedFunction[] = Array.from({ length: 28 }, (_, i) => {
      const n = names[i % names.length];
      return { id: `${FILES[n]}::${n}#${i}`, file: FILES[n], name: n, commit };
    });
    const teacher: TeacherConfig = { baseUrl: `http://127.0.0.1:${await closedPort()}/v1`, model: upstream.model, client: { maxRetries: 1, initialBackoffMs: 10, maxBackoffMs: 20, attemptTimeoutMs: 2_000 } };
    const rollout = makeRollout({ source: repo.dir, workRoot: path.join(root, 'dead'), teacher, maxSteps: 5, wallClockMs: 30_000 });
    const saved = new Map<string, SampleResult>();
    const progress = await runSamples({
      seeds: many,
      concurrency: 2,
      store: { finishedKeys: async () => new Set(saved.keys()), save: async (k, r) => void saved.set(k, r) },
      sample: (seed) => runSvgSample(seed, { rollout, chat: teacherChat(teacher), rand: seededRandom(many.indexOf(seed) + 1), seenPatches: { has: () => false, add: () => {} } }),
    });
    expect(progress.failedBecause).toMatch(/^Stopped after 8 failed samples in a row.*Last error: .*(ECONNREFUSED|fetch failed|network)/s);
    expect(saved.size).toBeGreaterThanOrEqual(8);
    expect(saved.size).toBeLessThan(many.length / 2);
    for (const r of saved.values()) expect(isBrokenSample(r), r.reason ?? r.status).toBe(true);
  }, 120_000);
});
