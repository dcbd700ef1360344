// Real rollouts: a fresh copy of the repository at the seed's commit, the bubblewrap
// sandbox, and the agent loop with SERA's templates against the teacher endpoint.
import { createModelClient, runSeraInWorkspace, type ModelConfig, type TokenUsage } from '../agent';
import type { Sandbox } from '../sandbox';
import type { RolloutResult, SvgDeps } from './pipeline';

export interface TeacherConfig {
  baseUrl: string;
  model: string;
  apiKey?: string;
  temperature?: number;
  /** Retry and timeout policy of every teacher call (defaults: see ModelConfig). */
  client?: Pick<ModelConfig, 'maxRetries' | 'initialBackoffMs' | 'maxBackoffMs' | 'attemptTimeoutMs' | 'deadlineMs' | 'signal'>;
}

export function teacherChat(t: TeacherConfig): SvgDeps['chat'] {
  const client = createModelClient({ ...t.client, baseUrl: t.baseUrl, model: t.model, apiKey: t.apiKey, temperature: t.temperature ?? 0.6, maxTokens: 4096 });
  return async (messages) => {
    const r = await client.chat({ messages, temperature: t.temperature ?? 0.6, maxTokens: 4096 });
    return r.rawContent ?? r.text ?? '';
  };
}

export function makeRollout(opts: {
  source: string;
  workRoot: string;
  teacher: TeacherConfig;
  maxSteps?: number;
  wallClockMs?: number;
  priceFn?: (u: TokenUsage) => number;
  sandboxFor?: (dir: string) => Promise<Sandbox>;
}): SvgDeps['rollout'] {
  return async ({ problemStatement, seed, stage }): Promise<RolloutResult> => {
    const { trajectory } = await runSeraInWorkspace({
      source: opts.source,
      commit: seed.commit,
      workRoot: opts.workRoot,
      name: stage.toLowerCase(),
      model: { ...opts.teacher.client, baseUrl: opts.teacher.baseUrl, model: opts.teacher.model, apiKey: opts.teacher.apiKey, temperature: opts.teacher.temperature ?? 0.6 },
      problemStatement,
      instanceId: seed.id,
      priceFn: opts.priceFn,
      sandboxFor: opts.sandboxFor,
      // A stalled teacher or command cannot hold a worker slot forever.
      limits: { maxSteps: opts.maxSteps ?? 115, wallClockMs: opts.wallClockMs ?? 45 * 60_000 },
    });
    return { trajectory, patch: trajectory.exitStatus === 'submitted' ? (trajectory.patch ?? '') : '' };
  };
}
