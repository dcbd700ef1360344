import { describe, expect, it } from 'vitest';
import { redactLogChunk, redactSecrets } from './log-redaction';

const SECRET = 'sk-live-0123456789abcdef';

/** Feeds `log` to redactLogChunk in chunks of `size` bytes, as the reconciler does across rounds. */
function copyInChunks(log: string, size: number, secrets: string[]) {
  const bytes = Buffer.from(log);
  let offset = 0;
  let stored = '';
  for (let round = 0; round < 10_000 && offset < bytes.length; round++) {
    const end = Math.min(bytes.length, offset + size);
    const final = end === bytes.length; // the job has ended and this read reaches the end
    const c = redactLogChunk(bytes.subarray(offset, end).toString('utf8'), secrets, final);
    stored += c.emit;
    // a round that consumes nothing reads the same bytes plus what arrived since
    if (c.consumedBytes === 0) size *= 2;
    offset += c.consumedBytes;
  }
  return stored;
}

describe('redactLogChunk', () => {
  it('redacts a secret that a chunk boundary splits, whatever the boundary', () => {
    const log = `starting\ntoken=${SECRET} ok\nünïcödé ✓ line\nbye ${SECRET}\n`;
    for (let size = 1; size <= log.length + 2; size++) {
      const stored = copyInChunks(log, size, [SECRET]);
      expect(stored, `chunk size ${size}`).not.toContain('0123456789');
      expect(stored, `chunk size ${size}`).toBe(redactSecrets(log, [SECRET]));
    }
  });

  it('keeps an unfinished line back while the job runs and flushes it when it has ended', () => {
    expect(redactLogChunk(`done\nhalf ${SECRET.slice(0, 10)}`, [SECRET], false)).toEqual({ emit: 'done\n', consumedBytes: 5 });
    expect(redactLogChunk('no newline yet', [SECRET], false)).toEqual({ emit: '', consumedBytes: 0 });
    expect(redactLogChunk(`tail ${SECRET}`, [SECRET], true)).toEqual({ emit: 'tail [redacted]', consumedBytes: Buffer.byteLength(`tail ${SECRET}`) });
  });

  it('stores a very long line in parts, never cutting a secret or a character', () => {
    const long = `${'€'.repeat(100_000)}${SECRET}${'😀'.repeat(50_000)}`;
    const c = redactLogChunk(long, [SECRET], false);
    expect(c.consumedBytes).toBeGreaterThan(0);
    expect(c.consumedBytes).toBe(Buffer.byteLength(c.emit.replace('[redacted]', SECRET)));
    const rest = Buffer.from(long).subarray(c.consumedBytes).toString('utf8');
    expect(rest).not.toContain('\uFFFD');
    expect(c.emit + redactLogChunk(rest, [SECRET], true).emit).toBe(redactSecrets(long, [SECRET]));
  });

  it('redacts each long line of a multi-line key on its own', () => {
    const key = '-----BEGIN KEY-----\nAAAAB3NzaC1yc2EAAAADAQABAAABAQ\nCxyzCxyzCxyzCxyzCxyz\n-----END KEY-----';
    expect(redactSecrets('x AAAAB3NzaC1yc2EAAAADAQABAAABAQ y', [key])).toBe('x [redacted] y');
  });
});
