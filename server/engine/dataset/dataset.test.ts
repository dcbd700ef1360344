import { describe, expect, it } from 'vitest';
import type { Trajectory } from '../agent';
import { countTokens, messageTokens, passes, PAPER_FILTERS, pyJsonDumps, RowError, toolOutputTokensPerTurn, toTrainingRow, truncation } from './index';

const step = (i: number, name: string, args: string, obs: string, reasoning = 'thinking') =>
  ({ index: i, content: 'text', thought: 'text', reasoning, toolCalls: [{ id: `c${i}`, type: 'function', function: { name, arguments: args } }], observations: [{ observation: `OBSERVATION:\n${obs}` }] }) as never;

const traj = (steps: unknown[], exitStatus = 'submitted') =>
  ({ messages: [{ role: 'system', content: 'x' }, { role: 'user', content: '<uploaded_files>/testbed</uploaded_files> task' }], steps, exitStatus }) as unknown as Trajectory;

describe('training rows (hermes, keep_only_think)', () => {
  it('formats like SERA', () => {
    const row = toTrainingRow(traj([step(0, 'bash', '{"command": "ls"}', 'a.py'), step(1, 'submit', '', 'diff')]), 'repo_abc12_10000');
    expect(row.messages.map((m) => [m.role, m.train])).toEqual([
      ['system', false],
      ['user', false],
      ['assistant', true],
      ['user', false],
      ['assistant', true],
      ['user', false],
    ]);
    expect(row.messages[0].content).toContain('# Tools');
    expect(row.messages[0].content).toContain('"name": "str_replace_editor"');
    expect(row.messages[2].content).toBe('<think>\nthinking\n</think>\n\n<tool_call>\n{"name": "bash", "arguments": {"command": "ls"}}\n</tool_call>');
    expect(row.messages[3].content).toBe('<tool_response>\nOBSERVATION:\na.py\n</tool_response>');
    expect(row.messages[5].role).toBe('user'); // ends on a non-trained user message
    expect(row.tool_json).toHaveLength(3);
  });
  it('uses the commentary as think when there is no reasoning, and escapes like json.dumps', () => {
    const row = toTrainingRow(traj([step(0, 'bash', '{"command": "echo é"}', 'é', '')]), 'x');
    expect(row.messages[2].content).toContain('<think>\ntext\n</think>');
    expect(pyJsonDumps({ a: 'é', b: [1, true, null] })).toBe('{"a": "\\u00e9", "b": [1, true, null]}');
  });
  it('drops what SERA drops', () => {
    expect(() => toTrainingRow(traj([], 'step_limit'), 'x')).toThrow(RowError);
    expect(() => toTrainingRow(traj([{ ...(step(0, 'bash', '{}', 'o') as object), toolCalls: [] }]), 'x')).toThrow(/0 tool calls/);
  });
});

describe('tokens, truncation and filters (Qwen3 tokenizer)', () => {
  it('counts ChatML-wrapped messages', () => {
    expect(countTokens('hello world')).toBe(2);
    expect(messageTokens({ role: 'user', content: 'hello world' })).toBe(countTokens('hello world') + 5);
  });
  it('truncates at the last assistant turn before the limit; ratio is in messages', () => {
    const msgs = [
      { role: 'system', content: 's' },
      { role: 'user', content: 'u' },
      { role: 'assistant', content: 'a' },
      { role: 'user', content: 'u' },
      { role: 'assistant', content: 'a' },
      { role: 'user', content: 'u' },
    ] as const;
    const counts = [10, 10, 10, 10, 10, 10];
    expect(truncation([...msgs], 100, counts)).toMatchObject({ ratio: 1, usable: true });
    expect(truncation([...msgs], 45, counts)).toMatchObject({ kept: 3, ratio: 0.5, usable: true }); // overflow at index 4
    expect(truncation([...msgs], 15, counts)).toMatchObject({ usable: false });
  });
  it('tool output per turn stops at the submit review', () => {
    const m: { role: 'user' | 'assistant'; content: string }[] = [
      { role: 'user', content: 'task' },
      { role: 'assistant', content: 'a' },
      { role: 'user', content: 'x' },
      { role: 'user', content: 'OBSERVATION:\nThank you for your work on this issue. review' },
    ];
    expect(toolOutputTokensPerTurn(m, [100, 1, 50, 999])).toBe(75);
  });
  it("the paper's filters", () => {
    expect(passes({ recall: 0.6, patchLines: 10, toolOutputTokensPerTurn: 100, truncationRatio: 1 }, PAPER_FILTERS).ok).toBe(true);
    const r = passes({ recall: null, patchLines: 41, toolOutputTokensPerTurn: 601, truncationRatio: 1 }, PAPER_FILTERS);
    expect(r.reasons).toHaveLength(3);
  });
});
