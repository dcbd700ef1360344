import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { axolotlConfigSchema, buildAxolotlYaml, estimateGpuMemory, getPreset, minGpus, TRAINING_PRESETS } from './index';

const golden = (id: string) => readFileSync(path.join(import.meta.dirname, 'golden', `${id}.yaml`), 'utf8');

describe('axolotl config builder', () => {
  for (const p of TRAINING_PRESETS) {
    it(`matches the golden YAML for ${p.id}`, () => {
      expect(buildAxolotlYaml(p.config)).toBe(golden(p.id));
    });
  }

  it('carries the paper settings and our row format into the YAML', () => {
    const y = parse(buildAxolotlYaml(getPreset('qwen3-32b-full').config));
    expect(y).toMatchObject({ num_epochs: 3, learning_rate: 1e-5, weight_decay: 0.01, sequence_len: 32768, deepspeed: 'deepspeed_configs/zero3_bf16.json', flash_attention: true, bf16: 'auto', gradient_checkpointing: true, sample_packing: false });
    expect(y.datasets[0]).toMatchObject({ type: 'chat_template', field_messages: 'messages', message_field_training: 'train', roles_to_train: ['assistant'], train_on_eos: 'turn' });
  });

  it('emits keys in a fixed order whatever the input key order', () => {
    const c = getPreset('qwen3-8b-full').config;
    const reversed = Object.fromEntries(Object.entries(c).reverse()) as typeof c;
    expect(buildAxolotlYaml(reversed)).toBe(buildAxolotlYaml(c));
    expect(buildAxolotlYaml({ ...c, saveStrategy: 'steps', saveSteps: 50 })).toMatch(/save_strategy: steps\nsave_steps: 50\n/);
  });

  it('rejects bad edits with readable messages', () => {
    const c = getPreset('qwen3-8b-full').config;
    const r = axolotlConfigSchema.safeParse({ ...c, learningRate: 0, datasetPaths: [], saveStrategy: 'steps' });
    expect(r.success).toBe(false);
    const msgs = r.error!.issues.map((i) => i.message);
    expect(msgs).toContain('Learning rate must be positive');
    expect(msgs).toContain('Add at least one training JSONL file');
    expect(() => buildAxolotlYaml({ ...c, numEpochs: 1.5 })).toThrow(/whole number/);
  });
});

describe('GPU memory estimate (ZeRO-3)', () => {
  it('fits 8B full fine-tuning on 8×H100 80GB but not on one GPU', () => {
    const m = getPreset('qwen3-8b-full').model;
    const e8 = estimateGpuMemory(m, { gpus: 8, sequenceLen: 32768 });
    expect(e8.fits).toBe(true);
    expect(e8.statesGiB).toBeCloseTo((8.19e9 * 16) / 8 / 1024 ** 3, 5);
    expect(estimateGpuMemory(m, { gpus: 1, sequenceLen: 32768 }).fits).toBe(false);
    expect(minGpus(m, { sequenceLen: 32768 })!.gpus).toBe(4);
  });

  it('needs two 8-GPU nodes for 32B at 32K, as the reference launch uses', () => {
    const m = getPreset('qwen3-32b-full').model;
    expect(minGpus(m, { sequenceLen: 32768 })!.gpus).toBe(16);
    expect(minGpus(m, { sequenceLen: 32768, gpuMemGiB: 141 })!.gpus).toBeLessThan(16);
  });
});
