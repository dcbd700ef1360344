// Outbound URL guard (SSRF). Teacher endpoints, backend APIs and repository URLs are
// typed in by users and fetched by our server, so a URL must not reach cloud metadata
// services, link-local or loopback addresses, or private ranges the org has not allowed.
// DNS resolution is injected, and every resolved address is checked (a hostname that
// resolves to 169.254.169.254 is as dangerous as the literal address).
import { BlockList, isIP } from 'node:net';

export type UrlGuardReason = 'invalid_url' | 'bad_scheme' | 'metadata' | 'link_local' | 'loopback' | 'private' | 'unresolvable' | 'reserved';

export class UrlGuardError extends Error {
  constructor(
    public readonly reason: UrlGuardReason,
    message: string,
  ) {
    super(message);
    this.name = 'UrlGuardError';
  }
}

export interface UrlGuardOptions {
  /** CIDRs (e.g. "10.0.0.0/8", "fd00::/8") the org explicitly allows, e.g. an on-prem vLLM box. */
  allowedPrivateRanges?: string[];
  /** Allow 127.0.0.0/8 and ::1 (single-machine installs talking to a local server). */
  allowLoopback?: boolean;
  schemes?: string[];
  resolve: (host: string) => Promise<string[]>;
}

const METADATA_HOSTS = new Set(['metadata.google.internal', 'metadata', 'metadata.azure.com', 'instance-data', 'instance-data.ec2.internal']);

function list(entries: [string, number, 'ipv4' | 'ipv6'][]): BlockList {
  const b = new BlockList();
  for (const [net, prefix, type] of entries) b.addSubnet(net, prefix, type);
  return b;
}

const metadata = list([
  ['169.254.169.254', 32, 'ipv4'],
  ['169.254.170.2', 32, 'ipv4'], // ECS task metadata
  ['100.100.100.200', 32, 'ipv4'], // Alibaba
  ['fd00:ec2::254', 128, 'ipv6'],
]);
const linkLocal = list([
  ['169.254.0.0', 16, 'ipv4'],
  ['fe80::', 10, 'ipv6'],
]);
const loopback = list([
  ['127.0.0.0', 8, 'ipv4'],
  ['::1', 128, 'ipv6'],
]);
const privateRanges = list([
  ['10.0.0.0', 8, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'], // carrier-grade NAT
  ['fc00::', 7, 'ipv6'],
]);
const reserved = list([
  ['0.0.0.0', 8, 'ipv4'],
  ['224.0.0.0', 4, 'ipv4'],
  ['240.0.0.0', 4, 'ipv4'],
  ['::', 128, 'ipv6'],
  ['ff00::', 8, 'ipv6'],
]);

function parseCidr(c: string): [string, number, 'ipv4' | 'ipv6'] {
  const [net, bits] = c.trim().split('/');
  const v = isIP(net);
  if (!v) throw new UrlGuardError('invalid_url', `Not a CIDR range: "${c}"`);
  const prefix = bits === undefined ? (v === 4 ? 32 : 128) : Number(bits);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > (v === 4 ? 32 : 128)) throw new UrlGuardError('invalid_url', `Bad prefix in "${c}"`);
  return [net, prefix, v === 4 ? 'ipv4' : 'ipv6'];
}

/** IPv4-mapped IPv6 (::ffff:10.0.0.1) is checked as the IPv4 address it is. */
function normalize(ip: string): { ip: string; type: 'ipv4' | 'ipv6' } {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (m) return { ip: m[1], type: 'ipv4' };
  return { ip, type: isIP(ip) === 6 ? 'ipv6' : 'ipv4' };
}

export function classifyAddress(raw: string, opts: Pick<UrlGuardOptions, 'allowedPrivateRanges' | 'allowLoopback'> = {}): UrlGuardReason | null {
  const { ip, type } = normalize(raw);
  if (metadata.check(ip, type)) return 'metadata';
  if (linkLocal.check(ip, type)) return 'link_local';
  if (reserved.check(ip, type)) return 'reserved';
  if (loopback.check(ip, type)) return opts.allowLoopback ? null : 'loopback';
  if (privateRanges.check(ip, type)) {
    const allowed = opts.allowedPrivateRanges?.length ? list(opts.allowedPrivateRanges.map(parseCidr)) : null;
    return allowed?.check(ip, type) ? null : 'private';
  }
  return null;
}

const messages: Record<UrlGuardReason, (host: string, ip?: string) => string> = {
  invalid_url: () => 'Not a valid URL',
  bad_scheme: () => 'Only http:// and https:// URLs are allowed',
  metadata: (h, ip) => `${h}${ip && ip !== h ? ` (${ip})` : ''} is a cloud metadata address and is always blocked`,
  link_local: (h, ip) => `${h}${ip && ip !== h ? ` (${ip})` : ''} is a link-local address and is blocked`,
  loopback: (h) => `${h} points at this server itself (loopback); allowed only on single-machine installs`,
  private: (h, ip) =>
    `${h}${ip && ip !== h ? ` (${ip})` : ''} is in a private network range. An admin can allow it under Settings (allowed private ranges)`,
  reserved: (h, ip) => `${h}${ip && ip !== h ? ` (${ip})` : ''} is a reserved address`,
  unresolvable: (h) => `Could not resolve ${h} (check the hostname and DNS)`,
};

/** Validates a user-supplied URL; returns it normalised or throws UrlGuardError with a specific message. */
export async function checkOutboundUrl(input: string, opts: UrlGuardOptions): Promise<URL> {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new UrlGuardError('invalid_url', messages.invalid_url(input));
  }
  const schemes = opts.schemes ?? ['http:', 'https:'];
  if (!schemes.includes(url.protocol)) throw new UrlGuardError('bad_scheme', messages.bad_scheme(url.hostname));
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (METADATA_HOSTS.has(host)) throw new UrlGuardError('metadata', messages.metadata(host));
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = await opts.resolve(host);
    } catch {
      addresses = [];
    }
    if (!addresses.length) throw new UrlGuardError('unresolvable', messages.unresolvable(host));
  }
  for (const a of addresses) {
    const reason = classifyAddress(a, opts);
    if (reason) throw new UrlGuardError(reason, messages[reason](host, a));
  }
  return url;
}
