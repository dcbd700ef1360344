import { describe, expect, it } from 'vitest';
import type { Trajectory } from '../agent';
import { runSvgSample, seededRandom, type SvgDeps } from './pipeline';
import { judgeVerdict } from './prompts';

// Fakes: rollouts that return canned trajectories, and a scripted teacher chat (fake LLM).
const traj = (patch: string, task: string): Trajectory =>
  ({
    schemaVersion: 1,
    instanceId: null,
    model: 'fake',
    sandbox: 'fake',
    baseCommit: null,
    messages: [
      { role: 'system', content: 'sys' },
      { role: 'user', content: task },
    ],
    steps: [],
    exitStatus: 'submitted',
    error: null,
    patch,
    usage: { prompt: 0, cached: 0, completion: 0, apiCalls: 0 } as never,
    costUsd: 0,
    startedAtMs: 0,
    durationMs: 0,
  }) as Trajectory;

const seed = { id: 'pkg/m.py::f', file: 'pkg/m.py', name: 'f', commit: 'abc' };
const P1 = '--- a/pkg/m.py\n+++ b/pkg/m.py\n@@ -1 +1,2 @@\n def f(x):\n+    if x is None:\n+        raise ValueError("x")\n';

function fakeDeps(over: Partial<SvgDeps> & { verdicts?: string[]; patches?: { T1: string[]; T2: string } } = {}) {
  const verdicts = [...(over.verdicts ?? ['<output>yes</output>'])];
  const t1Patches = [...(over.patches?.T1 ?? [P1])];
  const calls: string[] = [];
  const seen = new Set<string>();
  const deps: SvgDeps = {
    rand: seededRandom(3),
    seenPatches: { has: (h) => seen.has(h), add: (h) => void seen.add(h) },
    async rollout({ stage, problemStatement }) {
      calls.push(`${stage}:${problemStatement.slice(0, 20)}`);
      const patch = stage === 'T1' ? (t1Patches.length > 1 ? t1Patches.shift()! : t1Patches[0]) : (over.patches?.T2 ?? P1);
      return { trajectory: traj(patch, problemStatement), patch };
    },
    async chat(messages) {
      const u = messages[1].content;
      if (u.includes('<initial_prompt>')) return verdicts.length > 1 ? verdicts.shift()! : verdicts[0];
      return '<output>Calling f(None) gives a confusing TypeError.</output>';
    },
    ...over,
  };
  return { deps, calls };
}

describe('SVG sample (fake rollouts and scripted teacher chat)', () => {
  it('rollout 1 → judge yes → PR → rollout 2 → recall', async () => {
    const { deps, calls } = fakeDeps({ patches: { T1: [P1], T2: P1.replace('raise ValueError("x")', 'raise TypeError("x")') } });
    const r = await runSvgSample(seed, deps);
    expect(r.status).toBe('complete');
    expect(r.pr).toContain('confusing TypeError');
    expect(calls.map((c) => c.split(':')[0])).toEqual(['T1', 'T2']);
    expect(r.recall?.recall).toBe(0.5);
    expect(r.recall?.level).toBe('soft');
  });

  it('retries with a new request when the judge says no, up to 3 runs', async () => {
    const { deps, calls } = fakeDeps({ verdicts: ['<output>no</output>', '<output>No</output>', '<output>yes</output>'] });
    const r = await runSvgSample(seed, deps);
    expect(r.attempts).toBe(3);
    expect(r.status).toBe('complete');
    expect(calls.filter((c) => c.startsWith('T1'))).toHaveLength(3);
    const rejected = await runSvgSample(seed, fakeDeps({ verdicts: ['<output>no</output>'] }).deps);
    expect(rejected.status).toBe('self_check_rejected');
    expect(rejected.t2).toBeNull();
  });

  it('a missing verdict is asked again (3 times), then counts as no', async () => {
    const r = await runSvgSample(seed, fakeDeps({ verdicts: ['I think so'] }).deps, { maxAttempts: 1 });
    expect(r.judgeCalls).toBe(3);
    expect(r.status).toBe('self_check_rejected');
  });

  it('rejects empty and duplicate patches', async () => {
    expect((await runSvgSample(seed, fakeDeps({ patches: { T1: [''], T2: '' } }).deps)).status).toBe('empty_patch');
    const { deps } = fakeDeps();
    expect((await runSvgSample(seed, deps)).status).toBe('complete');
    expect((await runSvgSample(seed, deps)).status).toBe('duplicate_patch');
  });

  it('parses verdicts like SERA (lowercased, first <output>, stripped)', () => {
    expect(judgeVerdict('<OUTPUT> Yes \n</OUTPUT>')).toBe(true);
    expect(judgeVerdict('<output>no</output><output>yes</output>')).toBe(false);
    expect(judgeVerdict('yes')).toBeNull();
  });
});
