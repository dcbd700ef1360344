import { describe, expect, it } from 'vitest';
import { launchTrainingInput, trainingConfigInput } from './training';

const ok = { presetId: 'qwen3-8b-full', baseModel: 'Qwen/Qwen3-8B', numEpochs: 3, learningRate: 1e-5, weightDecay: 0.01, sequenceLen: 32768, microBatchSize: 1, gradientAccumulationSteps: 8, warmupRatio: 0.1875, saveStrategy: 'epoch', gpus: 4 } as const;
const messages = (v: unknown) => {
  const r = trainingConfigInput.safeParse(v);
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [String(i.path[0]), i.message]));
};

describe('training form schema', () => {
  it('accepts the SERA 8B preset values', () => {
    expect(trainingConfigInput.parse(ok)).toEqual(ok);
  });

  it('names each bad field with a readable message', () => {
    expect(messages({ ...ok, learningRate: 0, numEpochs: 1.5, sequenceLen: 512, gpus: 0, baseModel: ' ' })).toEqual({
      learningRate: 'Learning rate must be positive',
      numEpochs: 'Epochs must be a whole number',
      sequenceLen: 'Sequence length must be at least 1024',
      gpus: 'At least 1 GPU',
      baseModel: 'Base model (HF id or local path) is required',
    });
    expect(messages({ ...ok, learningRate: Number('x') })).toEqual({ learningRate: 'Learning rate must be a number' });
  });

  it('requires save_steps only when saving every N steps', () => {
    expect(messages({ ...ok, saveStrategy: 'steps' })).toEqual({ saveSteps: 'save_steps is required when save_strategy is steps' });
    expect(messages({ ...ok, saveStrategy: 'steps', saveSteps: 50 })).toEqual({});
  });

  it('defaults the launcher to axolotl and keeps the trainer command override optional', () => {
    const r = launchTrainingInput.parse({ name: 'r', datasetVersionId: 'v', config: ok });
    expect(r.launcher).toBe('axolotl');
    expect(r.trainerCommand).toBeUndefined();
    expect(launchTrainingInput.safeParse({ name: '', datasetVersionId: 'v', config: ok }).error?.issues[0]?.message).toBe('Name the run');
  });
});
