// A trajectory's conversation as a step timeline for the viewer: per step the reasoning, the
// parsed tool call and the observation. Works on SERA hermes rows (<think>/<tool_call>/
// <tool_response>) and on SWE-agent style messages (tool_calls on the assistant message, role
// "tool" observations). Token counts (Qwen3, ChatML per message, as SERA counts them) are a
// separate pass, timelineTokens: tokenizing a 115-step rollout takes a few hundred ms, so the
// viewer shows the steps first and the counts when they arrive.
import { messageTokens } from './tokens';

export interface TimelineMessage {
  role: string;
  content: string;
  toolCalls?: unknown[];
}

export interface TimelineStep {
  index: number;
  reasoning: string;
  /** Text outside the think block and tool call (SERA's keep_only_think drops it from training). */
  commentary: string;
  /** The parsed call; `arguments` is the raw text when it is not JSON (the raw text is not kept
   *  otherwise: it would send every tool call twice). */
  tool: { name: string; arguments: unknown } | null;
  observation: string;
}

export interface Timeline {
  task: string;
  steps: TimelineStep[];
}

/** A step's one-line header (what a collapsed step shows). */
export interface StepSummary {
  index: number;
  headline: string;
}

/** Tokens of the assistant turn and of its observation(s), ChatML-wrapped. */
export interface StepTokens {
  action: number;
  observation: number;
}

export interface TimelineTokens {
  /** Tokens of everything before the first step (system prompt + task). */
  promptTokens: number;
  /** One entry per TimelineStep, same order. */
  steps: StepTokens[];
}

const THINK = /<think>([\s\S]*?)<\/think>/;
const TOOL_CALL = /<tool_call>([\s\S]*?)<\/tool_call>/;

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function toolFromMessage(m: TimelineMessage): { tool: TimelineStep['tool']; rest: string } {
  const tc = m.content.match(TOOL_CALL);
  if (tc) {
    const raw = tc[1].trim();
    const parsed = parseJson(raw) as { name?: unknown; arguments?: unknown } | undefined;
    const name = typeof parsed?.name === 'string' ? parsed.name : '(unparsed tool call)';
    return { tool: { name, arguments: parsed?.arguments ?? raw }, rest: m.content.replace(TOOL_CALL, '') };
  }
  const call = (m.toolCalls?.[0] ?? null) as { function?: { name?: string; arguments?: unknown } } | null;
  if (call?.function?.name) {
    const args = call.function.arguments;
    return { tool: { name: call.function.name, arguments: typeof args === 'string' ? (parseJson(args) ?? args) : (args ?? {}) }, rest: m.content };
  }
  return { tool: null, rest: m.content };
}

function observationText(content: string): string {
  const m = content.match(/^<tool_response>\n?([\s\S]*?)\n?<\/tool_response>$/);
  return m ? m[1] : content;
}

/** "bash ls src", "str_replace_editor str_replace /x.py": the tool, its first argument's first line, the path. */
export function stepHeadline(s: TimelineStep): string {
  if (!s.tool) return 'no tool call';
  const a = s.tool.arguments as Record<string, unknown> | null;
  const first = a && typeof a === 'object' ? (a.command ?? Object.values(a)[0]) : a;
  const line = typeof first === 'string' ? first.split('\n')[0] : first === undefined ? '' : JSON.stringify(first);
  const path = a && typeof a === 'object' && typeof a.path === 'string' ? ` ${a.path}` : '';
  return `${s.tool.name}${line ? ` ${line.slice(0, 120)}` : ''}${path}`;
}

export const stepSummary = (s: TimelineStep): StepSummary => ({ index: s.index, headline: stepHeadline(s) });

/** Which messages make up each step: one assistant turn and the messages after it up to the next. */
function stepSpans(messages: readonly { role: string }[]): { start: number; steps: { action: number; observations: number[] }[] } {
  const firstAssistant = messages.findIndex((m) => m.role === 'assistant');
  const start = firstAssistant === -1 ? messages.length : firstAssistant;
  const steps: { action: number; observations: number[] }[] = [];
  for (let i = start; i < messages.length; i++) {
    if (messages[i].role === 'assistant') steps.push({ action: i, observations: [] });
    else steps[steps.length - 1].observations.push(i);
  }
  return { start, steps };
}

export function stepTimeline(messages: TimelineMessage[]): Timeline {
  const firstUser = messages.findIndex((m) => m.role === 'user');
  const steps = stepSpans(messages).steps.map(({ action, observations }, index): TimelineStep => {
    const { tool, rest } = toolFromMessage(messages[action]);
    const think = rest.match(THINK);
    return {
      index,
      reasoning: think ? think[1].trim() : '',
      commentary: rest.replace(THINK, '').trim(),
      tool,
      // joined as before: an empty first observation adds no leading newline
      observation: observations.reduce((text, o) => (text ? `${text}\n${observationText(messages[o].content)}` : observationText(messages[o].content)), ''),
    };
  });
  return { task: firstUser === -1 ? '' : messages[firstUser].content, steps };
}

/** Token counts for stepTimeline's steps; `counts` are the messages' ChatML token counts. */
export function timelineTokens(messages: readonly { role: string; content: string }[], counts: readonly number[] = messages.map(messageTokens)): TimelineTokens {
  const { start, steps } = stepSpans(messages);
  let promptTokens = 0;
  for (let i = 0; i < start; i++) promptTokens += counts[i];
  return {
    promptTokens,
    steps: steps.map(({ action, observations }) => ({ action: counts[action], observation: observations.reduce((n, o) => n + counts[o], 0) })),
  };
}
