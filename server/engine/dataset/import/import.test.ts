import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { importJsonl, importTrajectoryJson, ImportError, instanceIdFromFileName, makeSeraRow, type ImportResult } from './index';

async function collect(chunks: (string | Buffer)[], opts = {}) {
  const out: ImportResult[] = [];
  for await (const r of importJsonl(Readable.from(chunks), opts)) out.push(r);
  return out;
}

describe('importJsonl', () => {
  it('imports valid SERA rows and reports bad lines with their line numbers', async () => {
    const text = [JSON.stringify(makeSeraRow(1)), '{not json', '', JSON.stringify({ messages: [] }), JSON.stringify(makeSeraRow(2)), JSON.stringify({ foo: 1 })].join('\n') + '\n';
    const res = await collect([text]);
    expect(res.map((r) => [r.line, r.ok])).toEqual([[1, true], [2, false], [4, false], [5, true], [6, false]]);
    const bad = res.filter((r) => !r.ok) as Extract<ImportResult, { ok: false }>[];
    expect(bad[0].error).toMatch(/invalid JSON/);
    expect(bad[1].error).toMatch(/messages: messages must not be empty/);
    const ok = res[0] as Extract<ImportResult, { ok: true }>;
    expect(ok.record.instanceId).toBe('django_django_c1a2b_10001');
    expect(ok.record.messages[2]).toMatchObject({ role: 'assistant', train: true });
    expect(ok.record.format).toBe('sera-jsonl');
  });

  it('gives the same records for any chunking, CRLF and a BOM, with stable content hashes', async () => {
    const text = '\ufeff' + [1, 2, 3].map((i) => JSON.stringify(makeSeraRow(i))).join('\r\n');
    const whole = await collect([text]);
    const buf = Buffer.from(text);
    const chunks: Buffer[] = [];
    for (let i = 0; i < buf.length; i += 97) chunks.push(buf.subarray(i, i + 97));
    const split = await collect(chunks);
    expect(split).toEqual(whole);
    expect(whole.every((r) => r.ok)).toBe(true);
    const hashes = whole.map((r) => (r.ok ? r.record.contentHash : ''));
    expect(new Set(hashes).size).toBe(3);
    const again = await collect([text]);
    expect(again.map((r) => (r.ok ? r.record.contentHash : ''))).toEqual(hashes);
  });

  it('skips an oversized line without buffering it and keeps going', async () => {
    const big = JSON.stringify(makeSeraRow(1, 200));
    const small = JSON.stringify(makeSeraRow(2, 1));
    const res = await collect([big.slice(0, 5000), big.slice(5000) + '\n' + small + '\n'], { maxLineBytes: 10_000 });
    expect(res).toMatchObject([{ line: 1, ok: false, error: expect.stringMatching(/longer than 10000/) }, { line: 2, ok: true }]);
  });

  it('reports progress in bytes and rows', async () => {
    const text = [1, 2].map((i) => JSON.stringify(makeSeraRow(i))).join('\n') + '\n';
    const seen: [number, number][] = [];
    await collect([text.slice(0, 10), text.slice(10)], { onProgress: (b: number, r: number) => seen.push([b, r]) });
    expect(seen.at(-1)).toEqual([Buffer.byteLength(text), 2]);
    expect(seen[0][0]).toBe(10);
  });
});

describe('trajectory JSON import', () => {
  it('reads a SWE-agent .traj with list content and takes the id from the file name', () => {
    const traj = {
      environment: 'swe_main',
      trajectory: [{ action: 'ls', observation: 'a.py', response: 'ls', thought: '' }],
      history: [
        { role: 'system', content: 'You are a helpful assistant', agent: 'main', message_type: 'system_prompt' },
        { role: 'user', content: [{ type: 'text', text: '<uploaded_files>\n/testbed' }], agent: 'main' },
        { role: 'assistant', content: 'Let me look.', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'bash', arguments: '{"command":"ls"}' } }] },
        { role: 'tool', content: [{ type: 'text', text: 'OBSERVATION:\na.py' }], tool_call_ids: ['c1'] },
      ],
      info: { exit_status: 'submitted', submission: 'diff --git a/a.py b/a.py\n' },
    };
    const r = importTrajectoryJson(JSON.stringify(traj), 'trajs/run/django_django_c1a2b_10000/django_django_c1a2b_10000.traj');
    expect(r.format).toBe('swe-agent-traj');
    expect(r.instanceId).toBe('django_django_c1a2b_10000');
    expect(r.messages[1].content).toBe('<uploaded_files>\n/testbed');
    expect(r.messages[2].toolCalls).toHaveLength(1);
    expect(r.metadata).toMatchObject({ exitStatus: 'submitted', patch: 'diff --git a/a.py b/a.py\n' });
  });

  it('reads our own trajectory JSON and rejects other JSON clearly', () => {
    const ours = { schemaVersion: 1, instanceId: 'x_1', model: 'm', sandbox: 'bwrap', messages: [{ role: 'user', content: 'fix it' }, { role: 'assistant', content: null, tool_calls: [{ id: '1' }] }], steps: [], exitStatus: 'submitted', patch: null };
    const r = importTrajectoryJson(JSON.stringify(ours), 'x.json');
    expect(r).toMatchObject({ format: 'specialist-trajectory', instanceId: 'x_1', metadata: { model: 'm', exitStatus: 'submitted' } });
    expect(r.messages[1]).toEqual({ role: 'assistant', content: '', toolCalls: [{ id: '1' }] });
    expect(() => importTrajectoryJson('{"history": []}', 'a.traj')).toThrow(ImportError);
    expect(() => importTrajectoryJson('nope', 'a.traj')).toThrow(/invalid JSON/);
    expect(instanceIdFromFileName('/a/b/foo_1.traj')).toBe('foo_1');
  });
});
