// Presets from the paper (3 epochs, lr 1e-5, weight decay 0.01, 32K context, full fine-tune)
// and the reference axolotl configs (SERA-PIPELINE-FACTS §9). Deviation on purpose: both use
// ZeRO-3 (the reference 8B file uses ZeRO-1) so one DeepSpeed file covers both sizes.
import type { AxolotlConfig } from './axolotl-config';

export interface ModelShape {
  /** Total parameters. */
  params: number;
  layers: number;
  hiddenSize: number;
}

export interface TrainingPreset {
  id: 'qwen3-8b-full' | 'qwen3-32b-full';
  label: string;
  model: ModelShape;
  /** GPUs the reference launch used (global batch = gpus × micro batch × grad accumulation = 32). */
  referenceGpus: number;
  config: AxolotlConfig;
}

const common = {
  numEpochs: 3,
  learningRate: 1e-5,
  weightDecay: 0.01,
  sequenceLen: 32768,
  microBatchSize: 1,
  // Reference comment: chosen to give 48 warmup steps; recompute for your dataset size.
  warmupRatio: 0.1875,
  samplePacking: false,
  deepspeed: 'deepspeed_configs/zero3_bf16.json',
  datasetPaths: ['data/train.jsonl'],
  outputDir: './outputs',
} as const;

export const TRAINING_PRESETS: readonly TrainingPreset[] = [
  {
    id: 'qwen3-8b-full',
    label: 'Qwen3-8B full fine-tune (SERA)',
    model: { params: 8.19e9, layers: 36, hiddenSize: 4096 },
    referenceGpus: 4,
    config: { ...common, datasetPaths: [...common.datasetPaths], baseModel: 'Qwen/Qwen3-8B', gradientAccumulationSteps: 8, saveStrategy: 'epoch' },
  },
  {
    id: 'qwen3-32b-full',
    label: 'Qwen3-32B full fine-tune (SERA)',
    model: { params: 32.8e9, layers: 64, hiddenSize: 5120 },
    referenceGpus: 16,
    config: { ...common, datasetPaths: [...common.datasetPaths], baseModel: 'Qwen/Qwen3-32B', gradientAccumulationSteps: 2, saveStrategy: 'no', excessLengthStrategy: 'drop' },
  },
];

export function getPreset(id: string): TrainingPreset {
  const p = TRAINING_PRESETS.find((x) => x.id === id);
  if (!p) throw new Error(`Unknown training preset ${id}; known: ${TRAINING_PRESETS.map((x) => x.id).join(', ')}`);
  return structuredClone(p);
}
