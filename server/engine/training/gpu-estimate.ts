// Per-GPU memory for full fine-tuning under DeepSpeed ZeRO-3 with mixed precision + AdamW.
//
//   states  = P × (2 bf16 weights + 2 bf16 grads + 12 fp32 Adam [master, m, v]) / N   (ZeRO-3 shards all three)
//   acts    = L × S × H × 2 bytes                 (one bf16 checkpoint per layer, gradient checkpointing)
//           + S × H × 2 bytes × 16                (working set of the one layer being recomputed)
//   total   = states + acts + 4 GiB               (CUDA context, NCCL buffers, fragmentation)
//
// P params, N GPUs, L layers, S sequence length (micro batch 1), H hidden size. Logits are left
// out because the cut-cross-entropy plugin never materialises them. A rough planning figure,
// not a guarantee; it errs high because activation offloading is ignored.
import type { ModelShape } from './presets';

const GIB = 1024 ** 3;

export interface GpuEstimate {
  gpus: number;
  perGpuGiB: number;
  statesGiB: number;
  activationsGiB: number;
  fits: boolean;
}

export function estimateGpuMemory(model: ModelShape, opts: { gpus: number; sequenceLen: number; microBatchSize?: number; gpuMemGiB?: number }): GpuEstimate {
  const mb = opts.microBatchSize ?? 1;
  const states = (model.params * 16) / opts.gpus;
  const tokens = opts.sequenceLen * mb;
  const acts = model.layers * tokens * model.hiddenSize * 2 + tokens * model.hiddenSize * 2 * 16;
  const total = states + acts + 4 * GIB;
  const cap = (opts.gpuMemGiB ?? 80) * 0.95 * GIB;
  return { gpus: opts.gpus, perGpuGiB: total / GIB, statesGiB: states / GIB, activationsGiB: acts / GIB, fits: total <= cap };
}

/** Smallest GPU count among 1, 2, 4, 8, 16, 24, 32 … (whole nodes past 8) at which the job fits. */
export function minGpus(model: ModelShape, opts: { sequenceLen: number; microBatchSize?: number; gpuMemGiB?: number; maxGpus?: number }): GpuEstimate | null {
  const counts = [1, 2, 4, 8];
  for (let n = 16; n <= (opts.maxGpus ?? 256); n += 8) counts.push(n);
  for (const gpus of counts) {
    const e = estimateGpuMemory(model, { ...opts, gpus });
    if (e.fits) return e;
  }
  return null;
}
