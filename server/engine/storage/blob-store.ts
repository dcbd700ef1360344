// The blob store contract: content-addressed (sha256 of the uncompressed bytes), so equal
// content gets one key and puts are idempotent. Providers: filesystem (default) and S3.
import type { Readable } from 'node:stream';

export type BlobInput = Buffer | Uint8Array | string | Readable | AsyncIterable<Uint8Array | string>;

export interface BlobInfo {
  key: string;
  /** Uncompressed size in bytes. */
  size: number;
  /** Bytes as stored (compressed), when the provider knows it. */
  storedBytes?: number;
}

export interface BlobStore {
  put(data: BlobInput): Promise<{ key: string; size: number }>;
  get(key: string): Promise<Buffer>;
  getStream(key: string): Promise<Readable>;
  has(key: string): Promise<boolean>;
  stat(key: string): Promise<BlobInfo | null>;
  delete(key: string): Promise<void>;
}

export type BlobStoreErrorCode = 'disk_full' | 'permission' | 'not_found' | 'invalid_key' | 'io';

export class BlobStoreError extends Error {
  constructor(
    message: string,
    readonly code: BlobStoreErrorCode,
  ) {
    super(message);
    this.name = 'BlobStoreError';
  }
}

export const BLOB_KEY = /^[0-9a-f]{64}$/;

export function assertKey(key: string): void {
  if (!BLOB_KEY.test(key)) throw new BlobStoreError(`invalid blob key ${JSON.stringify(key)} (expected 64 hex chars)`, 'invalid_key');
}

export async function* toChunks(data: BlobInput): AsyncGenerator<Buffer> {
  if (typeof data === 'string') yield Buffer.from(data);
  else if (data instanceof Uint8Array) yield Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  else for await (const c of data as AsyncIterable<Uint8Array | string>) yield typeof c === 'string' ? Buffer.from(c) : Buffer.from(c.buffer, c.byteOffset, c.byteLength);
}
