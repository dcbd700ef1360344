// Synthetic, realistic T1/T2 trajectory pairs for benchmarks, demos and load tests
// (`scripts/generate-trajectories.ts`, bench/trajectory-list, bench/viewer). Bodies have the
// shape the generation job stores (record + trajectory + SERA training row), so the viewer
// opens them. Patches are real unified diffs and recall, matched/missed lines and patch sizes
// are computed from them with the engine's own functions, so every row agrees with its body.
// Token counts are ESTIMATES (chars / 3.6), not the Qwen3 tokenizer: tokenizing thousands of
// 100 KB bodies would take minutes and the numbers only need realistic magnitudes.
import { createHash } from 'node:crypto';
import type { Db } from '../db';
import type { Prisma } from '../generated/prisma/client';
import { toolOutputTokensPerTurn, truncation } from '../engine/dataset';
import type { BlobStore } from '../engine/storage/blob-store';
import { seededRandom } from '../engine/svg/pipeline';
import { lineRecall, patchEditLines } from '../engine/verify';

export type Rand = () => number;

/** The engine's deterministic PRNG (mulberry32), so synthetic data and SVG runs share one. */
export const seededRand: (seed: number) => Rand = seededRandom;

const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
/** Log-normal around `median` (sigma in log space), clamped: patch sizes and tool outputs have long tails. */
const logNormal = (r: Rand, median: number, sigma: number, lo: number, hi: number) => {
  const g = Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  return Math.max(lo, Math.min(hi, Math.round(median * Math.exp(sigma * g))));
};
export const estimateTokens = (text: string) => Math.ceil((text.length + 24) / 3.6);

const REPOS = ['calckit', 'httpkit', 'dataframe_lite', 'taskqueue', 'geoindex'];
const AREAS = ['core', 'io', 'parsing', 'cache', 'schema', 'cli', 'net', 'util', 'query', 'auth'];
const MODULES = ['reader', 'writer', 'session', 'tokens', 'models', 'planner', 'registry', 'encoder', 'pool', 'router', 'config', 'validators'];
const VERBS = ['parse', 'load', 'merge', 'resolve', 'flush', 'encode', 'decode', 'validate', 'apply', 'build', 'normalize', 'render', 'fetch', 'split'];
const NOUNS = ['expr', 'header', 'chunk', 'schema', 'options', 'path', 'record', 'batch', 'token', 'query', 'index', 'frame', 'entry', 'payload'];
const CHANGE_TYPES = ['error-handling', 'boundary-conditions', 'off-by-one', 'null-handling', 'state-management', 'input-validation', 'return-values', 'resource-lifecycle', 'string-handling', 'collections', 'refactor-clarity', 'documentation'];
const EXIT = [['submitted', 0.9], ['exit_context', 0.05], ['exit_cost', 0.03], ['exit_format', 0.02]] as const;

function codeLine(r: Rand, fn: string): string {
  const v = `${pick(r, NOUNS)}_${int(r, 0, 99)}`;
  return pick(r, [
    `    ${v} = ${fn}(${pick(r, NOUNS)}, strict=${r() < 0.5 ? 'True' : 'False'})`,
    `    if ${v} is None:`,
    `        raise ValueError(f"invalid ${pick(r, NOUNS)}: {${v}!r}")`,
    `    return [${pick(r, NOUNS)} for ${pick(r, NOUNS)} in ${v} if ${pick(r, NOUNS)}]`,
    `    self._${v}.append(${pick(r, NOUNS)})`,
    `    for i, ${v} in enumerate(${pick(r, NOUNS)}s[:${int(r, 1, 64)}]):`,
    `    # ${pick(r, VERBS)} the ${pick(r, NOUNS)} before ${pick(r, VERBS)}ing it`,
  ]);
}

function patchFor(r: Rand, file: string, fn: string, lines: string[]): string {
  return [`diff --git a/${file} b/${file}`, `index ${int(r, 1e6, 9e6).toString(16)}..${int(r, 1e6, 9e6).toString(16)} 100644`, `--- a/${file}`, `+++ b/${file}`, `@@ -${int(r, 10, 400)},${lines.length} +${int(r, 10, 400)},${lines.length} @@ def ${fn}(`, ...lines, ''].join('\n');
}

function observation(r: Rand, fn: string, file: string, chars: number): string {
  const out: string[] = [];
  let n = 0;
  let ln = int(r, 1, 300);
  while (n < chars) {
    const l = `${String(ln++).padStart(5)}\t${r() < 0.15 ? `def ${fn}(self, *args, **kwargs):` : codeLine(r, fn)}`;
    out.push(l);
    n += l.length + 1;
  }
  return `<tool_response>\nOBSERVATION:\nHere's the result of running \`cat -n\` on /testbed/${file}:\n${out.join('\n')}\n</tool_response>`;
}

function assistantTurn(r: Rand, step: number, fn: string, file: string, chars: number): string {
  const thoughts = [`Step ${step}: I need to understand how ${fn} in ${file} handles this case.`];
  while (thoughts.join(' ').length < chars) thoughts.push(pick(r, [`The caller passes the ${pick(r, NOUNS)} straight through, so ${fn} must ${pick(r, VERBS)} it first.`, `Looking at the ${pick(r, NOUNS)} branch, the ${pick(r, NOUNS)} is never ${pick(r, VERBS)}d when it is empty.`, `I will check the tests for ${pick(r, VERBS)}_${pick(r, NOUNS)} to see the expected behaviour.`, `That explains the failure: the ${pick(r, NOUNS)} is reused across calls.`]));
  const call = r() < 0.55
    ? { name: 'bash', arguments: { command: pick(r, [`grep -rn "${fn}" /testbed --include=*.py | head -40`, `python -m pytest -x -q tests/test_${file.split('/').pop()!.replace('.py', '')}.py`, `cd /testbed && python reproduce.py`, `sed -n ${int(r, 1, 300)},${int(r, 301, 600)}p /testbed/${file}`]) } }
    : { name: 'str_replace_editor', arguments: r() < 0.6 ? { command: 'view', path: `/testbed/${file}` } : { command: 'str_replace', path: `/testbed/${file}`, old_str: codeLine(r, fn), new_str: codeLine(r, fn) } };
  return `<think>\n${thoughts.join(' ')}\n</think>\n\n<tool_call>\n${JSON.stringify(call)}\n</tool_call>`;
}

export interface SyntheticMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
  train: boolean;
}

function conversation(r: Rand, opts: { steps: number; fn: string; file: string; prompt: string; patch: string; maxObsChars: number }): SyntheticMessage[] {
  const msgs: SyntheticMessage[] = [
    { role: 'system', content: 'You are a helpful assistant that can interact with a computer to solve tasks.\n\n# Tools\n\nYou may call one or more functions to assist with the user query.', train: false },
    { role: 'user', content: `<uploaded_files>\n/testbed\n</uploaded_files>\nI've uploaded a python code repository in the directory /testbed. Consider the following PR description:\n\n<pr_description>\n${opts.prompt}\n</pr_description>`, train: false },
  ];
  for (let s = 1; s < opts.steps - 1; s++) {
    msgs.push({ role: 'assistant', content: assistantTurn(r, s, opts.fn, opts.file, logNormal(r, 420, 0.6, 80, 2400)), train: true });
    // most observations are short; a few are whole files (the tool-output filter's target)
    msgs.push({ role: 'user', content: observation(r, opts.fn, opts.file, r() < 0.04 ? int(r, 1500, opts.maxObsChars) : logNormal(r, 500, 0.7, 40, 2000)), train: false });
  }
  msgs.push({ role: 'assistant', content: '<think>\nThe change is complete; submit it.\n</think>\n\n<tool_call>\n{"name": "submit", "arguments": {}}\n</tool_call>', train: true });
  msgs.push({ role: 'user', content: `<tool_response>\nOBSERVATION:\nThank you for your work on this issue. Please carefully follow the steps below to help review your changes.\n\n${opts.patch}\n</tool_response>`, train: false });
  msgs.push({ role: 'assistant', content: '<tool_call>\n{"name": "submit", "arguments": {}}\n</tool_call>', train: true });
  msgs.push({ role: 'user', content: `<tool_response>\nOBSERVATION:\n${opts.patch}\n</tool_response>`, train: false });
  return msgs;
}

/** Row columns the browser filters on (everything except ids, org and lineage). */
export interface SyntheticMeta {
  stage: 'T1' | 'T2';
  seedFunction: string;
  seedFile: string;
  changeType: string;
  recall: number | null;
  verification: 'hard' | 'soft' | 'unverified' | 'undefined' | null;
  patchLines: number;
  totalTokens: number;
  maxToolOutputTokens: number;
  avgToolOutputTokens: number;
  steps: number;
  truncationRatio: number;
  exitStatus: string;
  costUsd: number;
  prText: string;
}

export interface SyntheticTrajectory {
  meta: SyntheticMeta;
  /** JSON as the generation job stores it in the blob store. */
  body: string;
  /** sha256 of `body`: the blob store's content address. */
  blobKey: string;
}

export interface SyntheticPair {
  repo: string;
  commit: string;
  t1: SyntheticTrajectory;
  t2: SyntheticTrajectory;
}

export interface PairOptions {
  /** Force the number of agent steps (the paper's limit is 115); default: realistic spread 8-115. */
  steps?: number;
  /** Largest single tool output in characters (default 8,000). */
  maxObservationChars?: number;
}

/**
 * T2 recall shaped like SERA's: a large hard-verified mass at 1, an unverified one at 0 and a
 * soft-verified body in between leaning high. Returns how many P1 lines P2 reproduces.
 */
function matchedCount(r: Rand, p1Lines: number): number {
  const u = r();
  if (u < 0.38) return p1Lines;
  if (u < 0.5) return 0;
  const x = 1 - Math.pow(r(), 1.8); // skewed toward 1
  return Math.max(1, Math.min(p1Lines - 1, Math.round(x * p1Lines)));
}

function trajectory(r: Rand, stage: 'T1' | 'T2', p: { fn: string; file: string; changeType: string; prompt: string; pr: string; patch: string; matched: string[]; missed: string[]; recall: number | null; level: SyntheticMeta['verification']; repo: string; commit: string; index: number }, opts: PairOptions): SyntheticTrajectory {
  const steps = opts.steps ?? Math.min(115, logNormal(r, 28, 0.55, 8, 115));
  const messages = conversation(r, { steps, fn: p.fn, file: p.file, prompt: p.prompt, patch: p.patch, maxObsChars: opts.maxObservationChars ?? 8000 });
  const counts = messages.map((m) => estimateTokens(m.content));
  const totalTokens = counts.reduce((a, b) => a + b, 0);
  const maxTool = Math.max(0, ...messages.map((m, i) => (m.role === 'user' && i > 1 ? counts[i]! : 0)));
  const trunc = truncation(messages, 32_768, counts);
  // every call re-sends the history: prompt tokens grow quadratically with steps (mostly cached)
  let prompt = 0;
  let running = 0;
  for (let i = 0; i < messages.length; i++) {
    running += counts[i]!;
    if (messages[i]!.role === 'assistant') prompt += running - counts[i]!;
  }
  const completion = messages.filter((m) => m.role === 'assistant').reduce((a, m) => a + estimateTokens(m.content), 0);
  const costUsd = Math.round((prompt * 0.1e-6 + completion * 1.1e-6) * 1e4) / 1e4;
  const exitStatus = trunc.ratio < 1 && r() < 0.5 ? 'exit_context' : (() => {
    let u = r();
    for (const [s, w] of EXIT) if ((u -= w) < 0) return s;
    return 'submitted';
  })();
  const instanceId = `${p.repo}_${p.commit.slice(0, 5)}_${10000 + p.index}`;
  const body = JSON.stringify({
    record: { key: `${p.commit}:${p.file}::${p.fn}`, seedId: `${p.file}::${p.fn}`, commit: p.commit, status: 'complete', reason: null, changeType: p.changeType, instruction: p.prompt, attempts: 1, pr: p.pr, recall: p.recall, level: p.level, matched: p.matched, missed: p.missed },
    trajectory: {
      stage, exitStatus, patch: p.patch, patchLines: patchEditLines(p.patch), steps, totalTokens, maxToolOutputTokens: maxTool, avgToolOutputTokens: toolOutputTokensPerTurn(messages, counts), truncationRatio: trunc.ratio, costUsd,
      usage: { apiCalls: steps, promptTokens: prompt, cachedTokens: Math.round(prompt * 0.9), completionTokens: completion },
      row: { messages, instance_id: instanceId, tool_json: [] }, rowError: null,
    },
    stage,
  });
  return {
    meta: {
      stage, seedFunction: p.fn, seedFile: p.file, changeType: p.changeType, recall: p.recall, verification: p.level, patchLines: patchEditLines(p.patch), totalTokens, maxToolOutputTokens: maxTool,
      avgToolOutputTokens: toolOutputTokensPerTurn(messages, counts), steps, truncationRatio: trunc.ratio, exitStatus, costUsd, prText: p.pr,
    },
    body,
    blobKey: createHash('sha256').update(body).digest('hex'),
  };
}

/** One rollout-1 / rollout-2 pair: P1, the synthetic PR, P2 reproducing some of P1's lines. */
export function syntheticPair(index: number, r: Rand, opts: PairOptions = {}): SyntheticPair {
  const repo = pick(r, REPOS);
  const commit = createHash('sha1').update(`${repo}:${index}:${r()}`).digest('hex');
  const fn = `${pick(r, VERBS)}_${pick(r, NOUNS)}`;
  const file = `${repo}/${pick(r, AREAS)}/${pick(r, MODULES)}.py`;
  const changeType = pick(r, CHANGE_TYPES);
  const p1Size = logNormal(r, 12, 0.8, 1, 220);
  const p1: string[] = [];
  for (let i = 0; i < p1Size; i++) p1.push(`${r() < 0.6 ? '+' : '-'}${codeLine(r, fn)}  # ${index}.${i}`);
  const m = matchedCount(r, p1.length);
  const keep = new Set<number>();
  while (keep.size < m) keep.add(Math.floor(r() * p1.length));
  const p2 = p1.filter((_, i) => keep.has(i));
  for (let i = 0, extra = int(r, 0, Math.ceil(p1Size / 3)); i < extra; i++) p2.push(`+${codeLine(r, fn)}  # ${index}.x${i}`);
  const P1 = patchFor(r, file, fn, p1);
  const P2 = patchFor(r, file, fn, p2.length ? p2 : [`+    pass  # ${index}`]);
  const rec = lineRecall(P1, P2);
  const prompt = `There is a ${changeType.replace(/-/g, ' ')} problem downstream of the function ${fn} in ${file}.`;
  const pr = `Fix ${changeType.replace(/-/g, ' ')} in \`${fn}\`\n\n${fn}() in ${file} misbehaves when the ${pick(r, NOUNS)} is empty or was already ${pick(r, VERBS)}d: callers get ${pick(r, ['a TypeError', 'stale results', 'a silent no-op', 'duplicated entries'])} instead of a clear error.\n\nSteps to reproduce:\n\n    >>> ${fn}(${pick(r, NOUNS)}=[])\n\nExpected: ${pick(r, ['a ValueError naming the argument', 'an empty result', 'the original value unchanged'])}.`;
  const common = { fn, file, changeType, prompt, pr, repo, commit, index };
  return {
    repo,
    commit,
    t1: trajectory(r, 'T1', { ...common, patch: P1, matched: [], missed: [], recall: null, level: null }, opts),
    t2: trajectory(r, 'T2', { ...common, patch: P2, matched: rec.matched, missed: rec.missed, recall: rec.recall, level: rec.level }, opts),
  };
}

export interface SeedOptions {
  db: Db;
  orgId: string;
  /** Trajectory rows to insert (pairs = count / 2, rounded up). */
  count: number;
  /** Where bodies go; without one only rows are inserted (enough for list/histogram benches). */
  blobs?: BlobStore;
  /**
   * Distinct pair bodies; rows beyond that reuse them (the store is content-addressed, so a
   * reused body costs nothing). Default min(pairs, 1000): 200k rows in well under two minutes.
   */
  distinctPairs?: number;
  seed?: number;
  repositoryId?: string | null;
  jobId?: string | null;
  pairOptions?: PairOptions;
  /** Rows per INSERT (default 5,000). */
  batchSize?: number;
  onProgress?: (inserted: number, total: number) => void;
}

// Columns in the order of the INSERT, with their SQL types. One array parameter per column and
// unnest() makes each batch a single statement (COPY-like speed); Prisma's createMany binds one
// parameter per cell and is ~10x slower here. Types are checked against the Prisma row type.
const COLUMNS: [keyof Prisma.TrajectoryCreateManyInput, string][] = [
  ['id', 'text'], ['orgId', 'text'], ['repositoryId', 'text'], ['jobId', 'text'], ['contentHash', 'text'], ['instanceId', 'text'], ['stage', '"RolloutStage"'],
  ['parentId', 'text'], ['seedFunction', 'text'], ['seedFile', 'text'], ['changeType', 'text'], ['recall', 'float8'], ['verification', '"VerificationLevel"'],
  ['patchLines', 'int4'], ['totalTokens', 'int4'], ['maxToolOutputTokens', 'int4'], ['avgToolOutputTokens', 'float8'], ['steps', 'int4'], ['truncationRatio', 'float8'],
  ['exitStatus', 'text'], ['costUsd', 'float8'], ['prText', 'text'], ['included', 'bool'], ['labels', 'text'], ['blobKey', 'text'], ['createdAt', 'text'],
];

async function insertRows(db: Db, rows: Prisma.TrajectoryCreateManyInput[]): Promise<void> {
  // a field the row type gained (a required column makes `row()` fail to compile) must be listed here too
  const missing = Object.keys(rows[0] ?? {}).filter((k) => !COLUMNS.some(([c]) => c === k));
  if (missing.length) throw new Error(`synthetic-trajectories: add ${missing.join(', ')} to COLUMNS (the Trajectory table changed)`);
  const cols = COLUMNS.map(([c]) => `"${c}"`).join(', ');
  // labels travel as array literals ('{a,b}') and createdAt as ISO text: unnest() would flatten a 2-D array
  const select = COLUMNS.map(([c, t], i) => (c === 'labels' ? `u${i}::text[]` : c === 'createdAt' ? `u${i}::timestamp(3)` : t.startsWith('"') ? `u${i}::${t}` : `u${i}`)).join(', ');
  const args = COLUMNS.map(([, t], i) => `$${i + 1}::${t.startsWith('"') ? 'text' : t}[]`).join(', ');
  const params = COLUMNS.map(([c]) =>
    rows.map((r) => {
      const v = r[c];
      if (c === 'labels') return `{${(v as string[]).join(',')}}`;
      if (v instanceof Date) return v.toISOString().replace('Z', '');
      return v ?? null;
    }),
  );
  await db.$executeRawUnsafe(`INSERT INTO "Trajectory" (${cols}) SELECT ${select} FROM unnest(${args}) AS u(${COLUMNS.map((_, i) => `u${i}`).join(', ')})`, ...params);
}

/** Inserts `count` rows (T1 then its T2, linked by parentId) in batched single-statement INSERTs. */
export async function seedSyntheticTrajectories(o: SeedOptions): Promise<{ inserted: number; blobs: number; firstT2Id: string | null }> {
  const pairs = Math.ceil(o.count / 2);
  const distinct = Math.max(1, Math.min(pairs, o.distinctPairs ?? 1000));
  const r = seededRand(o.seed ?? 42);
  // only metadata and blob keys are kept: holding 1,000 pairs' bodies would cost ~150 MB
  type Stored = Omit<SyntheticTrajectory, 'body'>;
  const templates: { repo: string; commit: string; t1: Stored; t2: Stored }[] = [];
  let blobs = 0;
  for (let i = 0; i < distinct; i++) {
    const p = syntheticPair(i, r, o.pairOptions);
    if (o.blobs) {
      await o.blobs.put(p.t1.body);
      await o.blobs.put(p.t2.body);
      blobs += 2;
    }
    templates.push({ repo: p.repo, commit: p.commit, t1: { meta: p.t1.meta, blobKey: p.t1.blobKey }, t2: { meta: p.t2.meta, blobKey: p.t2.blobKey } });
  }
  // ids are ours (not DB defaults) so a T2 can name its T1 in the same batch
  const run = `${Date.now().toString(36)}${Math.floor(r() * 36 ** 4).toString(36).padStart(4, '0')}`;
  const now = Date.now();
  const batch = o.batchSize ?? 5_000;
  let inserted = 0;
  let firstT2Id: string | null = null;
  for (let start = 0; start < pairs; start += batch / 2) {
    const data: Prisma.TrajectoryCreateManyInput[] = [];
    for (let i = start; i < Math.min(pairs, start + batch / 2); i++) {
      const t = templates[i % distinct]!;
      const createdAt = new Date(now - Math.floor(r() * 30 * 86_400_000));
      const row = (x: Stored, id: string, parentId: string | null): Prisma.TrajectoryCreateManyInput => {
        const labels = [r() < 0.05 ? 'reviewed' : null, r() < 0.02 ? 'flaky-env' : null, x.meta.patchLines > 40 && r() < 0.3 ? 'patch-over-40-lines' : null].filter((l): l is string => !!l);
        return {
          id, orgId: o.orgId, repositoryId: o.repositoryId ?? null, jobId: o.jobId ?? null, contentHash: `synthetic:${run}:${id}`, instanceId: `${t.repo}_${t.commit.slice(0, 5)}_${10000 + i}`,
          parentId, ...x.meta, included: !labels.includes('patch-over-40-lines') && r() > 0.03, labels, blobKey: x.blobKey, createdAt,
        };
      };
      const t1Id = `syn${run}${i.toString(36).padStart(6, '0')}a`;
      const t2Id = `syn${run}${i.toString(36).padStart(6, '0')}b`;
      data.push(row(t.t1, t1Id, null));
      if (inserted + data.length < o.count) data.push(row(t.t2, t2Id, t1Id));
      firstT2Id ??= t2Id;
    }
    await insertRows(o.db, data);
    inserted += data.length;
    o.onProgress?.(inserted, o.count);
  }
  return { inserted, blobs, firstT2Id: o.count > 1 ? firstT2Id : null };
}
