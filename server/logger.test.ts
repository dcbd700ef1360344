import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger, redact } from './logger';

describe('logger redaction', () => {
  afterEach(() => vi.restoreAllMocks());
  it('redacts secret-looking keys at any depth', () => {
    expect(redact({ token: 'abc', nested: { apiKey: 'k', password: 'p', ok: 1, list: [{ authorization: 'Bearer x' }] }, privateKey: '---' })).toEqual({
      token: '[redacted]',
      nested: { apiKey: '[redacted]', password: '[redacted]', ok: 1, list: [{ authorization: '[redacted]' }] },
      privateKey: '[redacted]',
    });
  });
  it('never writes a secret value to the log stream', () => {
    const writes: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (writes.push(String(s)), true));
    createLogger({ component: 't' }, 'debug').info('connecting', { url: 'https://git.example.com/a.git', token: 'ghp_VERYSECRET', backend: { sshPrivateKey: 'KEYDATA' } });
    expect(writes.join('')).toContain('connecting');
    expect(writes.join('')).not.toMatch(/VERYSECRET|KEYDATA/);
  });
});
