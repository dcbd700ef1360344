import { shellJoin } from '../shell';
import { parsersForModel } from './model-parsers';

export interface VllmServeOptions {
  /** HF id or checkpoint path. */
  model: string;
  servedModelName?: string;
  tensorParallelSize: number;
  maxModelLen: number;
  host?: string;
  port?: number;
  /** 'inline' keeps <think> in content (SERA-compatible); 'parse' adds --reasoning-parser. */
  reasoning?: 'inline' | 'parse';
  toolCallParser?: string;
  seed?: number;
  extraArgs?: string[];
}

export function vllmServeArgv(o: VllmServeOptions): string[] {
  const p = parsersForModel(o.model);
  const argv = ['vllm', 'serve', o.model, '--host', o.host ?? '127.0.0.1', '--port', String(o.port ?? 8000)];
  if (o.servedModelName) argv.push('--served-model-name', o.servedModelName);
  argv.push('--enable-auto-tool-choice', '--tool-call-parser', o.toolCallParser ?? p.toolCallParser);
  if (o.reasoning === 'parse' && p.reasoningParser) argv.push('--reasoning-parser', p.reasoningParser);
  argv.push('--tensor-parallel-size', String(o.tensorParallelSize), '--max-model-len', String(o.maxModelLen));
  if (o.seed !== undefined) argv.push('--seed', String(o.seed));
  argv.push(...(o.extraArgs ?? []));
  return argv;
}

/**
 * Bash that starts vLLM in the background, waits for GET /health to answer 200 (failing
 * fast if the server process dies), and stops it when the script exits.
 */
export function vllmStartAndWait(o: VllmServeOptions & { waitSeconds?: number; logFile?: string }): string {
  const port = o.port ?? 8000;
  const log = o.logFile ?? 'vllm-shard-${SHARD_INDEX:-0}.log';
  const wait = o.waitSeconds ?? 1800;
  return [
    `${shellJoin(vllmServeArgv({ ...o, port }))} > "${log}" 2>&1 &`,
    'VLLM_PID=$!',
    "trap 'kill $VLLM_PID 2>/dev/null || true' EXIT",
    `deadline=$(( $(date +%s) + ${wait} ))`,
    `until curl -sf -o /dev/null "http://127.0.0.1:${port}/health"; do`,
    `  if ! kill -0 "$VLLM_PID" 2>/dev/null; then echo "vllm exited before becoming healthy; last log lines:" >&2; tail -n 50 "${log}" >&2; exit 1; fi`,
    `  if [ "$(date +%s)" -ge "$deadline" ]; then echo "vllm not healthy after ${wait}s" >&2; exit 1; fi`,
    '  sleep 2',
    'done',
    `echo "vllm healthy on port ${port}"`,
  ].join('\n');
}
