// One agent run the way SERA runs it: a fresh copy of the repository at a commit, a sandbox
// over it (bubblewrap by default), SERA's prompts and tools, then the copy is discarded.
// Generation rollouts and evaluation attempts both go through here.
import { createBubblewrapSandbox, prepareWorkspace, type Sandbox } from '../sandbox';
import { runAgent, type AgentLimits } from './loop';
import { createModelClient, type ModelConfig } from './model-client';
import { SERA_INSTANCE_TEMPLATE, SERA_SYSTEM_TEMPLATE } from './templates';
import { sweAgentTools } from './tools';
import type { Trajectory } from './trajectory';
import type { TokenUsage } from './types';

export async function runSeraInWorkspace(opts: {
  source: string;
  commit: string;
  workRoot: string;
  /** Prefix of the workspace folder (for humans reading the disk). */
  name: string;
  model: ModelConfig;
  problemStatement: string;
  instanceId: string;
  limits?: AgentLimits;
  priceFn?: (u: TokenUsage) => number;
  sandboxFor?: (dir: string) => Promise<Sandbox>;
}): Promise<{ trajectory: Trajectory; baseCommit: string }> {
  const ws = await prepareWorkspace({ source: opts.source, commit: opts.commit, workRoot: opts.workRoot, name: opts.name });
  const sandbox = await (opts.sandboxFor ?? ((dir: string) => createBubblewrapSandbox({ hostWorkdir: dir })))(ws.dir);
  try {
    const trajectory = await runAgent({
      model: createModelClient(opts.model),
      sandbox,
      tools: sweAgentTools(),
      systemTemplate: SERA_SYSTEM_TEMPLATE,
      instanceTemplate: SERA_INSTANCE_TEMPLATE,
      vars: { problem_statement: opts.problemStatement },
      baseCommit: ws.baseCommit,
      instanceId: opts.instanceId,
      priceFn: opts.priceFn,
      limits: opts.limits,
    });
    return { trajectory, baseCommit: ws.baseCommit };
  } finally {
    await sandbox.dispose();
    await ws.dispose();
  }
}
