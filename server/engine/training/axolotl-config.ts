// Axolotl SFT config for SERA-style training (SERA-PIPELINE-FACTS §9, paper appendix E.5).
// The schema lists only the fields a user may edit in the dashboard; everything else is fixed
// by the preset so the YAML stays compatible with the reference axolotl_qwen3_*.yaml files.
import { stringify } from 'yaml';
import { z } from 'zod';

export const axolotlConfigSchema = z.object({
  baseModel: z.string().min(1, 'Base model (HF id or local path) is required'),
  datasetPaths: z.array(z.string().min(1, 'Dataset path must not be empty')).min(1, 'Add at least one training JSONL file'),
  outputDir: z.string().min(1, 'Output directory is required'),
  numEpochs: z.number().int('Epochs must be a whole number').min(1, 'At least 1 epoch').max(20, 'At most 20 epochs'),
  learningRate: z.number().gt(0, 'Learning rate must be positive').max(1e-3, 'Learning rate above 1e-3 will diverge for full fine-tuning'),
  weightDecay: z.number().min(0, 'Weight decay cannot be negative').max(1, 'Weight decay must be at most 1'),
  sequenceLen: z.number().int().min(1024, 'Sequence length must be at least 1024').max(131072, 'Sequence length must be at most 131072'),
  microBatchSize: z.number().int().min(1, 'Micro batch size must be at least 1'),
  gradientAccumulationSteps: z.number().int().min(1, 'Gradient accumulation must be at least 1'),
  warmupRatio: z.number().min(0, 'Warmup ratio must be between 0 and 1').max(1, 'Warmup ratio must be between 0 and 1'),
  samplePacking: z.boolean(),
  deepspeed: z.string().min(1, 'DeepSpeed config path is required'),
  saveStrategy: z.enum(['epoch', 'steps', 'no'], { message: 'save_strategy must be epoch, steps or no' }),
  saveSteps: z.number().int().min(1, 'save_steps must be at least 1').optional(),
  excessLengthStrategy: z.enum(['drop', 'truncate']).optional(),
  seed: z.number().int().min(0).optional(),
}).refine((c) => c.saveStrategy !== 'steps' || c.saveSteps !== undefined, { message: 'save_steps is required when save_strategy is steps', path: ['saveSteps'] });

export type AxolotlConfig = z.infer<typeof axolotlConfigSchema>;

/**
 * Turns a validated config into axolotl YAML. Keys are emitted in one fixed order (not object
 * insertion order of the caller) so golden files and diffs stay stable.
 */
export function buildAxolotlYaml(input: AxolotlConfig): string {
  const c = axolotlConfigSchema.parse(input);
  const doc: Record<string, unknown> = {
    base_model: c.baseModel,
    plugins: ['axolotl.integrations.cut_cross_entropy.CutCrossEntropyPlugin'],
    // chatml as in the reference: the hermes tool system prompt is already inside each row.
    chat_template: 'chatml',
    datasets: c.datasetPaths.map((p) => ({
      path: p,
      type: 'chat_template',
      ds_type: 'json',
      field_messages: 'messages',
      message_property_mappings: { role: 'role', content: 'content' },
      // Our rows carry train:true on assistant turns only (dataset/training-row.ts); the
      // per-message flag wins, roles_to_train/train_on_eos cover rows without it.
      message_field_training: 'train',
      roles_to_train: ['assistant'],
      train_on_eos: 'turn',
    })),
    dataset_prepared_path: 'dataset_cache',
    output_dir: c.outputDir,
    sequence_len: c.sequenceLen,
    ...(c.excessLengthStrategy ? { excess_length_strategy: c.excessLengthStrategy } : {}),
    sample_packing: c.samplePacking,
    pad_to_sequence_len: c.samplePacking,
    micro_batch_size: c.microBatchSize,
    gradient_accumulation_steps: c.gradientAccumulationSteps,
    num_epochs: c.numEpochs,
    optimizer: 'adamw_torch',
    lr_scheduler: 'cosine',
    learning_rate: c.learningRate,
    adam_beta1: 0.9,
    adam_beta2: 0.95,
    weight_decay: c.weightDecay,
    warmup_ratio: c.warmupRatio,
    bf16: 'auto',
    tf32: false,
    gradient_checkpointing: true,
    activation_offloading: true,
    flash_attention: true,
    deepspeed: c.deepspeed,
    loss_watchdog_threshold: 5.0,
    loss_watchdog_patience: 3,
    evals_per_epoch: 0,
    save_strategy: c.saveStrategy,
    ...(c.saveStrategy === 'steps' ? { save_steps: c.saveSteps } : {}),
    logging_steps: 1,
    ...(c.seed !== undefined ? { seed: c.seed } : {}),
    special_tokens: {},
  };
  // The yaml lib would print 1e-5 as 0.00001; axolotl reads both, but 1e-5 matches the reference.
  // PyYAML (YAML 1.1, what axolotl uses) reads a bare `no` as false, so it must be quoted.
  return stringify(doc, { lineWidth: 0 })
    .replace(/^(learning_rate): (.*)$/m, (_m, k) => `${k}: ${formatLr(c.learningRate)}`)
    .replace(/^save_strategy: no$/m, "save_strategy: 'no'");
}

function formatLr(lr: number): string {
  const s = lr.toExponential();
  return s.replace(/e([+-])(\d+)$/, (_m, sign, d) => `e${sign === '-' ? '-' : ''}${d}`);
}
