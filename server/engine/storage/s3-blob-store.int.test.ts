import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3BlobStore } from './s3-blob-store';
import { sha256Hex, signRequest } from './sigv4';

// A minimal S3-compatible server on 127.0.0.1 (stand-in for MinIO, which is not installable
// here). It re-verifies every request's SigV4 signature with the secret key, so a signing or
// header-forwarding mistake in the client fails the test.
const creds = { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret/test+key' };
const objects = new Map<string, { body: Buffer; meta: string }>();
let endpoint = '';
let rejected = 0;
const server = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const c of req as IncomingMessage) chunks.push(c as Buffer);
  const body = Buffer.concat(chunks);
  const auth = String(req.headers.authorization ?? '');
  const signedNames = /SignedHeaders=([^,]+)/.exec(auth)?.[1].split(';') ?? [];
  const headers = Object.fromEntries(signedNames.map((n) => [n, String(req.headers[n] ?? '')]));
  const xdate = String(req.headers['x-amz-date']);
  const date = new Date(`${xdate.slice(0, 4)}-${xdate.slice(4, 6)}-${xdate.slice(6, 8)}T${xdate.slice(9, 11)}:${xdate.slice(11, 13)}:${xdate.slice(13, 15)}Z`);
  const expected = signRequest({ method: req.method!, url: `http://${req.headers.host}${req.url}`, headers, payloadHash: sha256Hex(body) }, { region: 'us-east-1', service: 's3', credentials: creds, date }).authorization;
  if (auth !== expected || req.headers['x-amz-content-sha256'] !== sha256Hex(body)) {
    rejected++;
    res.writeHead(403).end('SignatureDoesNotMatch');
    return;
  }
  const o = objects.get(req.url!);
  if (req.method === 'PUT') {
    objects.set(req.url!, { body, meta: String(req.headers['x-amz-meta-size']) });
    res.writeHead(200).end();
  } else if (!o) res.writeHead(req.method === 'DELETE' ? 204 : 404).end();
  else if (req.method === 'DELETE') {
    objects.delete(req.url!);
    res.writeHead(204).end();
  } else {
    res.writeHead(200, { 'x-amz-meta-size': o.meta, 'content-length': String(o.body.length) });
    res.end(req.method === 'HEAD' ? undefined : o.body);
  }
});

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('S3 blob store against a signature-checking S3-compatible server', () => {
  it('puts, heads, gets and deletes gzip objects under sharded keys', async () => {
    const s = createS3BlobStore({ endpoint, bucket: 'bkt', region: 'us-east-1', credentials: creds, prefix: 'blobs/' });
    const text = 'trajectory '.repeat(500);
    const { key, size } = await s.put(text);
    expect(key).toBe(sha256Hex(text));
    expect([...objects.keys()]).toEqual([`/bkt/blobs/${key.slice(0, 2)}/${key.slice(2, 4)}/${key}.gz`]);
    expect((await s.get(key)).toString()).toBe(text);
    expect(await s.stat(key)).toMatchObject({ key, size });
    expect(await s.put(text)).toEqual({ key, size });
    await s.delete(key);
    expect(await s.has(key)).toBe(false);
    await expect(s.get(key)).rejects.toMatchObject({ code: 'not_found' });
    expect(rejected).toBe(0);
  });

  it('reports a wrong secret as a permission error', async () => {
    const s = createS3BlobStore({ endpoint, bucket: 'bkt', region: 'us-east-1', credentials: { ...creds, secretAccessKey: 'wrong' } });
    await expect(s.put('x')).rejects.toMatchObject({ code: 'permission' });
  });
});
