import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BlobStoreError, createFsBlobStore } from './fs-blob-store';

describe('file-system blob store', () => {
  it('stores compressed, content-addressed, idempotently', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'blobs-'));
    const s = createFsBlobStore(root);
    const a = await s.put('hello '.repeat(1000));
    const b = await s.put('hello '.repeat(1000));
    expect(a.key).toBe(b.key);
    expect(a.key).toMatch(/^[0-9a-f]{64}$/);
    expect((await s.get(a.key)).toString()).toBe('hello '.repeat(1000));
    expect(await s.has(a.key)).toBe(true);
    await expect(s.get('0'.repeat(64))).rejects.toThrow(BlobStoreError);
  });
});
