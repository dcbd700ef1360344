import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import path from 'node:path';

// Starts the real CLI process serving the scripted teacher (a FAKE LLM) and talks to it.
const BIN = path.resolve(__dirname, '../../../bin/specialist');

describe('specialist scripted-teacher', () => {
  it('serves /v1/models and tool-calling completions until SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'scripted-teacher', '--port', '0', '--reasoning', 'field'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (b) => {
          out += b;
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+\/v1)/.exec(out);
          if (m) resolve(m[1]);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
        setTimeout(() => reject(new Error(`no banner: ${out}`)), 30_000);
      });
      const models = await fetch(`${url}/models`).then((r) => r.json());
      expect(models.data[0].id).toBe('scripted-teacher');
      const res = await fetch(`${url}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'scripted-teacher',
          messages: [{ role: 'user', content: 'Use the bash tool to run `echo ok`.' }],
          tools: [{ type: 'function', function: { name: 'bash', description: 'x', parameters: { type: 'object' } } }],
        }),
      }).then((r) => r.json());
      expect(res.choices[0].message.tool_calls[0].function).toEqual({ name: 'bash', arguments: '{"command":"echo ok"}' });
      const exited = new Promise<number | null>((r) => child.once('exit', r));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('rejects a bad port as a usage error', async () => {
    const child = spawn(process.execPath, [BIN, 'scripted-teacher', '--port', 'abc'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (b) => (err += b));
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    expect(code).toBe(2);
    expect(err).toMatch(/--port must be an integer/);
  });
});
