// "Check" for a teacher endpoint: is it reachable, does it serve the model, and does it
// return native tool calls (SVG needs them)? Each answer is reported separately so the
// user sees exactly what works.
export interface ProbeDeps {
  fetch: typeof fetch;
  now?: () => number;
}

export interface ProbeCheck {
  name: 'reachable' | 'model_listed' | 'tool_calling' | 'reasoning';
  ok: boolean;
  detail: string;
}

export interface ProbeResult {
  ok: boolean;
  models: string[];
  checks: ProbeCheck[];
  latencyMs?: number;
}

const PROBE_TOOL = {
  type: 'function',
  function: {
    name: 'bash',
    description: 'Run a bash command',
    parameters: { type: 'object', properties: { command: { type: 'string' } }, required: ['command'] },
  },
};

async function json(res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    return { _raw: text.slice(0, 200) };
  }
}

function httpProblem(status: number): string {
  if (status === 401 || status === 403) return `HTTP ${status}: the API key was refused`;
  if (status === 404) return 'HTTP 404: wrong base URL (it usually ends in /v1)';
  if (status === 429) return 'HTTP 429: rate limited; try again shortly';
  return `HTTP ${status} from the server`;
}

export async function probeTeacher(cfg: { baseUrl: string; model: string; apiKey?: string; timeoutMs?: number }, deps: ProbeDeps): Promise<ProbeResult> {
  const base = cfg.baseUrl.replace(/\/+$/, '');
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (cfg.apiKey) headers.authorization = `Bearer ${cfg.apiKey}`;
  const checks: ProbeCheck[] = [];
  const timeout = cfg.timeoutMs ?? 30_000;
  let models: string[] = [];

  try {
    const res = await deps.fetch(`${base}/models`, { headers, signal: AbortSignal.timeout(timeout) });
    if (!res.ok) {
      checks.push({ name: 'reachable', ok: false, detail: httpProblem(res.status) });
      return { ok: false, models, checks };
    }
    const body = (await json(res)) as { data?: { id?: string }[] };
    models = (body.data ?? []).map((m) => String(m.id ?? '')).filter(Boolean);
    checks.push({ name: 'reachable', ok: true, detail: `Endpoint answered with ${models.length} model(s)` });
  } catch (e) {
    const msg = (e as Error).name === 'TimeoutError' ? `No answer within ${timeout / 1000} s` : `Could not connect: ${(e as Error).message}`;
    checks.push({ name: 'reachable', ok: false, detail: msg });
    return { ok: false, models, checks };
  }
  const listed = models.includes(cfg.model);
  checks.push({
    name: 'model_listed',
    ok: listed || models.length === 0,
    detail: listed ? `${cfg.model} is served` : models.length ? `${cfg.model} is not among: ${models.slice(0, 5).join(', ')}` : 'The server does not list models; trying anyway',
  });

  const t0 = deps.now?.() ?? Date.now();
  try {
    const res = await deps.fetch(`${base}/chat/completions`, {
      method: 'POST',
      headers,
      signal: AbortSignal.timeout(timeout),
      body: JSON.stringify({
        model: cfg.model,
        messages: [{ role: 'user', content: 'Use the bash tool to run `echo ok`. Do not answer in text.' }],
        tools: [PROBE_TOOL],
        tool_choice: 'auto',
        max_tokens: 512,
        temperature: 0,
      }),
    });
    const latencyMs = (deps.now?.() ?? Date.now()) - t0;
    if (!res.ok) {
      checks.push({ name: 'tool_calling', ok: false, detail: httpProblem(res.status) });
      return { ok: false, models, checks, latencyMs };
    }
    const body = (await json(res)) as { choices?: { message?: { content?: string | null; reasoning_content?: string; tool_calls?: { function?: { name?: string; arguments?: string } }[] } }[] };
    const msg = body.choices?.[0]?.message;
    const call = msg?.tool_calls?.[0]?.function;
    let argsOk = false;
    try {
      argsOk = typeof JSON.parse(call?.arguments ?? '').command === 'string';
    } catch {
      argsOk = false;
    }
    const toolOk = call?.name === 'bash' && argsOk;
    checks.push({
      name: 'tool_calling',
      ok: toolOk,
      detail: toolOk
        ? `Native tool call returned in ${latencyMs} ms`
        : call
          ? 'A tool call came back but its arguments are not valid JSON for the schema'
          : 'No native tool call: start vLLM with --enable-auto-tool-choice and the right --tool-call-parser',
    });
    const reasoning = !!msg?.reasoning_content || /<think>/.test(msg?.content ?? '');
    checks.push({ name: 'reasoning', ok: true, detail: reasoning ? 'Reasoning ("thinking") content is returned and will be recorded' : 'No reasoning content (fine for non-thinking models)' });
    return { ok: checks.every((c) => c.ok), models, checks, latencyMs };
  } catch (e) {
    checks.push({ name: 'tool_calling', ok: false, detail: `The completion request failed: ${(e as Error).message}` });
    return { ok: false, models, checks };
  }
}
