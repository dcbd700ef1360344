import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
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
    expect(j).toMatchObject({ valid: 3, invalid: 1, format: 'jsonl', unit: 'line', dryRun: true, errors: [{ line: 2, error: expect.stringMatching(/invalid JSON/) }] });
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

  it('checks a directory of pretty-printed .traj files (SWE-agent run layout) without storing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'import-cli-'));
    for (const id of ['a_1', 'a_2']) {
      mkdirSync(path.join(dir, id));
      writeFileSync(path.join(dir, id, `${id}.traj`), JSON.stringify({ history: [{ role: 'user', content: id }], info: { exit_status: 'submitted' } }, null, 2));
    }
    writeFileSync(path.join(dir, 'a_2', 'broken.traj'), '{"history": [');
    const { stdout } = await run(dir).catch((e) => e);
    expect(stdout).toMatch(/a_1\.traj \(traj, \d+ bytes\): 1 valid, 0 invalid, 0 duplicates \(dry run\)/);
    expect(stdout).toMatch(/broken\.traj \(traj, \d+ bytes\): 0 valid, 1 invalid[^\n]*\n  record 1: invalid JSON/);
    expect(stdout).toMatch(/3 files: 2 valid, 1 invalid/);
  });
});
