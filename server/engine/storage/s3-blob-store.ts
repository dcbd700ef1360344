// S3-compatible blob store (AWS S3, MinIO, R2 …) over plain fetch with our own SigV4 signer.
// Same layout and compression as the filesystem store: <prefix><k0k1>/<k2k3>/<key>.gz, gzip,
// with the uncompressed size kept in x-amz-meta-size. S3 PUTs are atomic, so no temp objects.
// Uploads are buffered (single PUT, ≤ 5 GB); trajectories are far below that.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import { assertKey, BlobStoreError, toChunks, type BlobStore } from './blob-store';
import { sha256Hex, signRequest, type SigV4Credentials } from './sigv4';

export interface S3BlobStoreConfig {
  /** e.g. https://s3.us-east-1.amazonaws.com or http://127.0.0.1:9000 */
  endpoint: string;
  bucket: string;
  region: string;
  credentials: SigV4Credentials;
  /** Key prefix inside the bucket, e.g. "blobs/". */
  prefix?: string;
}

export interface S3BlobStoreDeps {
  fetch: typeof fetch;
  now: () => Date;
}

export function createS3BlobStore(cfg: S3BlobStoreConfig, deps: S3BlobStoreDeps = { fetch: globalThis.fetch, now: () => new Date() }): BlobStore {
  const base = cfg.endpoint.replace(/\/+$/, '');
  // Path-style addressing works for AWS and every S3-compatible server.
  const url = (key: string) => {
    assertKey(key);
    return `${base}/${cfg.bucket}/${cfg.prefix ?? ''}${key.slice(0, 2)}/${key.slice(2, 4)}/${key}.gz`;
  };
  const send = async (method: string, key: string, body?: Buffer, extra: Record<string, string> = {}) => {
    const u = url(key);
    const payloadHash = sha256Hex(body ?? '');
    const headers = signRequest({ method, url: u, headers: { ...extra, 'x-amz-content-sha256': payloadHash }, payloadHash }, { region: cfg.region, service: 's3', credentials: cfg.credentials, date: deps.now() });
    delete (headers as Record<string, string>).host; // fetch sets Host itself
    let res: Response;
    try {
      res = await deps.fetch(u, { method, headers, body: body ? new Uint8Array(body) : undefined });
    } catch (e) {
      throw new BlobStoreError(`S3 ${method} ${cfg.bucket}/${key} failed: ${(e as Error).message}`, 'io');
    }
    if (res.status === 404) return res;
    if (res.status === 403 || res.status === 401) throw new BlobStoreError(`S3 denied ${method} on bucket ${cfg.bucket} (${res.status}); check the access key and bucket policy`, 'permission');
    if (!res.ok) throw new BlobStoreError(`S3 ${method} ${cfg.bucket}/${key} returned ${res.status}: ${(await res.text()).slice(0, 300)}`, 'io');
    return res;
  };

  const store: BlobStore = {
    async put(data) {
      const chunks: Buffer[] = [];
      const hash = createHash('sha256');
      for await (const c of toChunks(data)) {
        hash.update(c);
        chunks.push(c);
      }
      const raw = Buffer.concat(chunks);
      const key = hash.digest('hex');
      if (await store.has(key)) return { key, size: raw.length };
      await send('PUT', key, gzipSync(raw), { 'content-type': 'application/gzip', 'x-amz-meta-size': String(raw.length) });
      return { key, size: raw.length };
    },
    async get(key) {
      const res = await send('GET', key);
      if (res.status === 404) throw new BlobStoreError(`Blob not found (${key})`, 'not_found');
      return gunzipSync(Buffer.from(await res.arrayBuffer()));
    },
    async getStream(key) {
      return Readable.from([await store.get(key)]);
    },
    async has(key) {
      return (await send('HEAD', key)).status !== 404;
    },
    async stat(key) {
      const res = await send('HEAD', key);
      if (res.status === 404) return null;
      return { key, size: Number(res.headers.get('x-amz-meta-size') ?? NaN), storedBytes: Number(res.headers.get('content-length') ?? NaN) };
    },
    async delete(key) {
      await send('DELETE', key);
    },
  };
  return store;
}
