import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPythonFixtureRepo } from '@/server/testing/fixtures/python-repo';
import { createBubblewrapSandbox, prepareWorkspace } from '../sandbox';
import { parsePytestSummary, resolveInstance, type EvalInstance } from './resolve-instance';

const git = (cwd: string, ...a: string[]) => execFileSync('git', a, { cwd, encoding: 'utf8' });
const hasPytest = (() => {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import pytest']);
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasPytest)('SWE-bench-style resolution in bubblewrap (needs Debian python3-pytest)', () => {
  let repo: string;
  let instance: EvalInstance;
  let gold: string;

  beforeAll(async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'resolve-'));
    const fx = await createPythonFixtureRepo(path.join(root, 'calckit'));
    repo = fx.dir;
    const base = fx.commits[1];
    const file = path.join(repo, 'calckit/arith.py');
    const orig = readFileSync(file, 'utf8');
    writeFileSync(file, orig.replace('def mean(values):\n', 'def mean(values):\n    if not values:\n        return 0.0\n'));
    gold = git(repo, 'diff');
    git(repo, 'checkout', '--', '.');
    const tfile = path.join(repo, 'tests/test_arith.py');
    writeFileSync(tfile, readFileSync(tfile, 'utf8') + '\n\ndef test_mean_empty():\n    assert mean([]) == 0.0\n');
    const testPatch = git(repo, 'diff');
    git(repo, 'checkout', '--', '.');
    instance = {
      instance_id: 'calckit__calckit-1',
      base_commit: base,
      problem_statement: 'mean([]) raises ZeroDivisionError; it should return 0.0',
      patch: gold,
      test_patch: testPatch,
      FAIL_TO_PASS: ['tests/test_arith.py::test_mean_empty'],
      PASS_TO_PASS: ['tests/test_arith.py::test_add'],
    };
  });

  async function attempt(modelPatch: string) {
    const ws = await prepareWorkspace({ repoDir: repo, commit: instance.base_commit, workRoot: mkdtempSync(path.join(tmpdir(), 'ws-')) });
    const sandbox = await createBubblewrapSandbox({ hostWorkdir: ws.dir });
    try {
      return await resolveInstance({ sandbox, instance, modelPatch });
    } finally {
      await sandbox.dispose();
      await ws.dispose();
    }
  }

  it('the gold patch resolves the instance', async () => {
    const r = await attempt(gold);
    expect(r.reason).toBeNull();
    expect(r.resolved).toBe(true);
    expect(r.failToPass).toEqual({ 'tests/test_arith.py::test_mean_empty': 'PASSED' });
  });

  it('no patch, a patch that does not fix it and a garbage patch are not resolved, with reasons', async () => {
    expect((await attempt('')).reason).toMatch(/no patch/);
    const wrong = gold.replace('return 0.0', 'return None');
    const r = await attempt(wrong);
    expect(r.resolved).toBe(false);
    expect(r.failToPass['tests/test_arith.py::test_mean_empty']).toBe('FAILED');
    expect(r.passToPass['tests/test_arith.py::test_add']).toBe('PASSED');
    const g = await attempt('--- a/nope.py\n+++ b/nope.py\n@@ -1 +1 @@\n-x\n+y\n');
    expect(g.patchApplied).toBe(false);
    expect(g.reason).toMatch(/does not apply/);
  });
});

describe('pytest summary parsing', () => {
  it('reads -rA lines', () => {
    const m = parsePytestSummary('PASSED tests/a.py::t1\nFAILED tests/a.py::t2 - assert 1 == 2\nERROR tests/b.py::t3\nXFAIL tests/c.py::t4\nnoise');
    expect([...m]).toEqual([
      ['tests/a.py::t1', 'PASSED'],
      ['tests/a.py::t2', 'FAILED'],
      ['tests/b.py::t3', 'ERROR'],
      ['tests/c.py::t4', 'PASSED'],
    ]);
  });
});
