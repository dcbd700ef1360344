// SWE-bench-style resolution inside a sandbox: apply the model's patch, then the gold
// test patch, run the FAIL_TO_PASS and PASS_TO_PASS tests, and call the instance
// resolved only if every one of them passes (as the SWE-bench harness does).
import type { Sandbox } from '../sandbox';

export interface EvalInstance {
  instance_id: string;
  base_commit: string;
  problem_statement: string;
  patch?: string;
  test_patch: string;
  FAIL_TO_PASS: string[];
  PASS_TO_PASS: string[];
}

export type TestStatus = 'PASSED' | 'FAILED' | 'ERROR' | 'SKIPPED' | 'MISSING';

export interface Resolution {
  resolved: boolean;
  patchApplied: boolean;
  /** Why the instance is not resolved, in words; null when resolved. */
  reason: string | null;
  failToPass: Record<string, TestStatus>;
  passToPass: Record<string, TestStatus>;
  log: string;
}

const shq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Parses `pytest -rA` short-summary lines ("PASSED tests/x.py::t", "FAILED tests/x.py::t - msg"). */
export function parsePytestSummary(output: string): Map<string, TestStatus> {
  const out = new Map<string, TestStatus>();
  for (const line of output.split('\n')) {
    const m = /^(PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS)\s+(\S+)/.exec(line.trim());
    if (!m) continue;
    const status = m[1] === 'XFAIL' || m[1] === 'XPASS' ? 'PASSED' : (m[1] as TestStatus);
    out.set(m[2], status);
  }
  return out;
}

async function applyPatch(sandbox: Sandbox, patch: string, name: string): Promise<{ ok: boolean; log: string }> {
  if (!patch.trim()) return { ok: true, log: `${name}: empty\n` };
  const file = `/tmp/${name}.diff`;
  await sandbox.writeFile(file, patch.endsWith('\n') ? patch : patch + '\n');
  // The same fallbacks as the SWE-bench harness: git apply, then GNU patch with fuzz.
  const attempts = [`git apply --verbose --whitespace=nowarn ${file}`, `git apply --verbose --reject --whitespace=nowarn ${file}`, `patch --batch --fuzz=5 -p1 -i ${file}`];
  let log = '';
  for (const cmd of attempts) {
    const r = await sandbox.exec(cmd, { timeoutMs: 60_000 });
    log += `$ ${cmd}\n${r.stdout}${r.stderr}`;
    if (r.exitCode === 0) return { ok: true, log };
    await sandbox.exec('git checkout -- . && git clean -fdq', { timeoutMs: 60_000 });
  }
  return { ok: false, log };
}

export async function resolveInstance(opts: {
  sandbox: Sandbox;
  instance: EvalInstance;
  modelPatch: string;
  /** Test runner; receives the test ids, space separated and shell-quoted. */
  testCommand?: (ids: string) => string;
  timeoutMs?: number;
}): Promise<Resolution> {
  const { sandbox, instance } = opts;
  const empty = (ids: string[]) => Object.fromEntries(ids.map((t) => [t, 'MISSING' as TestStatus]));
  const result = (r: Partial<Resolution>): Resolution => ({
    resolved: false,
    patchApplied: false,
    reason: null,
    failToPass: empty(instance.FAIL_TO_PASS),
    passToPass: empty(instance.PASS_TO_PASS),
    log: '',
    ...r,
  });
  if (!opts.modelPatch.trim()) return result({ reason: 'the model produced no patch' });
  const model = await applyPatch(sandbox, opts.modelPatch, 'model');
  if (!model.ok) return result({ reason: "the model's patch does not apply", log: model.log });
  const tests = await applyPatch(sandbox, instance.test_patch, 'tests');
  if (!tests.ok) return result({ patchApplied: true, reason: 'the test patch does not apply on top of the model patch', log: model.log + tests.log });

  const ids = [...instance.FAIL_TO_PASS, ...instance.PASS_TO_PASS];
  const quoted = ids.map(shq).join(' ');
  const cmd = opts.testCommand ? opts.testCommand(quoted) : `python -m pytest -rA -p no:cacheprovider -q ${quoted}`;
  const run = await sandbox.exec(cmd, { timeoutMs: opts.timeoutMs ?? 30 * 60_000 });
  const statuses = parsePytestSummary(`${run.stdout}\n${run.stderr}`);
  const pick = (list: string[]) => Object.fromEntries(list.map((t) => [t, statuses.get(t) ?? 'MISSING'])) as Record<string, TestStatus>;
  const failToPass = pick(instance.FAIL_TO_PASS);
  const passToPass = pick(instance.PASS_TO_PASS);
  const broken = [...Object.entries(failToPass), ...Object.entries(passToPass)].filter(([, s]) => s !== 'PASSED');
  const log = `${model.log}${tests.log}$ ${cmd}\n${run.stdout}${run.stderr}`;
  return {
    resolved: broken.length === 0 && !run.timedOut,
    patchApplied: true,
    reason: run.timedOut ? 'the tests timed out' : broken.length ? `${broken.length} test(s) not passing: ${broken.slice(0, 3).map(([t, s]) => `${t} ${s}`).join(', ')}` : null,
    failToPass,
    passToPass,
    log: log.slice(-200_000),
  };
}
