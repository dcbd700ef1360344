import { describe, it, expect } from 'vitest';
import { InMemoryFakeSandbox } from '@/server/engine/sandbox';
import { runAgent, FakeClock, type RunAgentOptions } from './loop';
import { ModelError, type ModelClient, type ModelReply } from './model-client';
import { sweAgentTools } from './tools';
import { FORMAT_ERROR_MISSING, FORMAT_ERROR_MULTIPLE, SERA_INSTANCE_TEMPLATE, SERA_SYSTEM_TEMPLATE } from './templates';
import { fromSweAgentTraj, serializeTrajectory, parseTrajectory, toSweAgentTraj } from './trajectory-io';
import type { ChatMessage } from './types';

// Unit tests of the loop with a FAKE in-process model (a queue of canned replies) and the
// in-memory FAKE sandbox; the real HTTP + bubblewrap path is in loop.int.test.ts.

type Turn = Partial<ModelReply> | Error | ((messages: ChatMessage[]) => Partial<ModelReply>);
function fakeModel(turns: Turn[]): ModelClient & { seen: ChatMessage[][] } {
  const seen: ChatMessage[][] = [];
  let i = 0;
  return {
    model: 'fake-model',
    seen,
    async chat({ messages }) {
      seen.push(structuredClone(messages));
      const t = turns[Math.min(i++, turns.length - 1)];
      if (t instanceof Error) throw t;
      const r = typeof t === 'function' ? t(messages) : t;
      return { text: null, rawContent: null, reasoning: null, toolCalls: [], finishReason: 'tool_calls', usage: { promptTokens: 100, cachedTokens: 50, completionTokens: 10 }, attempts: 1, latencyMs: 1, ...r };
    },
  };
}
let n = 0;
const call = (name: string, args: unknown, raw = false) => ({ id: `c${++n}`, type: 'function' as const, function: { name, arguments: raw ? String(args) : JSON.stringify(args) } });
const say = (name: string, args: unknown, content = 'Thinking aloud.') => ({ rawContent: content, text: content, toolCalls: [call(name, args)] });

const PATCH = 'diff --git a/pkg/mod.py b/pkg/mod.py\n--- a/pkg/mod.py\n+++ b/pkg/mod.py\n@@ -1,2 +1,3 @@\n def f(x):\n+    assert x\n     return x\n';

function sandbox() {
  return new InMemoryFakeSandbox('/testbed', { '/testbed/pkg/mod.py': 'def f(x):\n    return x\n' }, (cmd) => {
    if (cmd.startsWith('git add -A')) return { stdout: PATCH };
    if (cmd === 'bash -n') return {};
    if (cmd.includes('python')) return { stdout: 'ok\n' };
    return { stdout: '' };
  });
}

function opts(model: ModelClient, extra: Partial<RunAgentOptions> = {}): RunAgentOptions {
  return { model, sandbox: sandbox(), tools: sweAgentTools(), systemTemplate: SERA_SYSTEM_TEMPLATE, instanceTemplate: SERA_INSTANCE_TEMPLATE, vars: { problem_statement: 'f is wrong' }, ...extra };
}

describe('runAgent (fake model, fake sandbox)', () => {
  it('view → edit → run → submit twice (review stage) ends submitted with the patch, resending the full history', async () => {
    const model = fakeModel([
      { ...say('str_replace_editor', { command: 'view', path: '/testbed/pkg/mod.py' }), reasoning: 'look first' },
      say('str_replace_editor', { command: 'insert', path: '/testbed/pkg/mod.py', insert_line: 1, new_str: '    assert x' }),
      say('bash', { command: 'python -c "print(1)"' }),
      say('submit', {}),
      say('submit', {}),
    ]);
    const steps: number[] = [];
    const t = await runAgent(opts(model, { deps: { onStep: (s) => steps.push(s.index) } }));
    expect(t.exitStatus).toBe('submitted');
    expect(t.patch).toBe(PATCH);
    expect(steps).toEqual([0, 1, 2, 3, 4]);
    expect(t.messages[0]).toEqual({ role: 'system', content: SERA_SYSTEM_TEMPLATE });
    expect(t.messages[1].content).toContain('<pr_description>\nf is wrong\n</pr_description>');
    expect(t.messages[1].content).toContain('in the directory /testbed.');
    // Each call carries every earlier message unchanged (no truncation; prefix-cache friendly).
    for (let i = 1; i < model.seen.length; i++) {
      expect(model.seen[i].slice(0, model.seen[i - 1].length)).toEqual(model.seen[i - 1]);
      expect(model.seen[i].length).toBe(model.seen[i - 1].length + 2);
    }
    expect(t.messages[3].content).toMatch(/^OBSERVATION:\nHere's the result of running `cat -n` on \/testbed\/pkg\/mod.py:\n {5}1\tdef f\(x\):/);
    expect(t.messages[2].reasoning).toBe('look first');
    expect(model.seen[1][2]).not.toHaveProperty('reasoning');
    expect(t.messages[9].content).toMatch(/^OBSERVATION:\nThank you for your work on this issue./);
    expect(t.messages[9].content).toContain(`<diff>\n${PATCH}\n</diff>`);
    expect(t.messages[11].content).toBe('OBSERVATION:\n' + PATCH);
    expect(t.usage).toEqual({ promptTokens: 500, cachedTokens: 250, completionTokens: 50, apiCalls: 5 });
    expect(t.steps[2].observations[0].output).toBe('ok');
  });

  it('malformed calls become error observations, not crashes', async () => {
    const model = fakeModel([
      { rawContent: 'no tool', text: 'no tool' },
      { toolCalls: [call('bash', { command: 'ls' }), call('bash', { command: 'pwd' })] },
      { toolCalls: [call('bash', '{"command": ', true)] },
      { toolCalls: [call('rm_rf', {})] },
      { toolCalls: [call('str_replace_editor', { command: 'view' })] },
      { toolCalls: [call('bash', { command: 'ls', force: true })] },
      say('submit', {}),
      say('submit', {}),
    ]);
    const t = await runAgent(opts(model, { limits: { maxConsecutiveFormatErrors: 10 } }));
    expect(t.exitStatus).toBe('submitted');
    const f = t.steps.map((s) => s.observations.map((o) => o.formatError ?? 'ok').join(','));
    expect(f).toEqual(['missing', 'multiple,multiple', 'invalid_json', 'invalid_command', 'missing_arg', 'unexpected_arg', 'ok', 'ok']);
    expect(t.messages[3]).toEqual({ role: 'user', content: FORMAT_ERROR_MISSING, step: 0 });
    expect(t.messages[5].content).toBe(FORMAT_ERROR_MULTIPLE);
    expect(t.messages[6].content).toBe(FORMAT_ERROR_MULTIPLE);
    expect(t.steps[2].observations[0].observation).toBe('Your action could not be parsed properly: Tool call arguments are not valid JSON.\n');
    expect(t.steps[3].observations[0].observation).toBe("Your action could not be parsed properly: Command 'rm_rf' not found in list of available commands.\n");
    expect(t.steps[4].observations[0].observation).toBe('Your action could not be parsed properly: Required argument(s) missing: path.\n');
    expect(t.steps[5].observations[0].observation).toMatch(/^Your action could not be parsed properly: Unexpected argument\(s\): force.\nMake sure your function call/);
  });

  it('gives up after 4 malformed replies in a row (SWE-agent exit_format), but a valid call resets the count', async () => {
    const bad = { rawContent: 'hmm', text: 'hmm' };
    const t = await runAgent(opts(fakeModel([bad, bad, bad, say('bash', { command: 'true' }), bad, bad, bad, bad, say('submit', {})])));
    expect(t.exitStatus).toBe('format_error');
    expect(t.steps).toHaveLength(8);
    expect(toSweAgentTraj(t).info.exit_status).toBe('submitted (exit_format)');
  });

  it('stops at the step limit and still records the working-tree patch', async () => {
    const t = await runAgent(opts(fakeModel([say('bash', { command: 'true' })]), { limits: { maxSteps: 3 } }));
    expect(t.exitStatus).toBe('step_limit');
    expect(t.steps).toHaveLength(3);
    expect(t.patch).toBe(PATCH);
    expect(t.messages[3].content).toBe('Your last command ran successfully and did not produce any output.');
    expect(toSweAgentTraj(t).info.exit_status).toBe('submitted (exit_cost)');
  });

  it('defaults to 115 steps', async () => {
    const t = await runAgent(opts(fakeModel([say('bash', { command: 'true' })])));
    expect(t.exitStatus).toBe('step_limit');
    expect(t.steps).toHaveLength(115);
  });

  it('stops on the call that crosses the cost limit without running its action', async () => {
    const sb = sandbox();
    const t = await runAgent(opts(fakeModel([say('bash', { command: 'echo hi' })]), { sandbox: sb, limits: { maxCostUsd: 2.5 }, priceFn: () => 1 }));
    expect(t.exitStatus).toBe('cost_limit');
    expect(t.steps).toHaveLength(3);
    expect(t.costUsd).toBe(3);
    expect(t.steps[2].observations).toEqual([]);
    expect(sb.commands.filter((c) => c.includes('echo hi'))).toHaveLength(2);
  });

  it('stops at the wall-clock limit (fake clock)', async () => {
    const clock = new FakeClock(1000);
    const model = fakeModel([
      () => {
        clock.advance(400);
        return say('bash', { command: 'true' });
      },
    ]);
    const t = await runAgent(opts(model, { limits: { wallClockMs: 1000 }, deps: { clock } }));
    expect(t.exitStatus).toBe('time_limit');
    expect(t.steps).toHaveLength(3);
    expect(t.steps[0].modelMs).toBe(400);
    expect(t.durationMs).toBe(1200);
  });

  it('maps model failures to model_error and context_overflow', async () => {
    const a = await runAgent(opts(fakeModel([say('bash', { command: 'true' }), new ModelError('HTTP 500', 'http', 500)])));
    expect(a.exitStatus).toBe('model_error');
    expect(a.error).toBe('HTTP 500');
    expect(a.steps).toHaveLength(1);
    const b = await runAgent(opts(fakeModel([new ModelError('too long', 'context_overflow', 400)])));
    expect(b.exitStatus).toBe('context_overflow');
  });

  it('a broken sandbox ends with sandbox_error', async () => {
    const sb = new InMemoryFakeSandbox('/testbed', {}, () => {
      throw new Error('bwrap: cannot create namespace');
    });
    const t = await runAgent(opts(fakeModel([say('bash', { command: 'ls' })]), { sandbox: sb }));
    expect(t.exitStatus).toBe('sandbox_error');
    expect(t.error).toMatch(/namespace/);
  });

  it('clips observations over 100,000 characters with SWE-agent’s note', async () => {
    const big = 'x'.repeat(100_010);
    const sb = new InMemoryFakeSandbox('/testbed', {}, (cmd) => (cmd.includes('cat big') ? { stdout: big } : {}));
    const t = await runAgent(opts(fakeModel([say('bash', { command: 'cat big' })]), { sandbox: sb, limits: { maxSteps: 1 } }));
    expect(t.messages[3].content).toBe(
      'Observation: ' +
        'x'.repeat(100_000) +
        '<response clipped><NOTE>Observations should not exceeded 100000 characters. 10 characters were elided. Please try a different command that produces less output or use head/tail/grep/redirect the output to a file. Do not use interactive pagers.</NOTE>',
    );
  });
});

describe('trajectory recorder', () => {
  it('serialises to stable JSON and parses back', async () => {
    const t = await runAgent(opts(fakeModel([say('submit', {}), say('submit', {})]), { deps: { clock: new FakeClock(5) } }));
    const a = serializeTrajectory(t);
    const reordered = JSON.parse(a);
    const b = serializeTrajectory(Object.fromEntries(Object.entries(reordered).reverse()) as never);
    expect(a).toBe(b);
    expect(parseTrajectory(a)).toEqual(JSON.parse(a));
    expect(() => parseTrajectory('{"x":1}')).toThrow(/schemaVersion/);
  });

  it('exports SWE-agent .traj and imports it back', async () => {
    const t = await runAgent(opts(fakeModel([say('str_replace_editor', { command: 'view', path: '/testbed/pkg/mod.py' }), say('submit', {}), say('submit', {})])));
    const traj = toSweAgentTraj(t);
    expect(traj.info.exit_status).toBe('submitted');
    expect(traj.info.submission).toBe(PATCH);
    expect(traj.trajectory[0].action).toBe('str_replace_editor view /testbed/pkg/mod.py');
    expect(traj.history.map((h) => h.role)).toEqual(['system', 'user', 'assistant', 'tool', 'assistant', 'tool', 'assistant', 'tool']);
    expect(traj.info.model_stats.api_calls).toBe(3);
    const back = fromSweAgentTraj(JSON.parse(JSON.stringify(traj)), 'fake-model');
    expect(back.exitStatus).toBe('submitted');
    expect(back.patch).toBe(PATCH);
    expect(back.messages.map((m) => m.content)).toEqual(t.messages.map((m) => m.content));
    expect(back.steps).toHaveLength(3);
  });
});
