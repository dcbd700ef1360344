// One evaluation attempt: the agent works on the instance's problem statement at its base
// commit with the same runtime and prompts as generation, then the patch is judged in a
// fresh copy of the repository (so nothing the agent left behind can influence tests).
import { runSeraInWorkspace, type ExitStatus } from '../agent';
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
  try {
    const { trajectory } = await runSeraInWorkspace({
      source: opts.source,
      commit: instance.base_commit,
      workRoot: opts.workRoot,
      name: 'eval',
      model: { baseUrl: opts.model.baseUrl, model: opts.model.model, apiKey: opts.model.apiKey, temperature: opts.model.temperature ?? 0.6, extraBody: { seed: opts.seed } },
      problemStatement: instance.problem_statement,
      instanceId: instance.instance_id,
      sandboxFor,
      limits: { maxSteps: opts.maxSteps ?? 115, wallClockMs: opts.wallClockMs ?? 30 * 60_000 },
    });
    patch = trajectory.patch ?? '';
    exitStatus = trajectory.exitStatus;
    steps = trajectory.steps.length;
  } catch (e) {
    return { instanceId: instance.instance_id, resolved: false, reason: `the agent failed: ${(e as Error).message}`, patch, exitStatus, steps };
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
