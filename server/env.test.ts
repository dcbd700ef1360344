import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from './env';

describe('environment validation', () => {
  it('has working defaults for the embedded install', () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.HOST).toBe('127.0.0.1');
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.dataDir.endsWith('.data')).toBe(true);
  });
  it('lists every problem with a specific message', () => {
    try {
      parseEnv({ PORT: 'abc', DATABASE_URL: 'mysql://x', SPECIALIST_SECRET_KEY: 'c2hvcnQ=' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EnvError);
      const msg = (e as Error).message;
      expect(msg).toMatch(/PORT/);
      expect(msg).toMatch(/DATABASE_URL must be a postgres/);
      expect(msg).toMatch(/SPECIALIST_SECRET_KEY must be 32 bytes/);
    }
  });
  it('requires SSO settings in complete sets', () => {
    expect(() => parseEnv({ GITHUB_ID: 'x' })).toThrow(/GITHUB_ID and GITHUB_SECRET/);
    expect(() => parseEnv({ OIDC_ISSUER: 'https://idp.example.com' })).toThrow(/OIDC_CLIENT_ID/);
    expect(parseEnv({ OIDC_ISSUER: 'https://idp.example.com', OIDC_CLIENT_ID: 'a', OIDC_CLIENT_SECRET: 'b' }).OIDC_ISSUER).toBe('https://idp.example.com');
  });
});
