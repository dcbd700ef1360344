// Content-addressed, gzip-compressed blobs on the local file system (the default store).
// Writes go to a temp file and are renamed into place, so a crash or a full disk never
// leaves a partial blob under a real key.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

export interface BlobStore {
  put(data: Buffer | string): Promise<{ key: string; size: number }>;
  get(key: string): Promise<Buffer>;
  has(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
}

export class BlobStoreError extends Error {
  constructor(
    message: string,
    readonly code: 'disk_full' | 'permission' | 'not_found' | 'io',
  ) {
    super(message);
    this.name = 'BlobStoreError';
  }
}

const KEY = /^[0-9a-f]{64}$/;

export function createFsBlobStore(root: string): BlobStore {
  const file = (key: string) => {
    if (!KEY.test(key)) throw new BlobStoreError(`invalid blob key ${key}`, 'not_found');
    return path.join(root, key.slice(0, 2), key.slice(2, 4), `${key}.gz`);
  };
  const classify = (e: unknown, what: string): never => {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || code === 'EDQUOT') throw new BlobStoreError(`The blob store at ${root} is out of space while ${what}; free disk space and retry`, 'disk_full');
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new BlobStoreError(`No permission to write the blob store at ${root}`, 'permission');
    if (code === 'ENOENT') throw new BlobStoreError(`Blob not found (${what})`, 'not_found');
    throw new BlobStoreError(`Blob store error while ${what}: ${(e as Error).message}`, 'io');
  };
  return {
    async put(data) {
      const buf = typeof data === 'string' ? Buffer.from(data) : data;
      const key = createHash('sha256').update(buf).digest('hex');
      const target = file(key);
      try {
        await stat(target);
        return { key, size: buf.length };
      } catch {
        /* new blob */
      }
      const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(tmp, gzipSync(buf));
        await rename(tmp, target);
      } catch (e) {
        await rm(tmp, { force: true }).catch(() => {});
        classify(e, 'writing');
      }
      return { key, size: buf.length };
    },
    async get(key) {
      try {
        return gunzipSync(await readFile(file(key)));
      } catch (e) {
        return classify(e, `reading ${key}`);
      }
    },
    async has(key) {
      try {
        await stat(file(key));
        return true;
      } catch {
        return false;
      }
    },
    async delete(key) {
      await rm(file(key), { force: true });
    },
  };
}
