// SWE-agent chat history (a `.traj`'s `history`, or one of our own trajectory files) as one
// SERA training row: SERA-PIPELINE-FACTS §7.2 (hermes format) and §7.3 (train key,
// keep_only_think), so imported agent runs can go into a dataset next to generated ones.
import { SWE_AGENT_TOOL_SCHEMAS } from '../agent';
import { hermesSystemPrompt, RowError, toolCallBlock, type TrainingMessage, type TrainingRow } from './training-row';

export interface HistoryMessage {
  role: string;
  content: string;
  toolCalls?: unknown[];
}

interface ToolCall {
  function?: { name?: unknown; arguments?: unknown };
}

function callJson(raw: unknown): string {
  const fn = (raw as ToolCall | null)?.function;
  if (!fn || typeof fn.name !== 'string' || !fn.name) throw new RowError('a tool call has no function name');
  let args = fn.arguments ?? {};
  if (typeof args === 'string') {
    try {
      args = args.trim() ? JSON.parse(args) : {};
    } catch {
      throw new RowError(`the arguments of a ${fn.name} call are not JSON`);
    }
  }
  return toolCallBlock(fn.name, args);
}

const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;

/** §7.3 step 1: a message mentioning <think> must hold exactly one pair, rewritten with stripped inner text. */
function normalizeThink(content: string): string {
  if (!content.includes('<think>')) return content;
  if (count(content, /<think>/g) !== 1 || count(content, /<\/think>/g) !== 1) throw new RowError('a message does not have exactly one <think>…</think> pair');
  return content.replace(/<think>([\s\S]*?)<\/think>/, (_, inner: string) => `<think>\n${inner.trim()}\n</think>`);
}

const ASSISTANT = /^(?:<think>([\s\S]*?)<\/think>)?([\s\S]*?)(<tool_call>[\s\S]*<\/tool_call>)$/;

/** §7.3 steps 2–3 (keep_only_think): think block + blank line + tool call; commentary only stands in for a missing think. */
function keepOnlyThink(content: string): string {
  const m = ASSISTANT.exec(content.trim());
  if (!m) throw new RowError('an assistant turn does not end with a tool call');
  const [, think, commentary, call] = m;
  const reasoning = think?.trim() ? think.trim() : commentary.trim();
  return `<think>\n${reasoning}\n</think>\n\n${call}`;
}

/**
 * Throws RowError where SERA's postprocess drops the sample: exit status not exactly
 * `submitted` (enforce_submit), an assistant turn without exactly one tool call, or <think>
 * tags that are not one pair.
 */
export function historyToTrainingRow(history: HistoryMessage[], instanceId: string, exitStatus: string | null | undefined): TrainingRow {
  if ((exitStatus ?? '').toLowerCase() !== 'submitted') throw new RowError(`exit status ${exitStatus ? `"${exitStatus}"` : '(none)'} is not submitted`);
  const messages: TrainingMessage[] = [];
  for (const m of history) {
    if (m.role === 'exit') continue;
    if (m.role === 'system') messages.push({ role: 'system', content: hermesSystemPrompt(), train: false });
    else if (m.role === 'user') messages.push({ role: 'user', content: normalizeThink(m.content), train: false });
    else if (m.role === 'tool') messages.push({ role: 'user', content: normalizeThink(`<tool_response>\n${m.content}\n</tool_response>`), train: false });
    else if (m.role === 'assistant') {
      const calls = m.toolCalls ?? [];
      if (calls.length !== 1) throw new RowError(`an assistant turn has ${calls.length} tool calls`);
      const text = m.content ? `${m.content}\n\n` : '';
      messages.push({ role: 'assistant', content: keepOnlyThink(normalizeThink(`${text}${callJson(calls[0])}`)), train: true });
    } else throw new RowError(`a message has role "${m.role}"`);
  }
  if (!messages.some((m) => m.train)) throw new RowError('the trajectory has no assistant turns');
  if (messages[0]?.role !== 'system') messages.unshift({ role: 'system', content: hermesSystemPrompt(), train: false });
  return { messages, instance_id: instanceId, tool_json: SWE_AGENT_TOOL_SCHEMAS };
}
