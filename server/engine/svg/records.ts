// What a finished sample leaves behind: per-trajectory stats (patch size, tokens, tool
// output, truncation at the context length) and SERA training rows for T1 and T2.
import type { Trajectory } from '../agent';
import { messageTokens, RowError, toolOutputTokensPerTurn, toTrainingRow, truncation, type TrainingRow } from '../dataset';
import { patchEditLines } from '../verify';
import type { SampleResult } from './pipeline';

export interface TrajectoryRecord {
  stage: 'T1' | 'T2';
  exitStatus: string;
  patch: string;
  patchLines: number;
  steps: number;
  totalTokens: number | null;
  maxToolOutputTokens: number | null;
  avgToolOutputTokens: number | null;
  truncationRatio: number | null;
  costUsd: number;
  usage: Trajectory['usage'];
  /** SERA training row, or why SERA's postprocess would drop this trajectory. */
  row: TrainingRow | null;
  rowError: string | null;
}

export interface SampleRecord {
  key: string;
  seedId: string;
  commit: string;
  status: SampleResult['status'];
  reason: string | null;
  changeType: string | null;
  instruction: string | null;
  attempts: number;
  pr: string | null;
  recall: number | null;
  level: string | null;
  matched: string[];
  missed: string[];
  t1: TrajectoryRecord | null;
  t2: TrajectoryRecord | null;
}

export function trajectoryRecord(stage: 'T1' | 'T2', t: Trajectory, patch: string, instanceId: string, contextLength = 32_768): TrajectoryRecord {
  let row: TrainingRow | null = null;
  let rowError: string | null = null;
  try {
    row = toTrainingRow(t, instanceId);
  } catch (e) {
    if (!(e instanceof RowError)) throw e;
    rowError = e.message;
  }
  let totalTokens: number | null = null;
  let maxTool: number | null = null;
  let avgTool: number | null = null;
  let ratio: number | null = null;
  if (row) {
    const counts = row.messages.map(messageTokens);
    totalTokens = counts.reduce((a, b) => a + b, 0);
    maxTool = Math.max(0, ...row.messages.map((m, i) => (m.role === 'user' && i > 1 ? counts[i] : 0)));
    avgTool = toolOutputTokensPerTurn(row.messages, counts);
    ratio = truncation(row.messages, contextLength, counts).ratio;
  }
  return {
    stage,
    exitStatus: t.exitStatus,
    patch,
    patchLines: patchEditLines(patch),
    steps: t.steps.length,
    totalTokens,
    maxToolOutputTokens: maxTool,
    avgToolOutputTokens: avgTool,
    truncationRatio: ratio,
    costUsd: t.costUsd,
    usage: t.usage,
    row,
    rowError,
  };
}

export function sampleRecord(key: string, r: SampleResult, opts: { instancePrefix: string; index: number; contextLength?: number }): SampleRecord {
  const id = `${opts.instancePrefix}_${10000 + opts.index}`;
  return {
    key,
    seedId: r.seed.id,
    commit: r.seed.commit,
    status: r.status,
    reason: r.reason,
    changeType: r.changeType,
    instruction: r.instruction,
    attempts: r.attempts,
    pr: r.pr,
    recall: r.recall?.recall ?? null,
    level: r.recall?.level ?? null,
    matched: r.recall?.matched ?? [],
    missed: r.recall?.missed ?? [],
    t1: r.t1 ? trajectoryRecord('T1', r.t1.trajectory, r.t1.patch, id, opts.contextLength) : null,
    t2: r.t2 ? trajectoryRecord('T2', r.t2.trajectory, r.t2.patch, id, opts.contextLength) : null,
  };
}
