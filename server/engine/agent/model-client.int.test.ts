import { describe, it, expect, afterEach } from 'vitest';
import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createModelClient, ModelError, realModelDeps, type ModelDeps } from './model-client';

// Every server here is a FAKE LLM: a real HTTP server on 127.0.0.1 that replays scripted
// responses, so the client's retry/deadline behaviour is exercised over real sockets.
type Handler = (req: IncomingMessage, res: ServerResponse, body: string, n: number) => void;
const servers: Server[] = [];

async function fakeLlm(handler: Handler): Promise<{ url: string; bodies: string[] }> {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      bodies.push(body);
      handler(req, res, body, bodies.length);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, bodies };
}

afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

const ok = (message: object, usage: object = { prompt_tokens: 10, completion_tokens: 5 }) =>
  JSON.stringify({ id: 'x', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: 'tool_calls' }], usage });

function recordingDeps(): ModelDeps & { waits: number[] } {
  const waits: number[] = [];
  return { ...realModelDeps, random: () => 1, sleep: async (ms) => void waits.push(ms), waits };
}

const msgs = [
  { role: 'system' as const, content: 'sys' },
  { role: 'user' as const, content: 'task' },
];

describe('model client against a fake LLM HTTP server', () => {
  it('retries a 429, honours Retry-After, then returns tool calls, usage and reasoning_content', async () => {
    const llm = await fakeLlm((_q, res, _b, n) => {
      if (n === 1) {
        res.writeHead(429, { 'retry-after': '7' }).end('{"error":"slow down"}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        ok(
          { content: 'Looking.', reasoning_content: 'I should list files.', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'bash', arguments: '{"command":"ls"}' } }] },
          { prompt_tokens: 120, completion_tokens: 30, prompt_tokens_details: { cached_tokens: 64 } },
        ),
      );
    });
    const deps = recordingDeps();
    const client = createModelClient({ baseUrl: llm.url, model: 'm', initialBackoffMs: 10 }, deps);
    const r = await client.chat({ messages: msgs, tools: [] });
    expect(r.attempts).toBe(2);
    expect(deps.waits).toEqual([7000]);
    expect(r.toolCalls).toEqual([{ id: 'c1', type: 'function', function: { name: 'bash', arguments: '{"command":"ls"}' } }]);
    expect(r.usage).toEqual({ promptTokens: 120, cachedTokens: 64, completionTokens: 30 });
    expect(r.reasoning).toBe('I should list files.');
    expect(r.text).toBe('Looking.');
    expect(llm.bodies).toHaveLength(2);
  });

  it('gives up after 500s exhaust the retries, with growing backoff', async () => {
    const llm = await fakeLlm((_q, res) => res.writeHead(500).end('boom'));
    const deps = recordingDeps();
    const client = createModelClient({ baseUrl: llm.url, model: 'm', maxRetries: 3, initialBackoffMs: 100 }, deps);
    const err = await client.chat({ messages: msgs }).catch((e) => e);
    expect(err).toBeInstanceOf(ModelError);
    expect(err.kind).toBe('http');
    expect(err.status).toBe(500);
    expect(err.attempts).toBe(4);
    expect(llm.bodies).toHaveLength(4);
    expect(deps.waits).toEqual([100, 200, 400]);
  });

  it('a stalled server hits the per-call deadline', async () => {
    const llm = await fakeLlm(() => {
      // never answers
    });
    const client = createModelClient({ baseUrl: llm.url, model: 'm', attemptTimeoutMs: 150, deadlineMs: 400, initialBackoffMs: 1 }, { ...realModelDeps, random: () => 0 });
    const t0 = Date.now();
    const err = await client.chat({ messages: msgs }).catch((e) => e);
    expect(err).toBeInstanceOf(ModelError);
    expect(err.kind).toBe('deadline');
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(llm.bodies.length).toBeGreaterThanOrEqual(2);
  });

  it('garbage JSON is retried, then reported as bad_response', async () => {
    const llm = await fakeLlm((_q, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"choices": [ {oops'));
    const client = createModelClient({ baseUrl: llm.url, model: 'm', maxRetries: 2, initialBackoffMs: 1 }, recordingDeps());
    const err = await client.chat({ messages: msgs }).catch((e) => e);
    expect(err.kind).toBe('bad_response');
    expect(err.message).toMatch(/not JSON/);
    expect(llm.bodies).toHaveLength(3);
  });

  it('recovers when garbage is followed by a good reply', async () => {
    const llm = await fakeLlm((_q, res, _b, n) => res.writeHead(200).end(n === 1 ? 'not json at all' : ok({ content: 'fine' })));
    const r = await createModelClient({ baseUrl: llm.url, model: 'm', initialBackoffMs: 1 }, recordingDeps()).chat({ messages: msgs });
    expect(r.attempts).toBe(2);
    expect(r.text).toBe('fine');
  });

  it('a context-length 400 is not retried and is classified as context_overflow', async () => {
    const llm = await fakeLlm((_q, res) =>
      res.writeHead(400).end(JSON.stringify({ error: { message: "This model's maximum context length is 32768 tokens. However, you requested 40000 tokens." } })),
    );
    const err = await createModelClient({ baseUrl: llm.url, model: 'm' }, recordingDeps())
      .chat({ messages: msgs })
      .catch((e) => e);
    expect(err.kind).toBe('context_overflow');
    expect(llm.bodies).toHaveLength(1);
  });

  it('a closed port is a network error', async () => {
    const llm = await fakeLlm(() => {});
    const port = new URL(llm.url).port;
    for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
    const err = await createModelClient({ baseUrl: `http://127.0.0.1:${port}/v1`, model: 'm', maxRetries: 1, initialBackoffMs: 1 }, recordingDeps())
      .chat({ messages: msgs })
      .catch((e) => e);
    expect(err.kind).toBe('network');
    expect(err.attempts).toBe(2);
  });

  it('a cancel ends the call in flight and its backoff at once', async () => {
    // a stalled server: the first attempt hangs until the cancel aborts it
    const stalled = await fakeLlm(() => {});
    const ctrl = new AbortController();
    const pending = createModelClient({ baseUrl: stalled.url, model: 'm', signal: ctrl.signal }).chat({ messages: msgs }).catch((e) => e);
    while (stalled.bodies.length === 0) await new Promise((r) => setTimeout(r, 10));
    ctrl.abort();
    const err = await pending;
    expect(err).toBeInstanceOf(ModelError);
    expect(err.kind).toBe('cancelled');

    // 500s with a backoff that would never end: the cancel cuts the wait short, no more attempts
    const failing = await fakeLlm((_req, res) => void res.writeHead(500).end('down'));
    const ctrl2 = new AbortController();
    const neverWakes: ModelDeps = { ...realModelDeps, sleep: () => new Promise(() => {}) };
    const pending2 = createModelClient({ baseUrl: failing.url, model: 'm', signal: ctrl2.signal }, neverWakes).chat({ messages: msgs }).catch((e) => e);
    while (failing.bodies.length === 0) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 50));
    ctrl2.abort();
    expect((await pending2).kind).toBe('cancelled');
    expect(failing.bodies).toHaveLength(1);
  });

  it('splits <think> blocks out of content, keeps the raw content, and sends the full history, model, tools and auth', async () => {
    const llm = await fakeLlm((req, res) => {
      expect(req.headers.authorization).toBe('Bearer k');
      res.writeHead(200).end(ok({ content: '<think>\nplan it\n</think>\n\nI will run ls.', tool_calls: [{ id: 'a', function: { name: 'bash', arguments: { command: 'ls' } } }] }));
    });
    const history = [...msgs, { role: 'assistant' as const, content: 'x', tool_calls: [{ id: 't', type: 'function' as const, function: { name: 'bash', arguments: '{}' } }] }, { role: 'tool' as const, content: 'OBSERVATION:\nok', tool_call_id: 't' }];
    const tools = [{ type: 'function' as const, function: { name: 'bash', description: 'd', parameters: { type: 'object' } } }];
    const r = await createModelClient({ baseUrl: llm.url + '/', model: 'teacher-1', apiKey: 'k', temperature: 0.6 }, recordingDeps()).chat({ messages: history, tools });
    expect(r.reasoning).toBe('plan it');
    expect(r.text).toBe('I will run ls.');
    expect(r.rawContent).toBe('<think>\nplan it\n</think>\n\nI will run ls.');
    expect(r.toolCalls[0].function.arguments).toBe('{"command":"ls"}');
    const sent = JSON.parse(llm.bodies[0]);
    expect(sent.model).toBe('teacher-1');
    expect(sent.messages).toEqual(history);
    expect(sent.tools).toEqual(tools);
    expect(sent.temperature).toBe(0.6);
  });
});
