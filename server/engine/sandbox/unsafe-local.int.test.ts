import { describe, it, expect } from 'vitest';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createUnsafeLocalSandbox } from './index';

// unsafe-local runs real child processes on this host (dev only; no isolation at all).
describe('unsafe-local sandbox', () => {
  it('runs commands in the repo dir, reads and writes files, and kills the process tree on timeout', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'unsafe-local-'));
    const sb = await createUnsafeLocalSandbox({ hostWorkdir: dir });
    try {
      expect(sb.kind).toBe('unsafe-local');
      expect(sb.workdir).toBe(dir);
      const r = await sb.exec('pwd; echo err >&2; exit 2');
      expect(r.stdout).toBe(`${dir}\n`);
      expect(r.stderr).toBe('err\n');
      expect(r.exitCode).toBe(2);
      await sb.writeFile(path.join(dir, 'a.txt'), 'hello\n');
      expect(await sb.readFile(path.join(dir, 'a.txt'))).toBe('hello\n');
      expect(await sb.pathInfo(dir)).toEqual({ exists: true, isDir: true });
      expect(await sb.pathInfo(path.join(dir, 'missing'))).toEqual({ exists: false, isDir: false });
      await expect(sb.readFile(path.join(dir, 'missing'))).rejects.toThrow(/ENOENT/);
      const slow = await sb.exec(`(sleep 2; touch ${dir}/late) & sleep 30`, { timeoutMs: 300 });
      expect(slow.timedOut).toBe(true);
      await new Promise((res) => setTimeout(res, 2_500));
      await expect(stat(path.join(dir, 'late'))).rejects.toThrow();
      const big = await sb.exec('head -c 3000000 /dev/zero | tr "\\0" x', { maxOutputBytes: 1000 });
      expect(big.stdout.length).toBe(1000);
      expect(big.truncated).toBe(true);
    } finally {
      await sb.dispose();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
