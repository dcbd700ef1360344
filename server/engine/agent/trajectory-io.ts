import type { ExitStatus, RecordedMessage, Trajectory } from './trajectory';

/** JSON with object keys sorted at every level, so equal trajectories serialise to equal bytes. */
export function stableStringify(value: unknown, indent = 2): string {
  const norm = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(norm);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v as object).sort()) {
        const x = (v as Record<string, unknown>)[k];
        if (x !== undefined) out[k] = norm(x);
      }
      return out;
    }
    return v;
  };
  return JSON.stringify(norm(value), null, indent);
}

export function serializeTrajectory(t: Trajectory): string {
  return stableStringify(t) + '\n';
}

export function parseTrajectory(json: string): Trajectory {
  const t = JSON.parse(json) as Trajectory;
  if (t?.schemaVersion !== 1 || !Array.isArray(t.messages) || !Array.isArray(t.steps)) throw new Error('not a Specialist trajectory (schemaVersion 1)');
  return t;
}

/** SWE-agent `info.exit_status` for our exit: limits and errors become SWE-agent's auto-submission form. */
export function sweAgentExitStatus(t: Pick<Trajectory, 'exitStatus' | 'patch'>): string {
  const raw: Record<ExitStatus, string> = {
    submitted: 'submitted',
    step_limit: 'exit_cost',
    cost_limit: 'exit_cost',
    time_limit: 'exit_total_execution_time',
    context_overflow: 'exit_context',
    format_error: 'exit_format',
    model_error: 'exit_api',
    sandbox_error: 'exit_environment_error',
  };
  if (t.exitStatus === 'submitted') return 'submitted';
  const s = raw[t.exitStatus];
  return t.patch ? `submitted (${s})` : s;
}

/** SWE-agent's action string for a tool call (its invoke format: name then arguments). */
function actionString(name: string | null, args: Record<string, unknown> | null): string {
  if (!name) return '';
  if (name === 'bash') return String(args?.command ?? '');
  const parts = [name];
  for (const v of Object.values(args ?? {})) parts.push(Array.isArray(v) ? v.join(' ') : typeof v === 'string' ? v : JSON.stringify(v));
  return parts.join(' ');
}

export interface SweAgentTraj {
  trajectory: { action: string; observation: string; response: string; thought: string; execution_time: number; state: Record<string, string>; query: unknown[]; extra_info: Record<string, unknown> }[];
  history: Record<string, unknown>[];
  info: { exit_status: string; submission: string | null; model_stats: { instance_cost: number; tokens_sent: number; tokens_received: number; api_calls: number } };
  replay_config: null;
  environment: string;
}

/** Exports the `.traj` shape SERA's postprocess reads (history, trajectory, info). */
export function toSweAgentTraj(t: Trajectory): SweAgentTraj {
  const history = t.messages.map((m: RecordedMessage) => {
    const base: Record<string, unknown> = { role: m.role, content: m.content ?? '', agent: 'main' };
    if (m.role === 'system') base.message_type = 'system_prompt';
    else if (m.role === 'assistant') {
      const step = m.step != null ? t.steps[m.step] : undefined;
      const obs = step?.observations[0];
      base.message_type = 'action';
      base.thought = m.content ?? '';
      base.action = actionString(obs?.tool ?? null, obs?.args ?? null);
      base.tool_calls = m.tool_calls ?? null;
      if (m.reasoning) base.thinking_blocks = [{ type: 'thinking', thinking: m.reasoning }];
    } else {
      base.message_type = 'observation';
      if (m.role === 'tool') base.tool_call_ids = [m.tool_call_id];
    }
    return base;
  });
  const trajectory = t.steps.map((s) => {
    const o = s.observations[0];
    return {
      action: actionString(o?.tool ?? null, o?.args ?? null),
      observation: o ? (o.formatError ? o.observation : o.output) : '',
      response: s.content ?? '',
      thought: s.thought ?? '',
      execution_time: (o?.durationMs ?? 0) / 1000,
      state: {},
      query: [],
      extra_info: s.reasoning ? { reasoning: s.reasoning } : {},
    };
  });
  return {
    trajectory,
    history,
    info: {
      exit_status: sweAgentExitStatus(t),
      submission: t.patch ? t.patch : null,
      model_stats: { instance_cost: t.costUsd, tokens_sent: t.usage.promptTokens, tokens_received: t.usage.completionTokens, api_calls: t.usage.apiCalls },
    },
    replay_config: null,
    environment: 'specialist',
  };
}

function statusFromSwe(s: string): ExitStatus {
  const x = s.toLowerCase();
  if (x === 'submitted') return 'submitted';
  if (x.includes('exit_cost')) return 'step_limit';
  if (x.includes('exit_context')) return 'context_overflow';
  if (x.includes('exit_format')) return 'format_error';
  if (x.includes('exit_api')) return 'model_error';
  if (x.includes('exit_total_execution_time')) return 'time_limit';
  return 'sandbox_error';
}

/**
 * Imports a SWE-agent `.traj` (e.g. SERA's released rollouts) into our schema. Timings and
 * per-step usage are not in `.traj` files and come back as zero.
 */
export function fromSweAgentTraj(traj: { history?: Record<string, unknown>[]; trajectory?: Record<string, unknown>[]; info?: Record<string, unknown> }, model = 'unknown'): Trajectory {
  const text = (c: unknown): string | null =>
    typeof c === 'string' ? c : Array.isArray(c) ? c.map((p) => (p && typeof p === 'object' ? String((p as { text?: string }).text ?? '') : String(p))).join('') : c == null ? null : String(c);
  const messages: RecordedMessage[] = [];
  let step = -1;
  for (const h of traj.history ?? []) {
    const role = String(h.role) as RecordedMessage['role'];
    if (role === 'assistant') step++;
    const m: RecordedMessage = { role, content: text(h.content) };
    if (role === 'assistant' && Array.isArray(h.tool_calls)) m.tool_calls = h.tool_calls as RecordedMessage['tool_calls'];
    if (role === 'tool' && Array.isArray(h.tool_call_ids)) m.tool_call_id = String(h.tool_call_ids[0]);
    if (role === 'assistant' || (step >= 0 && role !== 'system')) m.step = step;
    messages.push(m);
  }
  const steps = (traj.trajectory ?? []).map((s, index) => ({
    index,
    startedAtMs: 0,
    content: text(s.response),
    thought: text(s.thought),
    reasoning: null,
    toolCalls: [],
    observations: [{ toolCallId: null, tool: null, args: null, output: text(s.observation) ?? '', observation: text(s.observation) ?? '', exitCode: null, durationMs: Number(s.execution_time ?? 0) * 1000 }],
    usage: { promptTokens: 0, cachedTokens: 0, completionTokens: 0 },
    costUsd: 0,
    modelMs: 0,
    toolMs: Number(s.execution_time ?? 0) * 1000,
    totalMs: 0,
    modelAttempts: 1,
  }));
  const info = traj.info ?? {};
  const stats = (info.model_stats ?? {}) as Record<string, number>;
  const exit = String(info.exit_status ?? '');
  return {
    schemaVersion: 1,
    instanceId: null,
    model,
    sandbox: 'swe-agent',
    baseCommit: null,
    messages,
    steps,
    exitStatus: statusFromSwe(exit),
    error: null,
    patch: typeof info.submission === 'string' ? info.submission : null,
    usage: { promptTokens: stats.tokens_sent ?? 0, cachedTokens: 0, completionTokens: stats.tokens_received ?? 0, apiCalls: stats.api_calls ?? steps.length },
    costUsd: stats.instance_cost ?? 0,
    startedAtMs: 0,
    durationMs: 0,
  };
}
