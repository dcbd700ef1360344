import { shellJoin } from '../shell';
import { parsersForModel } from './model-parsers';

export interface VllmServeOptions {
  /** HF id or checkpoint path. */
  model: string;
  servedModelName?: string;
  tensorParallelSize: number;
  maxModelLen: number;
  host?: string;
  /** A number, or PORT_VAR for a port chosen at run time. */
  port?: number | string;
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

/** Placeholder for the run-time port inside argv; replaced by "$VLLM_PORT" after quoting. */
export const PORT_VAR = '@VLLM_PORT@';

/** shellJoin, then let "$VLLM_PORT" expand at run time wherever PORT_VAR appears. */
export function withRuntimePort(quoted: string): string {
  return quoted.replace(/'?([^'\s]*)@VLLM_PORT@([^'\s]*)'?/g, '"$1$$VLLM_PORT$2"');
}

/**
 * Bash that picks VLLM_PORT (base port + SHARD_INDEX by default, so two shards that
 * land on one node, e.g. two array tasks of 4 GPUs on an 8-GPU node, do not collide),
 * starts vLLM in the background, waits for GET /health to answer 200 (failing fast if
 * the server dies), and stops it when the script exits. Callers reach it at
 * http://127.0.0.1:$VLLM_PORT/v1.
 */
export function vllmStartAndWait(o: VllmServeOptions & { waitSeconds?: number; logFile?: string; portPerShard?: boolean }): string {
  const port = o.port ?? 8000;
  const log = o.logFile ?? 'vllm-shard-${SHARD_INDEX:-0}.log';
  const wait = o.waitSeconds ?? 1800;
  const serve = withRuntimePort(shellJoin(vllmServeArgv({ ...o, port: PORT_VAR })));
  return [
    o.portPerShard === false ? `VLLM_PORT=${port}` : `VLLM_PORT=$(( ${port} + \${SHARD_INDEX:-0} ))`,
    `${serve} > "${log}" 2>&1 &`,
    'VLLM_PID=$!',
    "trap 'kill $VLLM_PID 2>/dev/null || true' EXIT",
    `deadline=$(( $(date +%s) + ${wait} ))`,
    'until curl -sf -o /dev/null "http://127.0.0.1:$VLLM_PORT/health"; do',
    `  if ! kill -0 "$VLLM_PID" 2>/dev/null; then echo "vllm exited before becoming healthy; last log lines:" >&2; tail -n 50 "${log}" >&2; exit 1; fi`,
    `  if [ "$(date +%s)" -ge "$deadline" ]; then echo "vllm not healthy after ${wait}s" >&2; exit 1; fi`,
    '  sleep 2',
    'done',
    'echo "vllm healthy on port $VLLM_PORT"',
  ].join('\n');
}
