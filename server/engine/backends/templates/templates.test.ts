import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { axolotlSftJob, evaluationJob, modelServingJob, parsersForModel, svgGenerationJob, vllmServeArgv } from './index';

const base = { runId: 'run42', dashboardUrl: 'https://dash.example', workerToken: 'wt-0123456789' };
const script = (s: { command: { script: string } | { argv: string[] } }) => ('script' in s.command ? s.command.script : s.command.argv.join(' '));

describe('model parser table', () => {
  it('picks glm45 for GLM-4.5/4.6 and hermes+qwen3 for Qwen3', () => {
    expect(parsersForModel('zai-org/GLM-4.5-Air')).toMatchObject({ toolCallParser: 'glm45', reasoningParser: 'glm45' });
    expect(parsersForModel('zai-org/GLM-4.6')).toMatchObject({ toolCallParser: 'glm45', reasoningParser: 'glm45' });
    expect(parsersForModel('Qwen/Qwen3-32B')).toMatchObject({ toolCallParser: 'hermes', reasoningParser: 'qwen3' });
    expect(parsersForModel('/ckpt/allenai/SERA-32B')).toMatchObject({ toolCallParser: 'hermes' });
    expect(parsersForModel('Qwen/Qwen3-Coder-30B-A3B-Instruct').toolCallParser).toBe('qwen3_coder');
    expect(parsersForModel('my-org/mystery')).toMatchObject({ family: 'unknown', toolCallParser: 'hermes' });
  });

  it('adds --reasoning-parser only when asked (SERA keeps <think> inline)', () => {
    const o = { model: 'zai-org/GLM-4.5-Air', tensorParallelSize: 8, maxModelLen: 131072 };
    expect(vllmServeArgv(o)).not.toContain('--reasoning-parser');
    expect(vllmServeArgv({ ...o, reasoning: 'parse' }).join(' ')).toBe(
      'vllm serve zai-org/GLM-4.5-Air --host 127.0.0.1 --port 8000 --enable-auto-tool-choice --tool-call-parser glm45 --reasoning-parser glm45 --tensor-parallel-size 8 --max-model-len 131072',
    );
  });
});

describe('payload templates', () => {
  it('SVG generation with a local vLLM teacher: GPUs = TP, waits for /health, runs the shard worker', () => {
    const spec = svgGenerationJob({
      ...base,
      shards: 4,
      concurrency: 32,
      teacher: { kind: 'vllm', model: 'Qwen/Qwen3-32B', tensorParallelSize: 4, maxModelLen: 65536, reasoning: 'parse' },
    });
    expect(spec).toMatchObject({ gpus: 4, shards: 4, name: 'svg-run42' });
    expect(spec.secrets).toEqual({ SPECIALIST_WORKER_TOKEN: 'wt-0123456789' });
    expect(spec.env).toMatchObject({ SPECIALIST_DASHBOARD_URL: 'https://dash.example', SPECIALIST_RUN_ID: 'run42' });
    const s = script(spec);
    expect(s).toContain('VLLM_PORT=$(( 8000 + ${SHARD_INDEX:-0} ))');
    expect(s).toContain('vllm serve Qwen/Qwen3-32B --host 127.0.0.1 --port "$VLLM_PORT" --served-model-name Qwen/Qwen3-32B --enable-auto-tool-choice --tool-call-parser hermes --reasoning-parser qwen3 --tensor-parallel-size 4 --max-model-len 65536');
    expect(s).toContain('until curl -sf -o /dev/null "http://127.0.0.1:$VLLM_PORT/health"; do');
    expect(s).toContain(
      'specialist rollout-worker --shard "$SHARD_INDEX" --shards "$SHARD_COUNT" --run-id run42 --dashboard-url https://dash.example --model-url "http://127.0.0.1:$VLLM_PORT/v1" --model Qwen/Qwen3-32B --concurrency 32',
    );
    expect(s).not.toContain('wt-0123456789');
    expect(s.indexOf('/health')).toBeLessThan(s.indexOf('rollout-worker'));
  });

  it('SVG generation with an external endpoint skips vLLM and requests no GPU', () => {
    const spec = svgGenerationJob({
      ...base,
      shards: 2,
      secrets: { TEACHER_KEY: 'sk-live-abcdef' },
      teacher: { kind: 'external', baseUrl: 'https://api.example/v1', model: 'glm-4.6', apiKeySecret: 'TEACHER_KEY' },
    });
    expect(spec.gpus).toBe(0);
    expect(script(spec)).not.toContain('vllm');
    expect(script(spec)).toContain('--model-url https://api.example/v1 --model glm-4.6 --api-key-env TEACHER_KEY');
    expect(spec.secrets).toEqual({ TEACHER_KEY: 'sk-live-abcdef', SPECIALIST_WORKER_TOKEN: 'wt-0123456789' });
  });

  it('Axolotl SFT writes the config verbatim, fetches the dataset with the token, runs axolotl train', () => {
    const configYaml = 'base_model: Qwen/Qwen3-8B\ndatasets:\n  - path: data/train.jsonl\n    type: chat_template\noutput_dir: ./out\n';
    const spec = axolotlSftJob({ ...base, configYaml, gpus: 4, dataset: { url: 'https://dash.example/api/worker/datasets/d1.jsonl' }, outputDir: 'out' });
    const s = script(spec);
    const embedded = /<<'SPECIALIST_AXOLOTL_CONFIG'\n([\s\S]*?)\nSPECIALIST_AXOLOTL_CONFIG/.exec(s)![1];
    expect(parse(embedded)).toEqual(parse(configYaml));
    expect(s).toContain('curl -sfL --retry 3 -H "Authorization: Bearer $SPECIALIST_WORKER_TOKEN" -o data/train.jsonl https://dash.example/api/worker/datasets/d1.jsonl');
    expect(s.trim().endsWith('axolotl train config.yaml')).toBe(true);
    expect(spec).toMatchObject({ gpus: 4, shards: 1, outputs: ['out'] });
    const acc = axolotlSftJob({ ...base, configYaml, gpus: 8, dataset: { path: '/shared/d1.jsonl' }, outputDir: 'out', launcher: 'accelerate' });
    expect(script(acc)).toContain("ln -sf /shared/d1.jsonl data/train.jsonl\naccelerate launch -m axolotl.cli.train config.yaml");
  });

  it('evaluation serves the checkpoint with hermes at 32K and runs the eval worker shard', () => {
    const s = script(evaluationJob({ ...base, checkpoint: '/ckpt/sera-8b', tensorParallelSize: 1, shards: 3 }));
    expect(s).toContain('vllm serve /ckpt/sera-8b --host 127.0.0.1 --port "$VLLM_PORT" --enable-auto-tool-choice --tool-call-parser hermes --tensor-parallel-size 1 --max-model-len 32768');
    expect(s).toContain('specialist eval-worker --shard "$SHARD_INDEX" --shards "$SHARD_COUNT" --run-id run42 --dashboard-url https://dash.example --model-url "http://127.0.0.1:$VLLM_PORT/v1"');
  });

  it('model serving uses the SERA student flags', () => {
    const spec = modelServingJob({ ...base, checkpoint: '/ckpt/sera-32b', servedModelName: 'sera-32b', tensorParallelSize: 2, seed: 7 });
    expect(script(spec)).toBe(
      'vllm serve /ckpt/sera-32b --host 0.0.0.0 --port 8000 --served-model-name sera-32b --enable-auto-tool-choice --tool-call-parser hermes --tensor-parallel-size 2 --max-model-len 32768 --seed 7 --enforce-eager --trust-remote-code --disable-cascade-attn',
    );
    expect(spec.gpus).toBe(2);
  });
});
