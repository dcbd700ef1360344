import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackend } from './create-backend';

// Real shells on this host; the missing commands are made missing by PATH / a bogus binary path.
describe("check() reports 'command missing' from real shells", () => {
  it('slurm: sbatch & co. not on PATH', async () => {
    const b = createBackend('slurm', { workRoot: '/tmp', env: { PATH: '/nonexistent' } });
    const r = await b.check();
    expect(r).toMatchObject({ ok: false, error: 'command_missing' });
    if (!r.ok) expect(r.message).toContain('sbatch');
  });

  it('skypilot: no sky binary', async () => {
    const r = await createBackend('skypilot', { workRoot: '/tmp', skyBin: '/nonexistent/sky' }).check();
    expect(r).toMatchObject({ ok: false, error: 'command_missing' });
  });

  it('local: ready on this host', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'specialist-check-'));
    try {
      expect(await createBackend('local', { workRoot: dir }).check()).toMatchObject({ ok: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
