import type { Sandbox } from '@/server/engine/sandbox';
import { ModelError, type ModelClient, type ModelReply } from './model-client';
import {
  FORMAT_ERROR_MISSING,
  FORMAT_ERROR_MULTIPLE,
  formatErrorOther,
  formatErrorUnexpectedArg,
  formatObservation,
  renderTemplate,
  SERA_OBSERVATION_TEMPLATES,
  type ObservationTemplates,
} from './templates';
import { computePatch, newToolState, type AgentTool, type ToolContext } from './tools';
import type { ExitStatus, RecordedMessage, ToolObservation, Trajectory, TrajectoryStep } from './trajectory';
import { addUsage, ZERO_USAGE, type ChatMessage, type TokenUsage, type ToolCall } from './types';

export interface AgentLimits {
  /** Model calls allowed (SERA: per_instance_call_limit 115). */
  maxSteps?: number;
  /** Stop once the priced cost exceeds this (0 or undefined = no limit, as in SERA). */
  maxCostUsd?: number;
  /** Stop before the next model call once this much time has passed. */
  wallClockMs?: number;
  /**
   * Stop after this many malformed replies in a row (default 4: SWE-agent's first try plus
   * its 3 re-queries before `exit_format`).
   */
  maxConsecutiveFormatErrors?: number;
}

export interface AgentClock {
  now(): number;
}

export const realClock: AgentClock = { now: () => Date.now() };

/** FAKE clock for tests: time moves only when told to. */
export class FakeClock implements AgentClock {
  constructor(public t = 0) {}
  now() {
    return this.t;
  }
  advance(ms: number) {
    this.t += ms;
  }
}

export interface RunAgentOptions {
  model: ModelClient;
  sandbox: Sandbox;
  tools: AgentTool[];
  systemTemplate: string;
  instanceTemplate: string;
  /** Template variables; `working_dir` defaults to the sandbox's workdir. */
  vars?: Record<string, string>;
  limits?: AgentLimits;
  /** Prices one call's usage in USD (needed for maxCostUsd). */
  priceFn?: (usage: TokenUsage) => number;
  /** Commit the final patch is diffed against. */
  baseCommit?: string;
  /** `bash` timeout (default 300 s). */
  execTimeoutMs?: number;
  observationTemplates?: ObservationTemplates;
  temperature?: number;
  maxTokens?: number;
  instanceId?: string;
  deps?: { clock?: AgentClock; onStep?: (step: TrajectoryStep) => void };
}

const toWire = (m: RecordedMessage): ChatMessage => {
  if (m.role === 'assistant') return m.tool_calls?.length ? { role: 'assistant', content: m.content, tool_calls: m.tool_calls } : { role: 'assistant', content: m.content };
  if (m.role === 'tool') return { role: 'tool', content: m.content ?? '', tool_call_id: m.tool_call_id ?? '', ...(m.name ? { name: m.name } : {}) };
  return { role: m.role, content: m.content ?? '' };
};

interface ParsedCall {
  tool?: AgentTool;
  args?: Record<string, unknown>;
  error?: { code: NonNullable<ToolObservation['formatError']>; text: string };
}

/** SWE-agent's FunctionCallingParser checks, with its messages. */
function parseCall(call: ToolCall, tools: Map<string, AgentTool>): ParsedCall {
  const tool = tools.get(call.function.name);
  if (!tool) return { error: { code: 'invalid_command', text: formatErrorOther(`Command '${call.function.name}' not found in list of available commands`) } };
  let args: unknown;
  try {
    args = call.function.arguments.trim() === '' ? {} : JSON.parse(call.function.arguments);
  } catch {
    return { error: { code: 'invalid_json', text: formatErrorOther('Tool call arguments are not valid JSON') } };
  }
  if (typeof args !== 'object' || args === null || Array.isArray(args)) return { error: { code: 'invalid_json', text: formatErrorOther('Tool call arguments are not valid JSON') } };
  const params = tool.schema.function.parameters as { properties?: Record<string, unknown>; required?: string[] };
  const a = args as Record<string, unknown>;
  const missing = (params.required ?? []).filter((k) => !(k in a));
  if (missing.length) return { error: { code: 'missing_arg', text: formatErrorOther(`Required argument(s) missing: ${missing.join(', ')}`) } };
  const extra = Object.keys(a).filter((k) => !(k in (params.properties ?? {})));
  if (extra.length) return { error: { code: 'unexpected_arg', text: formatErrorUnexpectedArg(`Unexpected argument(s): ${extra.join(', ')}`) } };
  return { tool, args: a };
}

/**
 * Runs one agent rollout: system + instance prompt, then model call → one tool call → its
 * observation, until `submit` finishes or a limit/error stops it. The full history is sent on
 * every call. Every exit records the working tree's patch (SWE-agent auto-submits on limits).
 */
export async function runAgent(opts: RunAgentOptions): Promise<Trajectory> {
  const clock = opts.deps?.clock ?? realClock;
  const maxSteps = opts.limits?.maxSteps ?? 115;
  const templates = opts.observationTemplates ?? SERA_OBSERVATION_TEMPLATES;
  const vars = { working_dir: opts.sandbox.workdir, ...(opts.vars ?? {}) };
  const toolMap = new Map(opts.tools.map((t) => [t.schema.function.name, t]));
  const schemas = opts.tools.map((t) => t.schema);
  const ctx: ToolContext = { sandbox: opts.sandbox, state: newToolState(), execTimeoutMs: opts.execTimeoutMs ?? 300_000, baseCommit: opts.baseCommit };
  const startedAtMs = clock.now();

  const messages: RecordedMessage[] = [
    { role: 'system', content: renderTemplate(opts.systemTemplate, vars) },
    { role: 'user', content: renderTemplate(opts.instanceTemplate, vars) },
  ];
  // The wire history grows alongside the record so no step re-maps the whole list.
  const wire: ChatMessage[] = messages.map(toWire);
  const push = (m: RecordedMessage) => {
    messages.push(m);
    wire.push(toWire(m));
  };
  const steps: TrajectoryStep[] = [];
  let usage: TokenUsage = ZERO_USAGE;
  let costUsd = 0;
  let exitStatus: ExitStatus | null = null;
  let error: string | null = null;
  let submission: string | null = null;
  let formatErrors = 0;
  const maxFormatErrors = opts.limits?.maxConsecutiveFormatErrors ?? 4;

  while (exitStatus === null) {
    if (steps.length >= maxSteps) {
      exitStatus = 'step_limit';
      break;
    }
    if (opts.limits?.wallClockMs && clock.now() - startedAtMs >= opts.limits.wallClockMs) {
      exitStatus = 'time_limit';
      break;
    }
    const index = steps.length;
    const stepStart = clock.now();
    let reply: ModelReply;
    try {
      reply = await opts.model.chat({ messages: wire, tools: schemas, temperature: opts.temperature, maxTokens: opts.maxTokens });
    } catch (e) {
      exitStatus = e instanceof ModelError && e.kind === 'context_overflow' ? 'context_overflow' : 'model_error';
      error = (e as Error).message;
      break;
    }
    const modelMs = clock.now() - stepStart;
    usage = addUsage(usage, reply.usage);
    const stepCost = opts.priceFn ? opts.priceFn(reply.usage) : 0;
    costUsd += stepCost;
    push({ role: 'assistant', content: reply.rawContent, reasoning: reply.reasoning, tool_calls: reply.toolCalls.length ? reply.toolCalls : undefined, step: index });

    const observations: ToolObservation[] = [];
    const toolStart = clock.now();
    if (opts.limits?.maxCostUsd && costUsd > opts.limits.maxCostUsd) {
      // SWE-agent raises on the call that crosses the limit and never runs its action.
      exitStatus = 'cost_limit';
    } else if (reply.toolCalls.length !== 1) {
      const multiple = reply.toolCalls.length > 1;
      const text = multiple ? FORMAT_ERROR_MULTIPLE : FORMAT_ERROR_MISSING;
      if (multiple) {
        // Every tool call id needs an answer or the next request is invalid.
        for (const c of reply.toolCalls) {
          observations.push({ toolCallId: c.id, tool: c.function.name, args: null, output: '', observation: text, exitCode: null, formatError: 'multiple', durationMs: 0 });
          push({ role: 'tool', content: text, tool_call_id: c.id, name: c.function.name, step: index });
        }
      } else {
        observations.push({ toolCallId: null, tool: null, args: null, output: '', observation: text, exitCode: null, formatError: 'missing', durationMs: 0 });
        push({ role: 'user', content: text, step: index });
      }
    } else {
      const call = reply.toolCalls[0];
      const parsed = parseCall(call, toolMap);
      if (parsed.error) {
        observations.push({ toolCallId: call.id, tool: call.function.name, args: null, output: '', observation: parsed.error.text, exitCode: null, formatError: parsed.error.code, durationMs: 0 });
        push({ role: 'tool', content: parsed.error.text, tool_call_id: call.id, name: call.function.name, step: index });
      } else {
        const t0 = clock.now();
        try {
          const out = await parsed.tool!.run(parsed.args!, ctx);
          // SWE-agent's shell strips command output; the submitted patch is read from a file as is.
          const output = out.submission !== undefined ? out.output : out.output.trim();
          const observation = formatObservation(output, templates);
          observations.push({ toolCallId: call.id, tool: call.function.name, args: parsed.args!, output, observation, exitCode: out.exitCode, durationMs: out.durationMs ?? clock.now() - t0 });
          push({ role: 'tool', content: observation, tool_call_id: call.id, name: call.function.name, step: index });
          if (out.submission !== undefined) {
            submission = out.submission;
            exitStatus = 'submitted';
          }
        } catch (e) {
          exitStatus = 'sandbox_error';
          error = (e as Error).message;
        }
      }
    }
    formatErrors = observations.length && observations.every((o) => o.formatError) ? formatErrors + 1 : 0;
    if (exitStatus === null && formatErrors >= maxFormatErrors) exitStatus = 'format_error';
    const now = clock.now();
    const step: TrajectoryStep = {
      index,
      startedAtMs: stepStart,
      content: reply.rawContent,
      thought: reply.text,
      reasoning: reply.reasoning,
      toolCalls: reply.toolCalls,
      observations,
      usage: reply.usage,
      costUsd: stepCost,
      modelMs,
      toolMs: now - toolStart,
      totalMs: now - stepStart,
      modelAttempts: reply.attempts,
    };
    steps.push(step);
    opts.deps?.onStep?.(step);
  }

  let patch = submission;
  if (patch === null && exitStatus !== 'sandbox_error') {
    try {
      patch = await computePatch(ctx);
    } catch {
      patch = null;
    }
  }
  return {
    schemaVersion: 1,
    instanceId: opts.instanceId ?? null,
    model: opts.model.model,
    sandbox: opts.sandbox.kind,
    baseCommit: opts.baseCommit ?? null,
    messages,
    steps,
    exitStatus: exitStatus!,
    error,
    patch,
    usage: { ...usage, apiCalls: steps.length },
    costUsd,
    startedAtMs,
    durationMs: clock.now() - startedAtMs,
  };
}
