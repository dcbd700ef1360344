import { describe, expect, it } from 'vitest';
import { stepHeadline, stepSummary, stepTimeline, timelineTokens } from './step-timeline';
import { trainingRowFromBody } from './stored-body';
import { rowTokenSpans } from './token-spans';
import { countTokens, messageTokens, tokenPieces } from './tokens';
import { RowError } from './training-row';

const row = [
  { role: 'system' as const, content: 'You are helpful.', train: false },
  { role: 'user' as const, content: 'Fix the parser (naïve ✓)', train: false },
  { role: 'assistant' as const, content: '<think>\nlook\n</think>\n\n<tool_call>\n{"name": "bash", "arguments": {"command": "ls"}}\n</tool_call>', train: true },
  { role: 'user' as const, content: '<tool_response>\nOBSERVATION:\nsetup.py\n</tool_response>', train: false },
  { role: 'assistant' as const, content: '<think>\ndone\n</think>\n\n<tool_call>\n{"name": "submit", "arguments": {}}\n</tool_call>', train: false },
];

describe('token pieces (Qwen3)', () => {
  it('join back to the text, multi-byte characters included', () => {
    const text = 'naïve ✓ 日本語 <|im_end|>\n';
    const p = tokenPieces(text);
    expect(p.map((x) => x.text).join('')).toBe(text);
    expect(p.reduce((n, x) => n + x.tokens, 0)).toBe(countTokens(text));
  });
});

describe('rowTokenSpans', () => {
  it('counts like SERA (ChatML per message) and marks only trained assistant content + its <|im_end|> as trained', () => {
    const { spans, summary } = rowTokenSpans(row);
    expect(summary.tokens).toBe(row.reduce((n, m) => n + messageTokens(m), 0));
    expect(summary.perMessage.map((p) => p.tokens)).toEqual(row.map(messageTokens));
    // the spans of each message rebuild its ChatML text exactly
    for (let i = 0; i < row.length; i++) expect(spans.filter((s) => s.message === i).map((s) => s.text).join('')).toBe(`<|im_start|>${row[i].role}\n${row[i].content}<|im_end|>\n`);
    const trained = spans.filter((s) => s.trained);
    expect(trained.map((s) => [s.message, s.part, s.text.slice(0, 10)])).toEqual([
      [2, 'content', '<think>\nlo'],
      [2, 'end', '<|im_end|>'],
    ]);
    expect(summary.trainedTokens).toBe(trained.reduce((n, s) => n + s.tokens, 0));
    expect(summary.trainedTokens).toBeLessThan(summary.perMessage[2].tokens);
    expect(summary.perMessage[4].trainedTokens).toBe(0); // train=false assistant turn is context
    expect(summary.truncation).toMatchObject({ cutAt: null, keptMessages: 5, ratio: 1 });
  });
  it('shows where the truncation cuts and pages by message', () => {
    const counts = row.map(messageTokens);
    const limit = counts[0] + counts[1] + counts[2] + 1; // overflows at message 3
    const { spans, summary } = rowTokenSpans(row, { limit, from: 2, to: 4 });
    expect(summary.truncation).toMatchObject({ cutAt: 3, keptMessages: 3, ratio: 0.6, usable: true, keptTokens: counts[0] + counts[1] + counts[2] });
    expect(new Set(spans.map((s) => s.message))).toEqual(new Set([2, 3]));
    expect(spans.filter((s) => s.message === 3).every((s) => s.cut)).toBe(true);
    expect(spans.filter((s) => s.message === 2).some((s) => s.cut)).toBe(false);
  });
});

describe('stepTimeline', () => {
  it('parses reasoning, tool call and observation of hermes rows', () => {
    const t = stepTimeline(row);
    expect(t.task).toBe('Fix the parser (naïve ✓)');
    expect(t.steps).toHaveLength(2);
    expect(t.steps[0]).toMatchObject({ reasoning: 'look', tool: { name: 'bash', arguments: { command: 'ls' } }, observation: 'OBSERVATION:\nsetup.py' });
    expect(t.steps[1]).toMatchObject({ tool: { name: 'submit' }, observation: '' });
  });
  it('counts Qwen3 tokens per step (assistant turn, its observations) and before the first step', () => {
    const k = timelineTokens(row);
    expect(k.promptTokens).toBe(messageTokens(row[0]) + messageTokens(row[1]));
    expect(k.steps).toEqual([
      { action: messageTokens(row[2]), observation: messageTokens(row[3]) },
      { action: messageTokens(row[4]), observation: 0 },
    ]);
    // the same steps as stepTimeline, also when one step has several observation messages
    const two = [...row.slice(0, 4), { role: 'user', content: 'more output' }, ...row.slice(4)];
    expect(timelineTokens(two).steps).toHaveLength(stepTimeline(two).steps.length);
    expect(timelineTokens(two).steps[0].observation).toBe(messageTokens(row[3]) + messageTokens(two[4]));
    expect(stepTimeline(two).steps[0].observation).toBe('OBSERVATION:\nsetup.py\nmore output');
    // precomputed counts are used as given
    expect(timelineTokens(row, row.map((_, i) => i + 1))).toEqual({ promptTokens: 3, steps: [{ action: 3, observation: 4 }, { action: 5, observation: 0 }] });
  });
  it('heads each step with the tool, its first argument line and the path', () => {
    const t = stepTimeline(row);
    expect(stepSummary(t.steps[0])).toEqual({ index: 0, headline: 'bash ls' });
    expect(stepHeadline({ ...t.steps[0], tool: { name: 'str_replace_editor', arguments: { command: 'view', path: '/x.py' } } })).toBe('str_replace_editor view /x.py');
    expect(stepHeadline({ ...t.steps[0], tool: { name: 'bash', arguments: { command: 'cat <<EOF\nsecond line' } } })).toBe('bash cat <<EOF');
    expect(stepHeadline({ ...t.steps[0], tool: null })).toBe('no tool call');
  });
  it('reads SWE-agent style tool_calls and tool messages', () => {
    const t = stepTimeline([
      { role: 'system', content: 's' },
      { role: 'user', content: 'task' },
      { role: 'assistant', content: 'I will list', toolCalls: [{ function: { name: 'bash', arguments: '{"command":"ls"}' } }] },
      { role: 'tool', content: 'a.py' },
    ]);
    expect(t.steps[0]).toMatchObject({ commentary: 'I will list', tool: { name: 'bash', arguments: { command: 'ls' } }, observation: 'a.py' });
  });
});

describe('trainingRowFromBody', () => {
  it('keeps imported SERA rows (and their train flags) and refuses other imported formats', () => {
    const r = trainingRowFromBody({ imported: { format: 'sera-jsonl', instanceId: 'x_1', messages: row } }, 'fallback');
    expect(r.instance_id).toBe('x_1');
    expect(r.messages[4].train).toBe(false);
    expect(() => trainingRowFromBody({ imported: { format: 'swe-agent-traj', messages: [] } }, 'x')).toThrow(RowError);
    expect(() => trainingRowFromBody({ trajectory: { row: null, rowError: 'exit status exit_cost is not submitted' } }, 'x')).toThrow(/exit_cost/);
  });
});
