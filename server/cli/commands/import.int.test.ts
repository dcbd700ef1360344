import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { makeSeraRow } from '../../engine/dataset/import';

const BIN = path.resolve(__dirname, '../../../bin/specialist');
const run = (...args: string[]) => promisify(execFile)(process.execPath, [BIN, 'import', ...args]);

describe('specialist import', () => {
  it('counts valid rows, duplicates and shows errors with line numbers', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'import-cli-'));
    const f = path.join(dir, 'rows.jsonl');
    writeFileSync(f, [JSON.stringify(makeSeraRow(1)), '{oops', JSON.stringify(makeSeraRow(2)), JSON.stringify(makeSeraRow(1))].join('\n') + '\n');
    const { stdout } = await run(f, '--dry-run');
    expect(stdout).toMatch(/3 valid, 1 invalid, 1 duplicate \(dry run\)/);
    expect(stdout).toMatch(/line 2: invalid JSON/);
    const j = JSON.parse((await run(f, '--json')).stdout);
    expect(j).toMatchObject({ valid: 3, invalid: 1, format: 'jsonl', errors: [{ line: 2, ok: false }] });
  });

  it('imports a .traj and exits 1 when nothing is valid', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'import-cli-'));
    const t = path.join(dir, 'a_1.traj');
    writeFileSync(t, JSON.stringify({ history: [{ role: 'user', content: 'hi' }], info: { exit_status: 'submitted' } }));
    expect((await run(t)).stdout).toMatch(/\(traj, \d+ bytes\): 1 valid, 0 invalid/);
    const bad = path.join(dir, 'bad.jsonl');
    writeFileSync(bad, '{"x":1}\n');
    await expect(run(bad)).rejects.toMatchObject({ code: 1 });
    await expect(run(path.join(dir, 'missing.jsonl'))).rejects.toMatchObject({ code: 2 });
  });
});
