import { describe, expect, it } from 'vitest';
import { checkOutboundUrl, classifyAddress, UrlGuardError } from './url-guard';

const dns = (table: Record<string, string[]>) => async (h: string) => table[h] ?? [];

async function reason(url: string, opts: Partial<Parameters<typeof checkOutboundUrl>[1]> = {}) {
  try {
    await checkOutboundUrl(url, { resolve: dns({ 'api.example.com': ['93.184.216.34'], 'evil.example.com': ['169.254.169.254'], 'intranet.example.com': ['10.1.2.3'] }), ...opts });
    return 'ok';
  } catch (e) {
    expect(e).toBeInstanceOf(UrlGuardError);
    return (e as UrlGuardError).reason;
  }
}

describe('outbound URL guard (SSRF)', () => {
  it('allows public http(s) endpoints', async () => {
    expect(await reason('https://api.example.com/v1')).toBe('ok');
    expect(await reason('http://93.184.216.34:8000/v1')).toBe('ok');
  });
  it('blocks cloud metadata by address, by name and through DNS', async () => {
    expect(await reason('http://169.254.169.254/latest/meta-data/')).toBe('metadata');
    expect(await reason('http://metadata.google.internal/computeMetadata/v1/')).toBe('metadata');
    expect(await reason('http://evil.example.com/')).toBe('metadata');
    expect(await reason('http://[fd00:ec2::254]/')).toBe('metadata');
    expect(await reason('http://[::ffff:169.254.169.254]/')).toBe('metadata');
  });
  it('blocks link-local, loopback, reserved and private ranges unless allowed', async () => {
    expect(await reason('http://169.254.10.1/')).toBe('link_local');
    expect(await reason('http://[fe80::1]/')).toBe('link_local');
    expect(await reason('http://127.0.0.1:8000/')).toBe('loopback');
    expect(await reason('http://[::1]/')).toBe('loopback');
    expect(await reason('http://0.0.0.0/')).toBe('reserved');
    expect(await reason('http://192.168.1.5/')).toBe('private');
    expect(await reason('http://intranet.example.com/')).toBe('private');
    expect(await reason('http://intranet.example.com/', { allowedPrivateRanges: ['10.0.0.0/8'] })).toBe('ok');
    expect(await reason('http://192.168.1.5/', { allowedPrivateRanges: ['10.0.0.0/8'] })).toBe('private');
    expect(await reason('http://127.0.0.1:8000/', { allowLoopback: true })).toBe('ok');
    // metadata stays blocked even when every private range is allowed
    expect(await reason('http://169.254.169.254/', { allowedPrivateRanges: ['0.0.0.0/0'], allowLoopback: true })).toBe('metadata');
  });
  it('rejects other schemes, garbage and unresolvable names with specific messages', async () => {
    expect(await reason('file:///etc/passwd')).toBe('bad_scheme');
    expect(await reason('gopher://api.example.com')).toBe('bad_scheme');
    expect(await reason('not a url')).toBe('invalid_url');
    expect(await reason('http://nope.invalid/')).toBe('unresolvable');
    await expect(checkOutboundUrl('http://192.168.1.5/', { resolve: dns({}) })).rejects.toThrow(/private network range/);
  });
  it('classifies bare addresses', () => {
    expect(classifyAddress('8.8.8.8')).toBeNull();
    expect(classifyAddress('172.20.0.1')).toBe('private');
    expect(classifyAddress('100.64.1.1')).toBe('private');
  });
});
