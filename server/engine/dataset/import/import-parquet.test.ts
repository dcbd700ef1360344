// SERA rows in Parquet, written with hyparquet-writer the way published datasets are laid out
// (a `messages` list of structs, `instance_id`, optional metadata), read row group by row group.
import { gzipSync } from 'node:zlib';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { parquetMetadataAsync } from 'hyparquet';
import { importParquet, isParquet, makeSeraRow, normalizeAny, type ImportResult } from './index';

type Msg = { role: string; content: string; train: boolean };

/** list<struct<role, content, train>> as HuggingFace `datasets` writes it. */
const SCHEMA = [
  { name: 'root', num_children: 3 },
  { name: 'messages', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
  { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
  { name: 'element', repetition_type: 'OPTIONAL', num_children: 3 },
  { name: 'role', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
  { name: 'content', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
  { name: 'train', type: 'BOOLEAN', repetition_type: 'OPTIONAL' },
  { name: 'instance_id', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
  { name: 'recall', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
] as const;

function asyncBuffer(ab: ArrayBuffer) {
  const reads: [number, number][] = [];
  return { reads, file: { byteLength: ab.byteLength, slice: async (s: number, e?: number) => (reads.push([s, e ?? ab.byteLength]), ab.slice(s, e)) } };
}

async function collect(file: { byteLength: number; slice: (s: number, e?: number) => Promise<ArrayBuffer> }, opts = {}) {
  const out: ImportResult[] = [];
  for await (const r of importParquet(file, opts)) out.push(r);
  return out;
}

const rows = (n: number) => Array.from({ length: n }, (_, i) => makeSeraRow(i + 1, 2) as { messages: Msg[]; instance_id: string });

describe('importParquet', () => {
  it('reads list-of-struct messages row group by row group, reports a bad row by number, gives progress', async () => {
    const data = rows(5);
    const messages: (Msg[] | null)[] = data.map((r) => r.messages);
    messages[2] = []; // row 3: empty conversation
    const ab = parquetWriteBuffer({
      schema: SCHEMA as never,
      columnData: [
        { name: 'messages', data: messages },
        { name: 'instance_id', data: data.map((r) => r.instance_id) },
        { name: 'recall', data: [1, 0.5, null, 0.8, null] },
      ],
      rowGroupSize: 2,
    });
    const { file } = asyncBuffer(ab);
    expect(isParquet(new Uint8Array(ab.slice(0, 4)))).toBe(true);
    const progress: [number, number][] = [];
    const res = await collect(file, { onProgress: (b: number, r: number) => progress.push([b, r]) });
    expect(res.map((r) => [r.line, r.ok])).toEqual([[1, true], [2, true], [3, false], [4, true], [5, true]]);
    expect(res[2]).toMatchObject({ error: expect.stringMatching(/messages must not be empty/) });
    const first = res[0] as Extract<ImportResult, { ok: true }>;
    expect(first.record).toMatchObject({ format: 'sera-jsonl', instanceId: 'django_django_c1a2b_10001', metadata: { recall: 1 } });
    expect(first.record.messages).toEqual(data[0].messages);
    // the same row from JSONL and from Parquet is the same sample (same idempotency key)
    expect(first.record.contentHash).toBe((await import('./normalize')).fromSeraRow(data[0]).contentHash);
    // three row groups of 2, 2, 1 rows: one progress report each, then the whole file
    expect(progress.map((p) => p[1])).toEqual([2, 3, 4, 4]);
    expect(progress[0][0]).toBeGreaterThan(0);
    expect(progress.at(-1)).toEqual([ab.byteLength, 4]);
  });

  it('reads a large row group in row batches with the same results', async () => {
    const data = rows(7);
    const ab = parquetWriteBuffer({ schema: SCHEMA as never, columnData: [{ name: 'messages', data: data.map((r) => r.messages) }, { name: 'instance_id', data: data.map((r) => r.instance_id) }, { name: 'recall', data: data.map(() => 0.5) }], rowGroupSize: 7 });
    const whole = await collect(asyncBuffer(ab).file);
    const batched = await collect(asyncBuffer(ab).file, { rowsPerBatch: 3 });
    expect(batched).toEqual(whole);
    expect(batched.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('accepts messages stored as a JSON string column, gzip-compressed, and reports bad JSON by row', async () => {
    const data = rows(3);
    const ab = parquetWriteBuffer({
      columnData: [
        { name: 'messages', data: [JSON.stringify(data[0].messages), '[{"role": "user", "content"', JSON.stringify(data[2].messages)], type: 'STRING' },
        { name: 'instance_id', data: data.map((r) => r.instance_id), type: 'STRING' },
      ],
      codec: 'GZIP',
      compressors: { GZIP: (b: Uint8Array) => new Uint8Array(gzipSync(b)) },
    });
    const res = await collect(asyncBuffer(ab).file);
    expect(res.map((r) => [r.line, r.ok])).toEqual([[1, true], [2, false], [3, true]]);
    expect(res[1]).toMatchObject({ error: expect.stringMatching(/^messages: not valid JSON/) });
  });

  it('reads a snappy-compressed file (the writer default) and skips columns it does not know', async () => {
    const data = rows(2);
    const ab = parquetWriteBuffer({
      columnData: [
        { name: 'messages', data: data.map((r) => JSON.stringify(r.messages)), type: 'STRING' },
        { name: 'instance_id', data: data.map((r) => r.instance_id), type: 'STRING' },
        { name: 'raw_trajectory', data: ['x'.repeat(5000), 'y'.repeat(5000)], type: 'STRING' },
      ],
    });
    const codecs = (await parquetMetadataAsync(asyncBuffer(ab).file)).row_groups[0].columns.map((c) => c.meta_data?.codec);
    expect(codecs).toEqual(['SNAPPY', 'SNAPPY', 'SNAPPY']);
    const seen: string[][] = [];
    const res = await collect(asyncBuffer(ab).file, { normalize: (v: unknown) => (seen.push(Object.keys(v as object)), normalizeAny(v)) });
    expect(res.every((r) => r.ok)).toBe(true);
    expect((res[1] as Extract<ImportResult, { ok: true }>).record.messages).toEqual(data[1].messages);
    // the unknown column is never decoded
    expect(seen).toEqual([['messages', 'instance_id'], ['messages', 'instance_id']]);
  });

  it('refuses a file that is not Parquet or has no messages column with a clear error', async () => {
    const text = new TextEncoder().encode('{"messages": []}\n');
    await expect(collect(asyncBuffer(text.buffer as ArrayBuffer).file)).rejects.toThrow(/not a readable Parquet file/);
    const ab = parquetWriteBuffer({ columnData: [{ name: 'text', data: ['a'], type: 'STRING' }] });
    await expect(collect(asyncBuffer(ab).file)).rejects.toThrow(/no "messages" column \(columns: text\)/);
  });
});
