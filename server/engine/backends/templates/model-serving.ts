import { parseJobSpec, type JobSpec } from '../job-spec';
import { baseSpec, type PayloadBase } from './common';
import { vllmServeArgv } from './vllm-serve';

export interface ModelServingPayload extends PayloadBase {
  checkpoint: string;
  servedModelName?: string;
  tensorParallelSize: number;
  maxModelLen?: number;
  port?: number;
  seed?: number;
}

/**
 * Long-running OpenAI-compatible endpoint for a trained checkpoint, with the flags of
 * SERA's launch_qwen3_models.sh (SERA-PIPELINE-FACTS §10): hermes tool parser with auto
 * tool choice, --max-model-len 32768, --enforce-eager, --trust-remote-code,
 * --disable-cascade-attn, --seed; no reasoning parser.
 */
export function modelServingJob(p: ModelServingPayload): JobSpec {
  const argv = vllmServeArgv({
    model: p.checkpoint,
    servedModelName: p.servedModelName,
    tensorParallelSize: p.tensorParallelSize,
    maxModelLen: p.maxModelLen ?? 32768,
    host: '0.0.0.0',
    port: p.port ?? 8000,
    toolCallParser: 'hermes',
    seed: p.seed ?? 0,
    extraArgs: ['--enforce-eager', '--trust-remote-code', '--disable-cascade-attn'],
  });
  return parseJobSpec({ name: `serve-${p.runId}`, ...baseSpec(p), gpus: p.tensorParallelSize, shards: 1, command: { argv } });
}
