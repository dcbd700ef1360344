import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BlobStoreError, createFsBlobStore, type FsBlobStoreDeps } from './fs-blob-store';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'blobs-'));
const filesUnder = (dir: string): string[] => readdirSync(dir, { recursive: true }).map(String).filter((f) => statSync(path.join(dir, f)).isFile());

describe('file-system blob store', () => {
  it('stores compressed, content-addressed, idempotently, in sharded dirs', async () => {
    const root = tmp();
    const s = createFsBlobStore(root);
    const text = 'hello '.repeat(1000);
    const a = await s.put(text);
    const b = await s.put(Buffer.from(text));
    expect(a).toEqual(b);
    expect(a.key).toBe(createHash('sha256').update(text).digest('hex'));
    expect((await s.get(a.key)).toString()).toBe(text);
    expect(await s.has(a.key)).toBe(true);
    const st = await s.stat(a.key);
    expect(st).toMatchObject({ key: a.key, size: 6000 });
    expect(st!.storedBytes).toBeLessThan(200);
    expect(filesUnder(root)).toEqual([path.join(a.key.slice(0, 2), a.key.slice(2, 4), `${a.key}.gz`)]);
    await s.delete(a.key);
    expect(await s.has(a.key)).toBe(false);
    expect(await s.stat(a.key)).toBeNull();
    await expect(s.get('0'.repeat(64))).rejects.toMatchObject({ code: 'not_found' });
    await expect(s.get('../etc/passwd')).rejects.toMatchObject({ code: 'invalid_key' });
  });

  it('accepts streams and streams back the same bytes', async () => {
    const s = createFsBlobStore(tmp());
    const parts = Array.from({ length: 50 }, (_, i) => Buffer.from(`chunk ${i} `.repeat(100)));
    const { key, size } = await s.put(Readable.from(parts));
    const whole = Buffer.concat(parts);
    expect(size).toBe(whole.length);
    expect(key).toBe(createHash('sha256').update(whole).digest('hex'));
    const back: Buffer[] = [];
    for await (const c of await s.getStream(key)) back.push(c);
    expect(Buffer.concat(back).equals(whole)).toBe(true);
  });

  it('turns ENOSPC and EACCES mid-write into typed errors and leaves no partial file', async () => {
    for (const [errno, code] of [['ENOSPC', 'disk_full'], ['EACCES', 'permission']] as const) {
      const root = tmp();
      // Writes some real bytes to the temp file, then fails the way a full disk would.
      const failing: FsBlobStoreDeps = {
        async writeFile(file, source) {
          const out = createWriteStream(file);
          for await (const c of source) {
            out.write(c);
            break;
          }
          await new Promise<void>((r) => out.end(() => r()));
          throw Object.assign(new Error(`${errno}: simulated`), { code: errno });
        },
      };
      const s = createFsBlobStore(root, failing);
      const err = await s.put('x'.repeat(100_000)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BlobStoreError);
      expect((err as BlobStoreError).code).toBe(code);
      expect(filesUnder(root)).toEqual([]);
    }
  });
});
