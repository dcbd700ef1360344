import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { probeTeacher } from './probe';

// A tiny OpenAI-compatible fake LLM server on 127.0.0.1 (no real model can run here).
async function fakeLlm(handler: (path: string, body: any) => { status?: number; json: unknown }) {
  const server = http.createServer(async (req, res) => {
    let raw = '';
    for await (const c of req) raw += c;
    const out = handler(req.url ?? '', raw ? JSON.parse(raw) : null);
    res.writeHead(out.status ?? 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(out.json));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, close: () => server.close() };
}

let close: (() => void) | undefined;
afterEach(() => close?.());

describe('teacher endpoint probe (fake LLM server)', () => {
  it('reports a working tool-calling endpoint', async () => {
    const s = await fakeLlm((path, body) =>
      path.endsWith('/models')
        ? { json: { data: [{ id: 'glm-4.6' }] } }
        : { json: { choices: [{ message: { content: null, reasoning_content: 'think', tool_calls: [{ function: { name: body.tools[0].function.name, arguments: '{"command":"echo ok"}' } }] } }] } },
    );
    close = s.close;
    const r = await probeTeacher({ baseUrl: s.url, model: 'glm-4.6' }, { fetch });
    expect(r.ok).toBe(true);
    expect(r.checks.map((c) => [c.name, c.ok])).toEqual([
      ['reachable', true],
      ['model_listed', true],
      ['tool_calling', true],
      ['reasoning', true],
    ]);
  });
  it('explains a refused key, a missing model and missing tool calls', async () => {
    let s = await fakeLlm(() => ({ status: 401, json: { error: 'no' } }));
    close = s.close;
    let r = await probeTeacher({ baseUrl: s.url, model: 'x', apiKey: 'bad' }, { fetch });
    expect(r.ok).toBe(false);
    expect(r.checks[0].detail).toMatch(/API key was refused/);
    s.close();

    s = await fakeLlm((path) => (path.endsWith('/models') ? { json: { data: [{ id: 'other' }] } } : { json: { choices: [{ message: { content: 'I would run echo ok' } }] } }));
    close = s.close;
    r = await probeTeacher({ baseUrl: s.url, model: 'glm-4.6' }, { fetch });
    expect(r.checks.find((c) => c.name === 'model_listed')?.detail).toMatch(/not among: other/);
    expect(r.checks.find((c) => c.name === 'tool_calling')?.detail).toMatch(/enable-auto-tool-choice/);
  });
  it('reports an unreachable endpoint', async () => {
    const r = await probeTeacher({ baseUrl: 'http://127.0.0.1:1/v1', model: 'm', timeoutMs: 2000 }, { fetch });
    expect(r.checks[0]).toMatchObject({ name: 'reachable', ok: false });
    expect(r.checks[0].detail).toMatch(/Could not connect/);
  });
});
