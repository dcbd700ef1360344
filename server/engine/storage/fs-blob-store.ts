// Content-addressed, gzip-compressed blobs on the local file system (the default store).
// Layout: <root>/<k0k1>/<k2k3>/<key>.gz. Writes stream through gzip into a temp file in the
// target directory and are renamed into place, so a crash or a full disk never leaves a partial
// blob under a real key; the temp file is removed on any failure.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { assertKey, BlobStoreError, toChunks, type BlobInput, type BlobStore } from './blob-store';

export { BlobStoreError } from './blob-store';
export type { BlobStore } from './blob-store';

export interface FsBlobStoreDeps {
  /** Writes the stream to a new file; injectable so tests can simulate ENOSPC mid-write. */
  writeFile(file: string, source: Readable): Promise<void>;
}

export const realFsBlobDeps: FsBlobStoreDeps = {
  writeFile: (file, source) => pipeline(source, createWriteStream(file, { flags: 'wx' })),
};

export function createFsBlobStore(root: string, deps: FsBlobStoreDeps = realFsBlobDeps): BlobStore {
  const file = (key: string) => {
    assertKey(key);
    return path.join(root, key.slice(0, 2), key.slice(2, 4), `${key}.gz`);
  };
  const classify = (e: unknown, what: string): never => {
    if (e instanceof BlobStoreError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || code === 'EDQUOT') throw new BlobStoreError(`The blob store at ${root} is out of space while ${what}; free disk space and retry`, 'disk_full');
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new BlobStoreError(`No permission to write the blob store at ${root} (${code}) while ${what}`, 'permission');
    if (code === 'ENOENT') throw new BlobStoreError(`Blob not found (${what})`, 'not_found');
    throw new BlobStoreError(`Blob store error while ${what}: ${(e as Error).message}`, 'io');
  };
  const exists = async (f: string) => {
    try {
      await stat(f);
      return true;
    } catch {
      return false;
    }
  };

  return {
    async put(data: BlobInput) {
      // The key is only known after the last byte, so write to a temp file in a staging dir
      // under root (same file system, so the rename is atomic).
      const staging = path.join(root, 'tmp');
      const tmp = path.join(staging, `${randomBytes(8).toString('hex')}.tmp`);
      const hash = createHash('sha256');
      let size = 0;
      const counted = Readable.from(
        (async function* () {
          for await (const c of toChunks(data)) {
            hash.update(c);
            size += c.length;
            yield c;
          }
        })(),
      );
      try {
        await mkdir(staging, { recursive: true });
        await deps.writeFile(tmp, counted.pipe(createGzip()));
        const key = hash.digest('hex');
        const target = file(key);
        if (await exists(target)) {
          await rm(tmp, { force: true });
        } else {
          await mkdir(path.dirname(target), { recursive: true });
          await rename(tmp, target);
        }
        return { key, size };
      } catch (e) {
        await rm(tmp, { force: true }).catch(() => {});
        return classify(e, 'writing');
      }
    },
    async get(key) {
      const chunks: Buffer[] = [];
      for await (const c of await this.getStream(key)) chunks.push(c as Buffer);
      return Buffer.concat(chunks);
    },
    async getStream(key) {
      const f = file(key);
      try {
        await stat(f);
      } catch (e) {
        return classify(e, `reading ${key}`);
      }
      return createReadStream(f).pipe(createGunzip());
    },
    async has(key) {
      return exists(file(key));
    },
    async stat(key) {
      const f = file(key);
      try {
        const st = await stat(f);
        // gzip's trailer holds the uncompressed size mod 2^32 (ISIZE, RFC 1952).
        const fh = await open(f, 'r');
        try {
          const b = Buffer.alloc(4);
          await fh.read(b, 0, 4, st.size - 4);
          return { key, size: b.readUInt32LE(0), storedBytes: st.size };
        } finally {
          await fh.close();
        }
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        return classify(e, `stat ${key}`);
      }
    },
    async delete(key) {
      await rm(file(key), { force: true });
    },
  };
}
