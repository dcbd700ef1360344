// One SVG sample (SERA-PIPELINE-FACTS §3–6): rollout 1 on a vague request aimed at a seed
// function, the teacher judges whether its change matches the request (up to 3 attempts,
// each with a freshly picked request), a synthetic PR is written from the trajectory, rollout
// 2 reproduces the change from the PR alone, and P2 is scored by line recall against P1.
// Side effects (rollouts, teacher chat, randomness, duplicate tracking) come in as deps.
import { createHash } from 'node:crypto';
import type { Trajectory } from '../agent';
import { lineRecall, type RecallResult } from '../verify';
import { CHANGE_TYPES, pickInstruction, type ChangeType } from './catalog';
import { ANALYST_SYSTEM, DEMONSTRATION_PRS, extractOutput, judgePrompt, judgeVerdict, prPrompt, type StepDump } from './prompts';

export interface SeedFunction {
  /** `path::Qualified.name`, unique per repository commit. */
  id: string;
  file: string;
  name: string;
  commit: string;
}

export interface RolloutResult {
  trajectory: Trajectory;
  patch: string;
}

export interface SvgDeps {
  rollout(input: { problemStatement: string; stage: 'T1' | 'T2'; seed: SeedFunction; attempt: number }): Promise<RolloutResult>;
  chat(messages: { role: 'system' | 'user'; content: string }[]): Promise<string>;
  rand(): number;
  /** Patch hashes already produced in this run (first seen wins, as in SERA). */
  seenPatches: { has(hash: string): boolean; add(hash: string): void };
  demonstrations?: string[];
  changeTypes?: ChangeType[];
}

export type SampleStatus = 'complete' | 'self_check_rejected' | 'empty_patch' | 'duplicate_patch' | 'no_pr' | 'rollout_failed' | 'teacher_failed';

export interface SampleResult {
  seed: SeedFunction;
  status: SampleStatus;
  reason: string | null;
  attempts: number;
  changeType: string | null;
  instruction: string | null;
  t1: RolloutResult | null;
  pr: string | null;
  t2: RolloutResult | null;
  recall: RecallResult | null;
  judgeCalls: number;
  prCalls: number;
}

export const patchHash = (p: string) => createHash('sha256').update(p).digest('hex');

export function stepsForTeacher(t: Trajectory, fromStep = 0): StepDump[] {
  return t.steps.slice(fromStep).map((s) => ({
    action: s.toolCalls.map((c) => `${c.function.name} ${c.function.arguments}`).join('\n'),
    observation: s.observations.map((o) => o.observation).join('\n'),
    response: s.content ?? '',
  }));
}

async function judge(deps: SvgDeps, t: Trajectory): Promise<{ good: boolean; calls: number; offset: number }> {
  const initialPrompt = t.messages.find((m) => m.role === 'user')?.content ?? '';
  let offset = 0;
  for (let i = 1; i <= 3; i++) {
    const reply = await deps.chat([
      { role: 'system', content: ANALYST_SYSTEM },
      { role: 'user', content: judgePrompt(stepsForTeacher(t, offset), initialPrompt) },
    ]);
    const v = judgeVerdict(reply);
    if (v !== null) return { good: v, calls: i, offset };
    // No verdict: drop the oldest quarter of the steps and ask again.
    offset += Math.floor(t.steps.length / 4);
  }
  return { good: false, calls: 3, offset };
}

async function writePr(deps: SvgDeps, t: Trajectory, offset: number): Promise<{ pr: string | null; calls: number }> {
  const pool = deps.demonstrations?.length ? deps.demonstrations : DEMONSTRATION_PRS;
  for (let i = 1; i <= 10; i++) {
    const demo = pool[Math.floor(deps.rand() * pool.length)];
    const reply = await deps.chat([
      { role: 'system', content: ANALYST_SYSTEM },
      { role: 'user', content: prPrompt(stepsForTeacher(t, offset), demo) },
    ]);
    const out = extractOutput(reply);
    if (out !== null && out.trim()) return { pr: out, calls: i };
  }
  return { pr: null, calls: 10 };
}

export async function runSvgSample(seed: SeedFunction, deps: SvgDeps, opts: { maxAttempts?: number } = {}): Promise<SampleResult> {
  const result: SampleResult = { seed, status: 'rollout_failed', reason: null, attempts: 0, changeType: null, instruction: null, t1: null, pr: null, t2: null, recall: null, judgeCalls: 0, prCalls: 0 };
  const maxAttempts = opts.maxAttempts ?? 3;
  let accepted: { t1: RolloutResult; offset: number } | null = null;
  for (let attempt = 1; attempt <= maxAttempts && !accepted; attempt++) {
    result.attempts = attempt;
    const pick = pickInstruction(seed.name, seed.file, deps.rand, deps.changeTypes ?? CHANGE_TYPES);
    result.changeType = pick.changeType;
    result.instruction = pick.text;
    let t1: RolloutResult;
    try {
      t1 = await deps.rollout({ problemStatement: pick.text, stage: 'T1', seed, attempt });
    } catch (e) {
      result.status = 'rollout_failed';
      result.reason = `rollout 1 failed: ${(e as Error).message}`;
      continue;
    }
    result.t1 = t1;
    if (!t1.patch.trim()) {
      result.status = 'empty_patch';
      // the loop's own error (e.g. "HTTP 500 after 3 attempts") says why, when there is one
      const why = t1.trajectory.error ? `${t1.trajectory.exitStatus}: ${t1.trajectory.error}` : t1.trajectory.exitStatus;
      result.reason = `rollout 1 ended (${why.slice(0, 500)}) without changing the code`;
      continue;
    }
    let verdict: Awaited<ReturnType<typeof judge>>;
    try {
      verdict = await judge(deps, t1.trajectory);
    } catch (e) {
      // A teacher that keeps failing (5xx, stalls, garbage) fails this sample, not the stage.
      return { ...result, status: 'teacher_failed', reason: `self-check call failed: ${(e as Error).message}` };
    }
    result.judgeCalls += verdict.calls;
    if (!verdict.good) {
      result.status = 'self_check_rejected';
      result.reason = 'the teacher judged that the change does not match the request';
      continue;
    }
    accepted = { t1, offset: verdict.offset };
  }
  if (!accepted) return result;
  const hash = patchHash(accepted.t1.patch);
  if (deps.seenPatches.has(hash)) return { ...result, status: 'duplicate_patch', reason: 'another sample produced exactly this patch' };
  deps.seenPatches.add(hash);

  let pr: Awaited<ReturnType<typeof writePr>>;
  try {
    pr = await writePr(deps, accepted.t1.trajectory, accepted.offset);
  } catch (e) {
    return { ...result, status: 'teacher_failed', reason: `PR-writing call failed: ${(e as Error).message}` };
  }
  result.prCalls = pr.calls;
  if (!pr.pr) return { ...result, status: 'no_pr', reason: 'the teacher did not produce a PR description in 10 tries' };
  result.pr = pr.pr;
  try {
    result.t2 = await deps.rollout({ problemStatement: pr.pr, stage: 'T2', seed, attempt: 1 });
  } catch (e) {
    return { ...result, status: 'rollout_failed', reason: `rollout 2 failed: ${(e as Error).message}` };
  }
  result.recall = lineRecall(accepted.t1.patch, result.t2.patch);
  return { ...result, status: 'complete', reason: null };
}

/** Deterministic PRNG (mulberry32) for reproducible runs. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
