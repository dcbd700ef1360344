import { describe, expect, it } from 'vitest';
import { SWE_AGENT_TOOL_SCHEMAS } from '../agent';
import { historyToTrainingRow, type HistoryMessage } from './history-training-row';
import { hermesSystemPrompt, RowError } from './training-row';

const call = (name: string, args: unknown) => ({ id: `call_${name}`, type: 'function', function: { name, arguments: typeof args === 'string' ? args : JSON.stringify(args) } });

// The shape SWE-agent writes to `history` (roles, tool_calls with string arguments, OBSERVATION prefix).
const history: HistoryMessage[] = [
  { role: 'system', content: 'You are a helpful assistant (SWE-agent config prompt).' },
  { role: 'user', content: '<uploaded_files>\n/testbed\n</uploaded_files>\nFix the rounding in calc.py' },
  { role: 'assistant', content: 'Let me look at the file first.', toolCalls: [call('str_replace_editor', { command: 'view', path: '/testbed/calc.py' })] },
  { role: 'tool', content: 'OBSERVATION:\nHere\'s the result of running `cat -n` on /testbed/calc.py:\n     1\tdef r(x): return round(x)' },
  { role: 'assistant', content: '<think>  The bug is in r — it should use ½ up. </think>\nI will edit it.', toolCalls: [call('str_replace_editor', { command: 'str_replace', path: '/testbed/calc.py', old_str: 'round(x)', new_str: 'int(x + 0.5)  # ½ up' })] },
  { role: 'tool', content: 'OBSERVATION:\nThe file /testbed/calc.py has been edited.' },
  { role: 'assistant', content: '', toolCalls: [call('submit', '')] },
  { role: 'tool', content: 'OBSERVATION:\ndiff --git a/calc.py b/calc.py' },
];

describe('historyToTrainingRow (SWE-agent history → SERA hermes row, keep_only_think)', () => {
  it('replaces the system prompt, wraps tool output, and makes every assistant turn one think block + one tool call', () => {
    const row = historyToTrainingRow(history, 'calc_1', 'submitted');
    expect(row.instance_id).toBe('calc_1');
    expect(row.tool_json).toEqual(SWE_AGENT_TOOL_SCHEMAS);
    expect(row.messages.map((m) => [m.role, m.train])).toEqual([
      ['system', false], ['user', false], ['assistant', true], ['user', false], ['assistant', true], ['user', false], ['assistant', true], ['user', false],
    ]);
    expect(row.messages[0].content).toBe(hermesSystemPrompt());
    expect(row.messages[1].content).toBe(history[1].content);
    // no think block: the commentary becomes it
    expect(row.messages[2].content).toBe('<think>\nLet me look at the file first.\n</think>\n\n<tool_call>\n{"name": "str_replace_editor", "arguments": {"command": "view", "path": "/testbed/calc.py"}}\n</tool_call>');
    expect(row.messages[3].content).toBe(`<tool_response>\n${history[3].content}\n</tool_response>`);
    // a think block wins and the commentary is discarded; JSON as Python's json.dumps (ASCII escapes)
    expect(row.messages[4].content).toBe('<think>\nThe bug is in r — it should use ½ up.\n</think>\n\n<tool_call>\n{"name": "str_replace_editor", "arguments": {"command": "str_replace", "path": "/testbed/calc.py", "old_str": "round(x)", "new_str": "int(x + 0.5)  # \\u00bd up"}}\n</tool_call>');
    expect(row.messages[6].content).toBe('<think>\n\n</think>\n\n<tool_call>\n{"name": "submit", "arguments": {}}\n</tool_call>');
  });

  it('drops what SERA drops, saying why', () => {
    expect(() => historyToTrainingRow(history, 'x', 'submitted (exit_cost)')).toThrow(/exit status "submitted \(exit_cost\)" is not submitted/);
    expect(() => historyToTrainingRow(history, 'x', null)).toThrow(RowError);
    const noCall = [...history.slice(0, 2), { role: 'assistant', content: 'Done.' }];
    expect(() => historyToTrainingRow(noCall, 'x', 'submitted')).toThrow(/0 tool calls/);
    const twoThinks = [...history.slice(0, 3), { role: 'tool', content: 'OBSERVATION:\n<think>a</think> <think>b</think>' }];
    expect(() => historyToTrainingRow(twoThinks, 'x', 'submitted')).toThrow(/exactly one <think>/);
    const badArgs = [...history.slice(0, 2), { role: 'assistant', content: '', toolCalls: [call('bash', '{"command": ')] }];
    expect(() => historyToTrainingRow(badArgs, 'x', 'submitted')).toThrow(/arguments of a bash call are not JSON/);
    expect(() => historyToTrainingRow(history.slice(0, 2), 'x', 'submitted')).toThrow(/no assistant turns/);
  });

  it('normalises a single think pair in a tool output and skips mini-swe-agent exit messages', () => {
    const h = [...history.slice(0, 3), { role: 'tool', content: 'OBSERVATION:\n<think>  x  </think>' }, { role: 'exit', content: '' }];
    const row = historyToTrainingRow(h, 'x', 'Submitted');
    expect(row.messages.at(-1)!.content).toBe('<tool_response>\nOBSERVATION:\n<think>\nx\n</think>\n</tool_response>');
  });
});
