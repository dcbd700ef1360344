import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DecryptError, decryptSecret, encryptSecret, hashPassword, verifyPassword } from './crypto';

describe('secrets at rest (AES-256-GCM)', () => {
  const key = randomBytes(32);
  it('round-trips and never stores the plaintext', () => {
    const stored = encryptSecret('ghp_supersecret', key, 'repo:1');
    expect(stored).not.toContain('supersecret');
    expect(decryptSecret(stored, key, 'repo:1')).toBe('ghp_supersecret');
  });
  it('uses a fresh nonce per value', () => {
    expect(encryptSecret('x', key)).not.toBe(encryptSecret('x', key));
  });
  it('rejects a wrong key, a tampered ciphertext and a different context', () => {
    const stored = encryptSecret('token', key, 'a');
    expect(() => decryptSecret(stored, randomBytes(32), 'a')).toThrow(DecryptError);
    expect(() => decryptSecret(stored, key, 'b')).toThrow(DecryptError);
    const parts = stored.split(':');
    parts[3] = Buffer.from('tampered!').toString('base64url');
    expect(() => decryptSecret(parts.join(':'), key, 'a')).toThrow(DecryptError);
  });
});

describe('password hashing (scrypt)', () => {
  it('verifies the right password only', async () => {
    const h = await hashPassword('correct horse battery');
    expect(h.startsWith('scrypt:')).toBe(true);
    expect(await verifyPassword('correct horse battery', h)).toBe(true);
    expect(await verifyPassword('wrong', h)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });
});
