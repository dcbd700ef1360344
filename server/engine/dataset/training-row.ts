// A trajectory as one SERA training row (SERA-PIPELINE-FACTS §7, hermes format with
// keep_only_think): system prompt replaced by the hermes tool prompt, tool results as user
// turns in <tool_response>, every assistant turn = one think block + one tool call.
import type { Trajectory } from '../agent';
import { SWE_AGENT_TOOL_SCHEMAS } from '../agent';
import { pyJsonDumps } from './py-json';

export interface TrainingMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
  train: boolean;
}
export interface TrainingRow {
  messages: TrainingMessage[];
  instance_id: string;
  tool_json: unknown[];
}

const SYSTEM_TEXT = 'You are a helpful assistant that can interact with a computer to solve tasks.';

export function hermesSystemPrompt(tools: unknown[] = SWE_AGENT_TOOL_SCHEMAS): string {
  return [
    SYSTEM_TEXT,
    '',
    '# Tools',
    '',
    'You may call one or more functions to assist with the user query.',
    '',
    'You are provided with function signatures within <tools></tools> XML tags:',
    '<tools>',
    ...tools.map((t) => pyJsonDumps(t)),
    '</tools>',
    '',
    'For each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:',
    '<tool_call>',
    '{"name": <function-name>, "arguments": <args-json-object>}',
    '</tool_call>',
  ].join('\n');
}

export class RowError extends Error {}

/** One hermes tool call: `{"name": …, "arguments": …}` as Python's json.dumps writes it, in <tool_call> tags. */
export function toolCallBlock(name: string, args: unknown): string {
  return `<tool_call>\n${pyJsonDumps({ name, arguments: args })}\n</tool_call>`;
}

function parseArgs(raw: string): unknown {
  try {
    return raw.trim() ? JSON.parse(raw) : {};
  } catch {
    throw new RowError('a tool call has arguments that are not JSON');
  }
}

/**
 * Builds the row; throws RowError for trajectories SERA's postprocess would drop (not
 * submitted, an assistant turn without exactly one tool call, stray <think> tags).
 */
export function toTrainingRow(t: Trajectory, instanceId: string, opts: { enforceSubmit?: boolean } = {}): TrainingRow {
  if ((opts.enforceSubmit ?? true) && t.exitStatus !== 'submitted') throw new RowError(`exit status ${t.exitStatus} is not submitted`);
  const task = t.messages.find((m) => m.role === 'user')?.content ?? '';
  const messages: TrainingMessage[] = [
    { role: 'system', content: hermesSystemPrompt(), train: false },
    { role: 'user', content: task, train: false },
  ];
  for (const step of t.steps) {
    if (step.toolCalls.length !== 1) throw new RowError(`step ${step.index} has ${step.toolCalls.length} tool calls`);
    const call = step.toolCalls[0];
    const think = (step.reasoning ?? '').trim() || (step.thought ?? '').trim();
    if (/<\/?think>/.test(think)) throw new RowError('stray <think> tags inside the reasoning');
    const toolCall = toolCallBlock(call.function.name, parseArgs(call.function.arguments));
    messages.push({ role: 'assistant', content: `<think>\n${think}\n</think>\n\n${toolCall}`, train: true });
    for (const o of step.observations) {
      if ((o.observation.match(/<think>/g) ?? []).length > 1) throw new RowError('a tool output contains several <think> tags');
      messages.push({ role: 'user', content: `<tool_response>\n${o.observation}\n</tool_response>`, train: false });
    }
  }
  return { messages, instance_id: instanceId, tool_json: SWE_AGENT_TOOL_SCHEMAS };
}
