// A generated T1/T2 pair as our export writes it (body shape of server/engine/svg/records.ts),
// for tests and the acceptance e2e: P1 changes three lines, P2 reproduces two of them.
import { toExportLine } from './export-line';
import type { SpecialistExportLine } from './schemas';

export const PAIR_P1 = ['diff --git a/calc/ops.py b/calc/ops.py', '--- a/calc/ops.py', '+++ b/calc/ops.py', '@@ -1,3 +1,3 @@', '-def total(xs):', '+def total(xs=()):', '-    return sum(xs)', '+    return sum(xs or [])', '+# empty lists are fine'].join('\n') + '\n';
export const PAIR_P2 = ['diff --git a/calc/ops.py b/calc/ops.py', '--- a/calc/ops.py', '+++ b/calc/ops.py', '@@ -1,3 +1,3 @@', '-def total(xs):', '+def total(xs=()):', '-    return sum(xs)', '+    return sum(list(xs))'].join('\n') + '\n';
/** Recall 3/5: P2 reproduces three of P1's five changed lines. */
export const PAIR_MATCHED = ['-def total(xs):', '+def total(xs=()):', '-    return sum(xs)'];
export const PAIR_MISSED = ['+    return sum(xs or [])', '+# empty lists are fine'];

function row(instanceId: string, pr: string) {
  return {
    messages: [
      { role: 'system', content: 'You are a helpful assistant.', train: false },
      { role: 'user', content: pr, train: false },
      { role: 'assistant', content: '<think>\nlook\n</think>\n\n<tool_call>\n{"name": "bash", "arguments": {"command": "cat calc/ops.py"}}\n</tool_call>', train: true },
      { role: 'user', content: '<tool_response>\nOBSERVATION:\ndef total(xs):\n</tool_response>', train: false },
    ],
    instance_id: instanceId,
    tool_json: [{ type: 'function', function: { name: 'bash' } }],
  };
}

export function makeExportedPair(i: number): [SpecialistExportLine, SpecialistExportLine] {
  const instanceId = `calc_calc_e1f2a_${10000 + i}`;
  const pr = `Make total() accept no argument and empty lists (#${i})`;
  const record = { key: `k${i}`, seedId: 'calc/ops.py::total', status: 'complete', changeType: 'feature', instruction: 'Improve total() in calc/ops.py', pr, recall: 0.6, level: 'soft', matched: PAIR_MATCHED, missed: PAIR_MISSED };
  const traj = (stage: 'T1' | 'T2', patch: string) => ({ stage, exitStatus: 'submitted', patch, patchLines: 5, steps: 1, totalTokens: 120, maxToolOutputTokens: 10, avgToolOutputTokens: 10, truncationRatio: 1, costUsd: 0.01, row: row(instanceId, stage === 'T1' ? 'Improve total() in calc/ops.py' : pr), rowError: null });
  const common = { instanceId, seedFunction: 'total', seedFile: 'calc/ops.py', changeType: 'feature', totalTokens: 120, maxToolOutputTokens: 10, avgToolOutputTokens: 10, steps: 1, truncationRatio: 1, exitStatus: 'submitted', costUsd: 0.01, prText: pr, included: true, labels: [], notes: null };
  const t1Key = `export-fixture-${i}-t1`.padEnd(16, '0');
  const t1 = toExportLine({ ...common, contentHash: t1Key, stage: 'T1', recall: null, verification: null, patchLines: 5 }, { record, trajectory: traj('T1', PAIR_P1), stage: 'T1' }, null);
  const t2 = toExportLine({ ...common, contentHash: `export-fixture-${i}-t2`.padEnd(16, '0'), stage: 'T2', recall: 0.6, verification: 'soft', patchLines: 4 }, { record, trajectory: traj('T2', PAIR_P2), stage: 'T2' }, t1Key);
  return [t1, t2];
}
