import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AxolotlLogParser, buildAxolotlYaml, getPreset } from '../../engine/training';

const BIN = path.resolve(__dirname, '../../../bin/specialist');

describe('specialist fake-axolotl (stand-in trainer, no GPU)', () => {
  it('trains a built config: parseable decreasing loss and checkpoints at save_steps', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fake-axolotl-'));
    const cfg = { ...getPreset('qwen3-8b-full').config, outputDir: path.join(dir, 'out'), saveStrategy: 'steps' as const, saveSteps: 4 };
    writeFileSync(path.join(dir, 'cfg.yaml'), buildAxolotlYaml(cfg));
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, 'fake-axolotl', 'train', path.join(dir, 'cfg.yaml'), '--steps', '10', '--step-ms', '1']);
    const p = new AxolotlLogParser();
    p.push(stdout);
    p.end();
    const losses = p.progress.metrics.map((m) => m.loss);
    expect(losses).toHaveLength(10);
    expect(losses.every((l, i) => i === 0 || l < losses[i - 1])).toBe(true);
    expect(p.progress.metrics.map((m) => m.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(p.progress.totalSteps).toBe(10);
    expect(p.progress.checkpoints.map((c) => c.step)).toEqual([4, 8]);
    expect(readdirSync(path.join(dir, 'out')).sort()).toEqual(['checkpoint-4', 'checkpoint-8']);
    expect(p.progress.summary?.train_loss).toBeGreaterThan(0);
  });

  it('fails with a clear message for a missing config', async () => {
    await expect(promisify(execFile)(process.execPath, [BIN, 'fake-axolotl', 'train', '/nonexistent.yaml'])).rejects.toMatchObject({ code: 1 });
  });
});
