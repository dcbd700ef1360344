// A fake LLM for e2e (no model can run here): an OpenAI-compatible server on 127.0.0.1
// that lists one model and answers every chat completion with a native `bash` tool call.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export async function startFakeLlm(model = 'fake-teacher-1') {
  const server = http.createServer(async (req, res) => {
    let body = '';
    for await (const c of req) body += c;
    res.setHeader('content-type', 'application/json');
    if (req.url?.endsWith('/models')) return res.end(JSON.stringify({ object: 'list', data: [{ id: model, object: 'model' }] }));
    if (req.url?.endsWith('/chat/completions')) {
      return res.end(
        JSON.stringify({
          id: 'fake',
          object: 'chat.completion',
          model,
          choices: [{ index: 0, finish_reason: 'tool_calls', message: { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'bash', arguments: '{"command":"echo ok"}' } }] } }],
          usage: { prompt_tokens: 20, completion_tokens: 5 },
        }),
      );
    }
    res.statusCode = 404;
    res.end('{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, model, close: () => new Promise<void>((r) => server.close(() => r())) };
}
