import { parseJobSpec, type JobSpec } from '../job-spec';
import { shellJoin } from '../shell';
import { baseSpec, type PayloadBase } from './common';
import { PORT_VAR, vllmStartAndWait, withRuntimePort } from './vllm-serve';

export interface EvaluationPayload extends PayloadBase {
  /** Checkpoint (path or HF id) served with vLLM for the evaluation. */
  checkpoint: string;
  tensorParallelSize: number;
  maxModelLen?: number;
  shards: number;
  port?: number;
  /** Extra `specialist eval-worker` flags (task set, seeds...). */
  workerArgs?: string[];
}

/**
 * Evaluate a trained model: serve the checkpoint like the SERA student script
 * (hermes tool parser, 32K context) and run `specialist eval-worker` for this shard.
 */
export function evaluationJob(p: EvaluationPayload): JobSpec {
  const port = p.port ?? 8000;
  const worker = withRuntimePort(shellJoin([
    'specialist', 'eval-worker', '--shard', '@I@', '--shards', '@N@', '--run-id', p.runId,
    '--dashboard-url', p.dashboardUrl, '--model-url', `http://127.0.0.1:${PORT_VAR}/v1`, '--model', p.checkpoint,
    ...(p.workerArgs ?? []),
  ])).replace('@I@', '"$SHARD_INDEX"').replace('@N@', '"$SHARD_COUNT"');
  const script = [
    'set -euo pipefail',
    vllmStartAndWait({ model: p.checkpoint, tensorParallelSize: p.tensorParallelSize, maxModelLen: p.maxModelLen ?? 32768, port, toolCallParser: 'hermes' }),
    worker,
  ].join('\n');
  return parseJobSpec({ name: `eval-${p.runId}`, ...baseSpec(p), gpus: p.tensorParallelSize, shards: p.shards, command: { script } });
}
