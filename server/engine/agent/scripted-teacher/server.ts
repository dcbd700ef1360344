import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decide, type FakeMessage, type StrategyOptions } from './strategy';

export interface ScriptedTeacherOptions extends Partial<StrategyOptions> {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Always loopback unless told otherwise. */
  host?: string;
  /** Served model name (default "scripted-teacher"). */
  model?: string;
  /** When set, requests must carry `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
}

export interface ScriptedTeacher {
  /** Base URL ending in /v1. */
  url: string;
  model: string;
  port: number;
  /** Chat-completion requests answered so far. */
  readonly requestCount: number;
  close(): Promise<void>;
}

const tokens = (s: string) => Math.ceil(s.length / 4);
const contentText = (m: FakeMessage) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content ?? '')) + JSON.stringify(m.tool_calls ?? '');

function send(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Starts the scripted teacher: a FAKE, deterministic OpenAI-compatible LLM server
 * (`/v1/models`, `/v1/chat/completions` with native tool calls) for tests and demos. It
 * reads a function name and file from the task, views the file, inserts a guard clause,
 * checks the module with python and submits; without tools it answers the self-check
 * question and writes a synthetic PR that names the same function, so a second rollout
 * from that PR reproduces the same edit.
 */
export async function startScriptedTeacher(opts: ScriptedTeacherOptions = {}): Promise<ScriptedTeacher> {
  const model = opts.model ?? 'scripted-teacher';
  const strategy: StrategyOptions = { reasoning: opts.reasoning ?? 'think-tags', judgeVerdict: opts.judgeVerdict ?? 'yes' };
  let requestCount = 0;
  let seq = 0;

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://x');
      if (opts.apiKey && req.headers.authorization !== `Bearer ${opts.apiKey}`) {
        send(res, 401, { error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' } });
        return;
      }
      if (req.method === 'GET' && url.pathname === '/v1/models') {
        send(res, 200, { object: 'list', data: [{ id: model, object: 'model', created: 0, owned_by: 'specialist-scripted-teacher (fake)' }] });
        return;
      }
      if (req.method === 'POST' && url.pathname === '/v1/chat/completions') {
        let body: { model?: string; messages?: FakeMessage[]; tools?: { function?: { name?: string } }[] };
        try {
          body = JSON.parse(await readBody(req));
        } catch {
          send(res, 400, { error: { message: 'request body is not valid JSON', type: 'BadRequestError', code: 400 } });
          return;
        }
        if (body.model !== model) {
          send(res, 404, { error: { message: `The model \`${body.model}\` does not exist.`, type: 'NotFoundError', code: 404 } });
          return;
        }
        if (!Array.isArray(body.messages) || body.messages.length === 0) {
          send(res, 400, { error: { message: 'messages must be a non-empty list', type: 'BadRequestError', code: 400 } });
          return;
        }
        requestCount++;
        const reply = decide({ messages: body.messages, tools: body.tools }, strategy);
        const prompt = body.messages.map(contentText);
        const promptTokens = tokens(prompt.join(''));
        // Everything but the newest exchange was seen before: what a prefix cache would hit.
        const cached = tokens(prompt.slice(0, Math.max(0, prompt.length - 2)).join(''));
        const completion = tokens((reply.content ?? '') + (reply.reasoning_content ?? '') + JSON.stringify(reply.tool_calls ?? ''));
        send(res, 200, {
          id: `chatcmpl-scripted-${++seq}`,
          object: 'chat.completion',
          created: 0,
          model,
          choices: [{ index: 0, message: { role: 'assistant', ...reply }, finish_reason: reply.tool_calls ? 'tool_calls' : 'stop' }],
          usage: { prompt_tokens: promptTokens, completion_tokens: completion, total_tokens: promptTokens + completion, prompt_tokens_details: { cached_tokens: cached } },
        });
        return;
      }
      send(res, 404, { error: { message: `no route ${req.method} ${url.pathname}`, type: 'NotFoundError', code: 404 } });
    } catch (e) {
      send(res, 500, { error: { message: (e as Error).message, type: 'InternalServerError', code: 500 } });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${host}:${addr.port}/v1`,
    model,
    port: addr.port,
    get requestCount() {
      return requestCount;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
