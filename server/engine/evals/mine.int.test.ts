import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPythonFixtureRepo } from '@/server/testing/fixtures/python-repo';
import { findCandidates, mineInstance } from './mine';

const env = { ...process.env, GIT_AUTHOR_NAME: 'd', GIT_AUTHOR_EMAIL: 'd@d', GIT_COMMITTER_NAME: 'd', GIT_COMMITTER_EMAIL: 'd@d' };
const git = (cwd: string, ...a: string[]) => execFileSync('git', a, { cwd, env, encoding: 'utf8' });

describe('mining evaluation tasks from history (real git, bubblewrap, pytest)', () => {
  it('turns a commit that fixes code and adds a test into an instance with fail-to-pass tests', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'mine-'));
    const repo = await createPythonFixtureRepo(path.join(root, 'calckit'));
    const cutoff = new Date(Date.now() - 60_000);
    // a code-only change: not a task
    const arith = path.join(repo.dir, 'calckit/arith.py');
    writeFileSync(arith, readFileSync(arith, 'utf8') + '\n\ndef double(x):\n    return 2 * x\n');
    git(repo.dir, 'commit', '-qam', 'add double');
    // a fix with its test: a task
    writeFileSync(arith, readFileSync(arith, 'utf8').replace('def mean(values):\n', 'def mean(values):\n    if not values:\n        return 0.0\n'));
    const tests = path.join(repo.dir, 'tests/test_arith.py');
    writeFileSync(tests, readFileSync(tests, 'utf8') + '\n\ndef test_mean_empty():\n    assert mean([]) == 0.0\n');
    git(repo.dir, 'commit', '-qam', 'mean of an empty list is 0.0\n\nmean([]) used to raise ZeroDivisionError.');

    const candidates = await findCandidates(repo.dir, { branch: 'main', since: cutoff });
    expect(candidates.map((c) => c.message.split('\n')[0])).toEqual(['mean of an empty list is 0.0']);
    const inst = await mineInstance(repo.dir, candidates[0], { workRoot: path.join(root, 'ws') });
    expect(inst).not.toBeNull();
    expect(inst!.FAIL_TO_PASS).toEqual(['tests/test_arith.py::test_mean_empty']);
    expect(inst!.PASS_TO_PASS).toContain('tests/test_arith.py::test_add');
    expect(inst!.problem_statement).toContain('ZeroDivisionError');
    expect(inst!.patch).toContain('return 0.0');
    expect(inst!.test_patch).toContain('test_mean_empty');
  }, 120_000);
});
