// AWS Signature Version 4 (header-based), written from the AWS spec so the S3 provider needs no
// SDK. Path segments are URI-encoded once (S3 style: no double encoding, no dot-segment
// normalisation), which also matches the generic suite for plain paths like "/".
import { createHash, createHmac } from 'node:crypto';

export interface SigV4Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SigV4Request {
  method: string;
  url: string;
  /** Headers to sign; Host and X-Amz-Date are added when absent. */
  headers: Record<string, string>;
  /** Hex sha256 of the body (or 'UNSIGNED-PAYLOAD'). */
  payloadHash: string;
}

export interface SigV4Options {
  region: string;
  service: string;
  credentials: SigV4Credentials;
  date: Date;
}

export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** RFC 3986 encoding as SigV4 wants it (encodeURIComponent leaves !'()* alone). */
export function uriEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function amzDate(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export function canonicalRequest(req: SigV4Request): { text: string; signedHeaders: string } {
  const u = new URL(req.url);
  const path = u.pathname.split('/').map((seg) => uriEncode(decodeURIComponent(seg))).join('/') || '/';
  const query = [...u.searchParams.entries()]
    .map(([k, v]) => [uriEncode(k), uriEncode(v)])
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const headers = Object.entries(req.headers)
    .map(([k, v]) => [k.toLowerCase(), v.trim().replace(/\s+/g, ' ')] as const)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const signedHeaders = headers.map(([k]) => k).join(';');
  const text = [req.method.toUpperCase(), path, query, headers.map(([k, v]) => `${k}:${v}\n`).join(''), signedHeaders, req.payloadHash].join('\n');
  return { text, signedHeaders };
}

/** Returns the headers to send: the input plus Host, X-Amz-Date, token and Authorization. */
export function signRequest(req: SigV4Request, opts: SigV4Options): Record<string, string> & { authorization: string } {
  const date = amzDate(opts.date);
  const day = date.slice(0, 8);
  const headers: Record<string, string> = { ...req.headers };
  const has = (name: string) => Object.keys(headers).some((k) => k.toLowerCase() === name);
  if (!has('host')) headers.host = new URL(req.url).host;
  if (!has('x-amz-date')) headers['x-amz-date'] = date;
  if (opts.credentials.sessionToken && !has('x-amz-security-token')) headers['x-amz-security-token'] = opts.credentials.sessionToken;
  const { text, signedHeaders } = canonicalRequest({ ...req, headers });
  const scope = `${day}/${opts.region}/${opts.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', date, scope, sha256Hex(text)].join('\n');
  let key = hmac(`AWS4${opts.credentials.secretAccessKey}`, day);
  for (const part of [opts.region, opts.service, 'aws4_request']) key = hmac(key, part);
  const signature = createHmac('sha256', key).update(stringToSign).digest('hex');
  return { ...headers, authorization: `AWS4-HMAC-SHA256 Credential=${opts.credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}` };
}
