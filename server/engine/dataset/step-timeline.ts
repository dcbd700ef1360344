// A trajectory's conversation as a step timeline for the viewer: per step the reasoning, the
// parsed tool call and the observation, with ChatML token counts (Qwen3, as SERA counts them).
// Works on SERA hermes rows (<think>/<tool_call>/<tool_response>) and on SWE-agent style
// messages (tool_calls on the assistant message, role "tool" observations).
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
  tool: { name: string; arguments: unknown; raw: string } | null;
  observation: string;
  /** Tokens of the assistant turn and of its observation(s), ChatML-wrapped. */
  tokens: { action: number; observation: number };
}

export interface Timeline {
  task: string;
  steps: TimelineStep[];
  /** Tokens of everything before the first step (system prompt + task). */
  promptTokens: number;
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
    return { tool: { name, arguments: parsed?.arguments ?? raw, raw }, rest: m.content.replace(TOOL_CALL, '') };
  }
  const call = (m.toolCalls?.[0] ?? null) as { function?: { name?: string; arguments?: unknown } } | null;
  if (call?.function?.name) {
    const args = call.function.arguments;
    const raw = typeof args === 'string' ? args : JSON.stringify(args ?? {});
    return { tool: { name: call.function.name, arguments: typeof args === 'string' ? (parseJson(args) ?? args) : (args ?? {}), raw }, rest: m.content };
  }
  return { tool: null, rest: m.content };
}

function observationText(content: string): string {
  const m = content.match(/^<tool_response>\n?([\s\S]*?)\n?<\/tool_response>$/);
  return m ? m[1] : content;
}

export function stepTimeline(messages: TimelineMessage[], count: (m: { role: string; content: string }) => number = messageTokens): Timeline {
  const firstUser = messages.findIndex((m) => m.role === 'user');
  const firstAssistant = messages.findIndex((m) => m.role === 'assistant');
  const start = firstAssistant === -1 ? messages.length : firstAssistant;
  let promptTokens = 0;
  for (let i = 0; i < start; i++) promptTokens += count(messages[i]);
  const steps: TimelineStep[] = [];
  for (let i = start; i < messages.length; i++) {
    const m = messages[i];
    if (m.role === 'assistant') {
      const { tool, rest } = toolFromMessage(m);
      const think = rest.match(THINK);
      steps.push({
        index: steps.length,
        reasoning: think ? think[1].trim() : '',
        commentary: rest.replace(THINK, '').trim(),
        tool,
        observation: '',
        tokens: { action: count(m), observation: 0 },
      });
    } else if (steps.length) {
      const s = steps[steps.length - 1];
      s.observation = s.observation ? `${s.observation}\n${observationText(m.content)}` : observationText(m.content);
      s.tokens.observation += count(m);
    }
  }
  return { task: firstUser === -1 ? '' : messages[firstUser].content, steps, promptTokens };
}
