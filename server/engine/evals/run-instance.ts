// One evaluation attempt: the agent works on the instance's problem statement at its base
// commit with the same runtime and prompts as generation, then the patch is judged in a
// fresh copy of the repository (so nothing the agent left behind can influence tests).
import { createModelClient, runAgent, sweAgentTools, SERA_INSTANCE_TEMPLATE, SERA_SYSTEM_TEMPLATE, type ExitStatus } from '../agent';
import { createBubblewrapSandbox, prepareWorkspace, type Sandbox } from '../sandbox';
import { resolveInstance, type EvalInstance, type Resolution } from './resolve-instance';

export interface EvalModel {
  baseUrl: string;
  model: string;
  apiKey?: string;
  temperature?: number;
}

export interface EvalAttempt {
  instanceId: string;
  resolved: boolean;
  reason: string | null;
  patch: string;
  exitStatus: ExitStatus | 'error';
  steps: number;
  resolution?: Pick<Resolution, 'failToPass' | 'passToPass' | 'patchApplied'>;
}

export interface RunInstanceDeps {
  /** Creates a sandbox over a workspace directory (bubblewrap by default). */
  sandboxFor?: (hostWorkdir: string) => Promise<Sandbox>;
}

export async function runEvalInstance(
  opts: { source: string; instance: EvalInstance; model: EvalModel; seed: number; workRoot: string; maxSteps?: number; wallClockMs?: number },
  deps: RunInstanceDeps = {},
): Promise<EvalAttempt> {
  const sandboxFor = deps.sandboxFor ?? ((dir: string) => createBubblewrapSandbox({ hostWorkdir: dir }));
  const { instance } = opts;
  let patch = '';
  let exitStatus: EvalAttempt['exitStatus'] = 'error';
  let steps = 0;
  const ws = await prepareWorkspace({ source: opts.source, commit: instance.base_commit, workRoot: opts.workRoot, name: 'eval' });
  const sandbox = await sandboxFor(ws.dir);
  try {
    const model = createModelClient({ baseUrl: opts.model.baseUrl, model: opts.model.model, apiKey: opts.model.apiKey, temperature: opts.model.temperature ?? 0.6, extraBody: { seed: opts.seed } });
    const traj = await runAgent({
      model,
      sandbox,
      tools: sweAgentTools(),
      systemTemplate: SERA_SYSTEM_TEMPLATE,
      instanceTemplate: SERA_INSTANCE_TEMPLATE,
      vars: { problem_statement: instance.problem_statement },
      baseCommit: ws.baseCommit,
      instanceId: instance.instance_id,
      limits: { maxSteps: opts.maxSteps ?? 115, wallClockMs: opts.wallClockMs ?? 30 * 60_000 },
    });
    patch = traj.patch ?? '';
    exitStatus = traj.exitStatus;
    steps = traj.steps.length;
  } catch (e) {
    return { instanceId: instance.instance_id, resolved: false, reason: `the agent failed: ${(e as Error).message}`, patch, exitStatus, steps };
  } finally {
    await sandbox.dispose();
    await ws.dispose();
  }
  const judgeWs = await prepareWorkspace({ source: opts.source, commit: instance.base_commit, workRoot: opts.workRoot, name: 'judge' });
  const judge = await sandboxFor(judgeWs.dir);
  try {
    const r = await resolveInstance({ sandbox: judge, instance, modelPatch: patch });
    return {
      instanceId: instance.instance_id,
      resolved: r.resolved,
      reason: r.reason,
      patch,
      exitStatus,
      steps,
      resolution: { failToPass: r.failToPass, passToPass: r.passToPass, patchApplied: r.patchApplied },
    };
  } finally {
    await judge.dispose();
    await judgeWs.dispose();
  }
}
