import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createBubblewrapSandbox, prepareWorkspace } from '@/server/engine/sandbox';
import { probeTeacher } from '@/server/engine/teacher/probe';
import { createPythonFixtureRepo, type PythonFixtureRepo } from '@/server/testing/fixtures/python-repo';
import { createModelClient, runAgent, startScriptedTeacher, sweAgentTools, SERA_INSTANCE_TEMPLATE, SERA_SYSTEM_TEMPLATE, toSweAgentTraj, serializeTrajectory, type ScriptedTeacher, type Trajectory } from './index';

// The full agent loop over real HTTP, real bubblewrap and a real git repository; the only
// fake is the LLM: the scripted teacher.

let root: string;
let repo: PythonFixtureRepo;
let teacher: ScriptedTeacher;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'agent-int-'));
  repo = await createPythonFixtureRepo(path.join(root, 'source'));
  teacher = await startScriptedTeacher({ reasoning: 'field' });
});

afterAll(async () => {
  await teacher?.close();
  await rm(root, { recursive: true, force: true });
});

// SERA's rollout-1 template 0, paraphrased (the wording differs; the shape is the same).
const vague = (fn: string, file: string) => `There may be a bug related to ${fn} in ${file}.\nWhen I call ${fn}() it does not behave as expected.`;

async function rollout(problem: string): Promise<{ traj: Trajectory; baseCommit: string }> {
  const ws = await prepareWorkspace({ source: repo.dir, commit: repo.commits[1], workRoot: path.join(root, 'work') });
  const sandbox = await createBubblewrapSandbox({ hostWorkdir: ws.dir });
  try {
    const model = createModelClient({ baseUrl: teacher.url, model: teacher.model, temperature: 0.6 });
    const traj = await runAgent({
      model,
      sandbox,
      tools: sweAgentTools(),
      systemTemplate: SERA_SYSTEM_TEMPLATE,
      instanceTemplate: SERA_INSTANCE_TEMPLATE,
      vars: { problem_statement: problem },
      baseCommit: ws.baseCommit,
      instanceId: 'calckit_10000',
    });
    return { traj, baseCommit: ws.baseCommit };
  } finally {
    await sandbox.dispose();
    await ws.dispose();
  }
}

function applies(patch: string, commit: string): string {
  const dir = path.join(root, `apply-${Math.random().toString(36).slice(2)}`);
  execFileSync('git', ['clone', '-q', repo.dir, dir]);
  execFileSync('git', ['checkout', '-q', commit], { cwd: dir });
  const file = path.join(dir, '..', path.basename(dir) + '.patch');
  execFileSync('bash', ['-c', `cat > ${file}`], { input: patch });
  execFileSync('git', ['apply', file], { cwd: dir });
  return dir;
}

describe('agent loop against the scripted teacher (fake LLM) in bubblewrap', () => {
  it('views, edits, checks with python, submits through the review stage, and yields a patch git apply accepts', async () => {
    const { traj, baseCommit } = await rollout(vague('Rectangle.scale', 'calckit/shapes.py'));
    expect(traj.exitStatus).toBe('submitted');
    expect(traj.sandbox).toBe('bubblewrap');
    expect(traj.steps.map((s) => s.toolCalls[0]?.function.name)).toEqual(['str_replace_editor', 'str_replace_editor', 'bash', 'submit', 'submit']);
    expect(traj.steps[2].observations[0].output).toBe('compiled calckit/shapes.py');
    expect(traj.steps[0].reasoning).toMatch(/Rectangle.scale/);
    expect(traj.steps[3].observations[0].observation).toMatch(/^OBSERVATION:\nThank you for your work on this issue/);
    expect(traj.usage.promptTokens).toBeGreaterThan(0);
    expect(traj.usage.cachedTokens).toBeGreaterThan(0);
    const patch = traj.patch!;
    expect(patch).toMatch(/^diff --git a\/calckit\/shapes.py b\/calckit\/shapes.py/);
    expect(patch).toContain('+        if factor is None:\n+            raise ValueError("factor must not be None")\n');
    const dir = applies(patch, baseCommit);
    // The patched package still works and the guard is live.
    const out = execFileSync('python3', ['-c', 'from calckit.shapes import Rectangle\nprint(Rectangle(1, 2).scale(3).area())\ntry:\n    Rectangle(1, 2).scale(None)\nexcept ValueError as e:\n    print(e)'], { cwd: dir, encoding: 'utf8' });
    expect(out).toBe('18\nfactor must not be None\n');
    const swe = toSweAgentTraj(traj);
    expect(swe.info.exit_status).toBe('submitted');
    expect(swe.info.submission).toBe(patch);
    await writeFile(path.join(root, 'run.traj.json'), serializeTrajectory(traj));
  });

  it('supports the SVG flow: rollout 1 → self-check → synthetic PR → rollout 2 reproduces the same patch', async () => {
    const r1 = await rollout(vague('truncate', 'calckit/text.py'));
    expect(r1.traj.exitStatus).toBe('submitted');
    const model = createModelClient({ baseUrl: teacher.url, model: teacher.model });
    const steps = JSON.stringify(r1.traj.steps.map((s) => ({ action: s.toolCalls[0]?.function.arguments, observation: s.observations[0]?.output, response: s.content })));
    const judge = await model.chat({
      messages: [
        { role: 'system', content: 'You are a helpful assistant who can analyze code.' },
        { role: 'user', content: `<fix_steps>${steps}</fix_steps>\n<initial_prompt>${r1.traj.messages[1].content}</initial_prompt>\nIs the fix valid? Answer yes or no inside <output></output>.` },
      ],
    });
    expect(/<output>(.*?)<\/output>/s.exec(judge.text!.toLowerCase())?.[1].trim()).toBe('yes');
    const prReply = await model.chat({
      messages: [
        { role: 'system', content: 'You are a helpful assistant who can analyze code.' },
        { role: 'user', content: `<fix_steps>${JSON.stringify(r1.traj.steps.map((s) => ({ response: s.thought })))}</fix_steps>\nWrite a PR like the demonstration.\n<demonstration_issue>Something broke.</demonstration_issue>\nAnswer inside <output></output>.` },
      ],
    });
    const pr = /<output>(.*?)<\/output>/s.exec(prReply.text!)?.[1] ?? '';
    expect(pr).toContain('truncate()');
    expect(pr).not.toMatch(/fixed/i);
    const r2 = await rollout(pr);
    expect(r2.traj.exitStatus).toBe('submitted');
    expect(r2.traj.patch).toBe(r1.traj.patch);
    expect(r2.traj.messages[1].content).toContain(pr);
  });

  it('passes the teacher probe used by the onboarding wizard', async () => {
    const r = await probeTeacher({ baseUrl: teacher.url, model: teacher.model }, { fetch });
    expect(r.ok).toBe(true);
    expect(r.models).toEqual(['scripted-teacher']);
    expect(r.checks.find((c) => c.name === 'reasoning')?.detail).toMatch(/returned/);
  });

  it('refuses unknown models and wrong keys like a real server', async () => {
    const guarded = await startScriptedTeacher({ apiKey: 'secret' });
    try {
      const bad = await createModelClient({ baseUrl: guarded.url, model: guarded.model, apiKey: 'nope', maxRetries: 0 }).chat({ messages: [{ role: 'user', content: 'hi' }] }).catch((e) => e);
      expect(bad.status).toBe(401);
      const wrong = await createModelClient({ baseUrl: guarded.url, model: 'gpt-x', apiKey: 'secret', maxRetries: 0 }).chat({ messages: [{ role: 'user', content: 'hi' }] }).catch((e) => e);
      expect(wrong.status).toBe(404);
      const ok = await createModelClient({ baseUrl: guarded.url, model: guarded.model, apiKey: 'secret' }).chat({ messages: [{ role: 'user', content: 'hi' }] });
      expect(ok.text).toBe('OK');
    } finally {
      await guarded.close();
    }
  });
});
