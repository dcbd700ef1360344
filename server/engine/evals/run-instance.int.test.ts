import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calckitInstances } from '@/server/testing/fixtures/eval-instances';
import { createPythonFixtureRepo } from '@/server/testing/fixtures/python-repo';
import { startScriptedTeacher, type ScriptedTeacher } from '../agent';
import { runEvalInstance } from './run-instance';

describe('evaluation attempt: agent in bubblewrap, judged in a fresh copy (scripted teacher = fake LLM)', () => {
  let teacher: ScriptedTeacher;
  let repo: { dir: string; commits: string[] };
  const work = mkdtempSync(path.join(tmpdir(), 'eval-run-'));
  beforeAll(async () => {
    teacher = await startScriptedTeacher({});
    repo = await createPythonFixtureRepo(path.join(work, 'calckit'));
  });
  afterAll(() => teacher?.close());

  it('resolves the instance the teacher can fix and not the other one', async () => {
    const [clamp, mean] = calckitInstances(repo.dir, repo.commits[1]);
    const model = { baseUrl: teacher.url, model: teacher.model };
    const a = await runEvalInstance({ source: repo.dir, instance: clamp, model, seed: 1, workRoot: path.join(work, 'ws') });
    expect(a.exitStatus).toBe('submitted');
    expect(a.patch).toContain('raise ValueError');
    expect(a.reason).toBeNull();
    expect(a.resolved).toBe(true);
    const b = await runEvalInstance({ source: repo.dir, instance: mean, model, seed: 1, workRoot: path.join(work, 'ws') });
    expect(b.resolved).toBe(false);
    expect(b.reason).toMatch(/test_mean_empty/);
  }, 120_000);
});
