// The one CSRF rule every mutation goes through (tRPC, uploads): custom header + same origin.
import { describe, expect, it } from 'vitest';
import { csrfRejected } from './route-guards';

const req = (method: string, headers: Record<string, string>) => new Request('http://127.0.0.1:3000/api/trpc/x', { method, headers });
const ok = { 'x-specialist-csrf': '1', host: '127.0.0.1:3000' };

describe('CSRF check', () => {
  it('lets same-origin requests with the header through', () => {
    expect(csrfRejected(req('POST', ok))).toBeNull();
    expect(csrfRejected(req('POST', { ...ok, origin: 'http://127.0.0.1:3000' }))).toBeNull();
    // behind a proxy the forwarded host is the public one
    expect(csrfRejected(req('POST', { ...ok, host: 'internal:3000', 'x-forwarded-host': 'specialist.example.com', origin: 'https://specialist.example.com' }))).toBeNull();
  });

  it('refuses a missing header, another origin, a "null" or garbage origin', async () => {
    const cases: Record<string, string>[] = [{ host: ok.host }, { ...ok, origin: 'https://evil.example' }, { ...ok, origin: 'http://127.0.0.1:3001' }, { ...ok, origin: 'null' }, { ...ok, origin: '::garbage' }, { 'x-specialist-csrf': 'yes', host: ok.host }];
    for (const headers of cases) {
      const r = csrfRejected(req('POST', headers));
      expect(r?.status, JSON.stringify(headers)).toBe(403);
      expect(await r!.text()).toContain('CSRF');
    }
  });

  it('checks every state-changing method, not just POST', () => {
    for (const m of ['PUT', 'PATCH', 'DELETE']) expect(csrfRejected(req(m, { host: ok.host }))?.status, m).toBe(403);
    for (const m of ['GET', 'HEAD', 'OPTIONS']) expect(csrfRejected(req(m, { host: ok.host })), m).toBeNull();
  });
});
