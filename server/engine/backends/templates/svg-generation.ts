import { parseJobSpec, type JobSpec } from '../job-spec';
import { shellJoin } from '../shell';
import { baseSpec, WORKER_TOKEN_ENV, type PayloadBase } from './common';
import { PORT_VAR, vllmStartAndWait, withRuntimePort } from './vllm-serve';

export type TeacherSource =
  | {
      kind: 'vllm';
      model: string;
      servedModelName?: string;
      tensorParallelSize: number;
      maxModelLen: number;
      port?: number;
      reasoning?: 'inline' | 'parse';
      extraArgs?: string[];
      waitSeconds?: number;
      /** Offset the port by SHARD_INDEX (default true). */
      portPerShard?: boolean;
    }
  | {
      /** An OpenAI-compatible endpoint that already exists (hosted API, shared vLLM). */
      kind: 'external';
      baseUrl: string;
      model: string;
      /** Secret name holding the endpoint's API key, if any (its value goes in `secrets`). */
      apiKeySecret?: string;
    };

export interface SvgGenerationPayload extends PayloadBase {
  teacher: TeacherSource;
  shards: number;
  /** Concurrent rollouts per shard against its teacher. */
  concurrency?: number;
  /** Extra `specialist rollout-worker` flags. */
  workerArgs?: string[];
}

/**
 * Soft Verified Generation shard: start the teacher with vLLM (GPUs = tensor parallel
 * size) and wait for /health, then run `specialist rollout-worker` for this shard,
 * which reports trajectories to the dashboard's worker API with the per-job token.
 * With an external teacher no GPU is requested and vLLM is skipped.
 */
export function svgGenerationJob(p: SvgGenerationPayload): JobSpec {
  const t = p.teacher;
  const local = t.kind === 'vllm';
  const port = local ? (t.port ?? 8000) : undefined;
  const modelName = local ? (t.servedModelName ?? t.model) : t.model;
  const modelUrl = local ? `http://127.0.0.1:${PORT_VAR}/v1` : t.baseUrl;
  const worker = [
    'specialist',
    'rollout-worker',
    '--shard',
    '@SHARD_INDEX@',
    '--shards',
    '@SHARD_COUNT@',
    '--run-id',
    p.runId,
    '--dashboard-url',
    p.dashboardUrl,
    '--model-url',
    modelUrl,
    '--model',
    modelName,
  ];
  if (p.concurrency) worker.push('--concurrency', String(p.concurrency));
  if (!local && t.apiKeySecret) worker.push('--api-key-env', t.apiKeySecret);
  worker.push(...(p.workerArgs ?? []));
  // Shard variables must expand at run time, so they are spliced in unquoted.
  const workerLine = withRuntimePort(shellJoin(worker)).replace('@SHARD_INDEX@', '"$SHARD_INDEX"').replace('@SHARD_COUNT@', '"$SHARD_COUNT"');
  const script = [
    'set -euo pipefail',
    `: "\${${WORKER_TOKEN_ENV}:?the worker token secret is missing}"`,
    ...(local ? [vllmStartAndWait({ ...t, port, servedModelName: modelName })] : []),
    workerLine,
  ].join('\n');
  return parseJobSpec({
    name: `svg-${p.runId}`,
    ...baseSpec(p),
    gpus: local ? t.tensorParallelSize : 0,
    shards: p.shards,
    command: { script },
  });
}
