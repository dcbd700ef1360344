import { splitThink } from './reasoning';
import type { ChatMessage, TokenUsage, ToolCall, ToolSchema } from './types';

export interface ModelConfig {
  /** Base URL ending in /v1 (e.g. http://127.0.0.1:8000/v1). */
  baseUrl: string;
  model: string;
  apiKey?: string;
  temperature?: number;
  maxTokens?: number;
  /** Timeout of one HTTP attempt (default 10 min: long thinking turns are normal). */
  attemptTimeoutMs?: number;
  /** Deadline for one chat() call across all its retries (default 30 min). */
  deadlineMs?: number;
  /** Retries after the first attempt (default 6). */
  maxRetries?: number;
  /** First backoff delay (default 1 s); doubles per retry up to maxBackoffMs (default 60 s). */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Extra fields merged into the request body (e.g. top_p, seed, chat_template_kwargs). */
  extraBody?: Record<string, unknown>;
  /** Ends the call and its retries at once (the run was cancelled): throws a 'cancelled' error. */
  signal?: AbortSignal;
}

export interface ModelDeps {
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  /** Uniform [0, 1) for backoff jitter. */
  random: () => number;
  now: () => number;
}

export const realModelDeps: ModelDeps = {
  fetch: (...a) => fetch(...a),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  random: Math.random,
  now: () => Date.now(),
};

export interface ModelReply {
  /** Visible text with `<think>` blocks removed (null when the model sent none). */
  text: string | null;
  /** Content exactly as the server returned it; this is what goes back into the history. */
  rawContent: string | null;
  /** `reasoning_content` (vLLM/SGLang reasoning parsers) or the `<think>` blocks. */
  reasoning: string | null;
  toolCalls: ToolCall[];
  finishReason: string | null;
  usage: TokenUsage;
  /** Attempts made (1 = no retry). */
  attempts: number;
  latencyMs: number;
}

export type ModelErrorKind = 'http' | 'network' | 'timeout' | 'deadline' | 'bad_response' | 'context_overflow' | 'cancelled';

export class ModelError extends Error {
  constructor(
    message: string,
    readonly kind: ModelErrorKind,
    readonly status?: number,
    readonly attempts = 1,
  ) {
    super(message);
    this.name = 'ModelError';
  }
}

export interface ModelClient {
  readonly model: string;
  chat(req: { messages: ChatMessage[]; tools?: ToolSchema[]; temperature?: number; maxTokens?: number }): Promise<ModelReply>;
}

const CONTEXT_OVERFLOW = /context[ _-]?length|maximum context|context window|too many tokens|prompt is too long|input is too long|reduce the length/i;

/** Seconds or an HTTP date; undefined when absent or unparsable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (!value) return undefined;
  const secs = Number(value);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

interface RawMessage {
  content?: string | null;
  reasoning_content?: string | null;
  reasoning?: string | null;
  tool_calls?: { id?: string; type?: string; function?: { name?: string; arguments?: unknown } }[];
}

function parseReply(body: unknown): Omit<ModelReply, 'attempts' | 'latencyMs'> {
  const b = body as { choices?: { message?: RawMessage; finish_reason?: string | null }[]; usage?: Record<string, unknown> };
  const choice = b?.choices?.[0];
  if (!choice || typeof choice.message !== 'object' || choice.message === null) throw new ModelError('response has no choices[0].message', 'bad_response');
  const m = choice.message;
  const rawContent = typeof m.content === 'string' ? m.content : null;
  const split = splitThink(rawContent);
  const fieldReasoning = m.reasoning_content ?? m.reasoning ?? null;
  const toolCalls: ToolCall[] = (m.tool_calls ?? []).map((tc, i) => ({
    id: tc.id || `call_${i}`,
    type: 'function',
    function: {
      name: String(tc.function?.name ?? ''),
      // Some servers return already-parsed objects; the history must carry a string.
      arguments: typeof tc.function?.arguments === 'string' ? tc.function.arguments : JSON.stringify(tc.function?.arguments ?? {}),
    },
  }));
  const u = (b.usage ?? {}) as { prompt_tokens?: number; completion_tokens?: number; prompt_tokens_details?: { cached_tokens?: number } | null };
  return {
    text: split.text,
    rawContent,
    reasoning: fieldReasoning || split.reasoning,
    toolCalls,
    finishReason: choice.finish_reason ?? null,
    usage: {
      promptTokens: Number(u.prompt_tokens ?? 0),
      cachedTokens: Number(u.prompt_tokens_details?.cached_tokens ?? 0),
      completionTokens: Number(u.completion_tokens ?? 0),
    },
  };
}

/**
 * OpenAI-compatible chat-completions client. The caller passes the whole history every
 * call (no truncation here), which keeps the prompt prefix stable for server prefix caches.
 * Retries 429, 5xx, network errors, timeouts and garbled bodies with exponential backoff and
 * full jitter, honouring Retry-After, all within one per-call deadline.
 */
export function createModelClient(cfg: ModelConfig, deps: ModelDeps = realModelDeps): ModelClient {
  const base = cfg.baseUrl.replace(/\/+$/, '');
  const attemptTimeout = cfg.attemptTimeoutMs ?? 600_000;
  const deadline = cfg.deadlineMs ?? 1_800_000;
  const maxRetries = cfg.maxRetries ?? 6;
  const initial = cfg.initialBackoffMs ?? 1_000;
  const maxBackoff = cfg.maxBackoffMs ?? 60_000;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (cfg.apiKey) headers.authorization = `Bearer ${cfg.apiKey}`;

  async function attempt(body: string, timeoutMs: number): Promise<{ ok: true; value: Omit<ModelReply, 'attempts' | 'latencyMs'> } | { ok: false; err: ModelError; retryAfterMs?: number }> {
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), timeoutMs);
    const onCancel = () => ctrl.abort();
    cfg.signal?.addEventListener('abort', onCancel, { once: true });
    try {
      let res: Response;
      try {
        res = await deps.fetch(`${base}/chat/completions`, { method: 'POST', headers, body, signal: ctrl.signal });
      } catch (e) {
        if (cfg.signal?.aborted) return { ok: false, err: cancelled() };
        if (ctrl.signal.aborted) return { ok: false, err: new ModelError(`no response within ${timeoutMs} ms`, 'timeout') };
        return { ok: false, err: new ModelError(`network error: ${(e as Error).message}`, 'network') };
      }
      let text: string;
      try {
        text = await res.text();
      } catch (e) {
        if (cfg.signal?.aborted) return { ok: false, err: cancelled() };
        if (ctrl.signal.aborted) return { ok: false, err: new ModelError(`response body stalled past ${timeoutMs} ms`, 'timeout') };
        return { ok: false, err: new ModelError(`network error while reading body: ${(e as Error).message}`, 'network') };
      }
      if (!res.ok) {
        const snippet = text.slice(0, 500);
        if (res.status === 400 || res.status === 413) {
          if (CONTEXT_OVERFLOW.test(text)) return { ok: false, err: new ModelError(`context overflow: ${snippet}`, 'context_overflow', res.status) };
        }
        const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), deps.now());
        return { ok: false, err: new ModelError(`HTTP ${res.status}: ${snippet}`, 'http', res.status), retryAfterMs };
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return { ok: false, err: new ModelError(`response is not JSON: ${text.slice(0, 200)}`, 'bad_response', res.status) };
      }
      try {
        return { ok: true, value: parseReply(json) };
      } catch (e) {
        return { ok: false, err: e as ModelError };
      }
    } finally {
      clearTimeout(timer);
      cfg.signal?.removeEventListener('abort', onCancel);
    }
  }

  const cancelled = () => new ModelError('cancelled while waiting for the model', 'cancelled');
  /** The backoff sleep, cut short by a cancel. */
  const pause = (ms: number) => {
    const signal = cfg.signal;
    if (!signal) return deps.sleep(ms);
    return Promise.race([deps.sleep(ms), new Promise<void>((r) => (signal.aborted ? r() : signal.addEventListener('abort', () => r(), { once: true })))]);
  };

  const retryable = (e: ModelError) =>
    e.kind === 'network' || e.kind === 'timeout' || e.kind === 'bad_response' || (e.kind === 'http' && (e.status === 429 || e.status === 408 || (e.status ?? 0) >= 500));

  return {
    model: cfg.model,
    async chat(req) {
      const body = JSON.stringify({
        model: cfg.model,
        messages: req.messages,
        ...(req.tools?.length ? { tools: req.tools, tool_choice: 'auto' } : {}),
        temperature: req.temperature ?? cfg.temperature,
        max_tokens: req.maxTokens ?? cfg.maxTokens,
        ...(cfg.extraBody ?? {}),
      });
      const start = deps.now();
      for (let n = 1; ; n++) {
        const left = deadline - (deps.now() - start);
        if (cfg.signal?.aborted) throw cancelled();
        if (left <= 0) throw new ModelError(`deadline of ${deadline} ms passed after ${n - 1} attempt(s)`, 'deadline', undefined, n - 1);
        const r = await attempt(body, Math.min(attemptTimeout, left));
        if (r.ok) return { ...r.value, attempts: n, latencyMs: deps.now() - start };
        const err = new ModelError(r.err.message, r.err.kind, r.err.status, n);
        if (!retryable(err) || n > maxRetries) throw err;
        const backoff = Math.min(maxBackoff, initial * 2 ** (n - 1)) * deps.random();
        const wait = Math.max(backoff, r.retryAfterMs ?? 0);
        const leftAfter = deadline - (deps.now() - start);
        if (wait >= leftAfter) {
          if (err.kind === 'timeout') throw new ModelError(`deadline of ${deadline} ms passed: ${err.message}`, 'deadline', undefined, n);
          throw new ModelError(`deadline of ${deadline} ms would pass while waiting to retry: ${err.message}`, 'deadline', err.status, n);
        }
        await pause(wait);
      }
    },
  };
}
