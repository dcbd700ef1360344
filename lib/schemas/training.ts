import { z } from 'zod';

// Shared by the training form and the training router. Field limits mirror the engine's
// axolotlConfigSchema (server/engine/training/axolotl-config.ts), which validates again.
export const TRAINING_PRESET_IDS = ['qwen3-8b-full', 'qwen3-32b-full'] as const;

export const trainingConfigInput = z
  .object({
    presetId: z.enum(TRAINING_PRESET_IDS, { message: 'Pick a preset' }),
    baseModel: z.string().trim().min(1, 'Base model (HF id or local path) is required'),
    numEpochs: z.number({ message: 'Epochs must be a number' }).int('Epochs must be a whole number').min(1, 'At least 1 epoch').max(20, 'At most 20 epochs'),
    learningRate: z.number({ message: 'Learning rate must be a number' }).gt(0, 'Learning rate must be positive').max(1e-3, 'Learning rate above 1e-3 will diverge for full fine-tuning'),
    weightDecay: z.number({ message: 'Weight decay must be a number' }).min(0, 'Weight decay cannot be negative').max(1, 'Weight decay must be at most 1'),
    sequenceLen: z.number({ message: 'Sequence length must be a number' }).int().min(1024, 'Sequence length must be at least 1024').max(131072, 'Sequence length must be at most 131072'),
    microBatchSize: z.number({ message: 'Micro batch size must be a number' }).int().min(1, 'Micro batch size must be at least 1'),
    gradientAccumulationSteps: z.number({ message: 'Gradient accumulation must be a number' }).int().min(1, 'Gradient accumulation must be at least 1'),
    warmupRatio: z.number({ message: 'Warmup ratio must be a number' }).min(0, 'Warmup ratio must be between 0 and 1').max(1, 'Warmup ratio must be between 0 and 1'),
    saveStrategy: z.enum(['epoch', 'steps', 'no']),
    saveSteps: z.number().int().min(1, 'save_steps must be at least 1').optional(),
    gpus: z.number({ message: 'GPU count must be a number' }).int().min(1, 'At least 1 GPU').max(256, 'At most 256 GPUs'),
  })
  .refine((c) => c.saveStrategy !== 'steps' || c.saveSteps !== undefined, { message: 'save_steps is required when save_strategy is steps', path: ['saveSteps'] });
export type TrainingConfigInput = z.infer<typeof trainingConfigInput>;

export const launchTrainingInput = z.object({
  name: z.string().trim().min(1, 'Name the run').max(120, 'At most 120 characters'),
  datasetVersionId: z.string().min(1, 'Pick a dataset version'),
  backendId: z.string().min(1).optional(),
  config: trainingConfigInput,
  /**
   * Replaces `axolotl train config.yaml` in the job script (run in the job's working dir, where
   * config.yaml is written). Empty = real axolotl. Tests use the stand-in trainer here.
   */
  trainerCommand: z.string().trim().max(2000).optional(),
  /** Launcher for real axolotl. */
  launcher: z.enum(['axolotl', 'accelerate']).default('axolotl'),
  /** Absolute checkpoint path to resume from (sets resume_from_checkpoint). */
  resumeFromCheckpoint: z.string().min(1).optional(),
});
export type LaunchTrainingInput = z.input<typeof launchTrainingInput>;

export const trainingRunIdInput = z.object({ id: z.string().min(1) });
export const compareTrainingInput = z.object({ ids: z.array(z.string().min(1)).min(1).max(4) });
export const serveCheckpointInput = z.object({
  id: z.string().min(1),
  checkpoint: z.string().min(1, 'Pick a checkpoint'),
  backendId: z.string().min(1).optional(),
  port: z.number().int().min(1024).max(65535).default(8000),
  tensorParallelSize: z.number().int().min(1).max(16).default(1),
  /** Replaces `vllm serve …` (tests only: no GPU here). */
  serveCommand: z.string().trim().max(2000).optional(),
});
export type ServeCheckpointInput = z.input<typeof serveCheckpointInput>;
