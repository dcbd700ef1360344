import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startScriptedTeacher } from '../server/engine/agent';
import { createPythonFixtureRepo } from '../server/testing/fixtures/python-repo';
import { seedTeam, trpcMutation, useSession } from './fixtures';

async function ok(res: Awaited<ReturnType<typeof trpcMutation>>) {
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()).result.data.json;
}

// Repository text is untrusted too: a file whose name is an HTML payload becomes a seed of a
// real generation run (bubblewrap, scripted teacher = fake LLM), and its name is shown in the
// trajectory table and viewer as text.
const FILE = '<img src=x onerror=window.__xss=8>.py';

test('a hostile file name from the repository renders as text in generated trajectories (XSS)', async ({ page, playwright, baseURL }) => {
  test.setTimeout(150_000);
  const team = await seedTeam(playwright, baseURL!, []);
  const req = team.owner.request;
  const teacher = await startScriptedTeacher({});
  try {
    const repo = await createPythonFixtureRepo(path.join(mkdtempSync(path.join(tmpdir(), 'e2e-xssgen-')), 'calckit'));
    mkdirSync(path.join(repo.dir, 'hostile'));
    writeFileSync(path.join(repo.dir, 'hostile', FILE), 'def hostile_fn(value):\n    return value * 2\n');
    execFileSync('git', ['add', '-A'], { cwd: repo.dir });
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.test', 'commit', '-qm', 'hostile file'], { cwd: repo.dir });

    const { id: repoId } = await ok(await trpcMutation(req, 'repos.connect', { name: 'calckit', url: repo.dir, authKind: 'none' }));
    await ok(await trpcMutation(req, 'repos.saveSnapshot', { repoId, branch: 'main', mode: 'auto', count: 1, lookbackDays: 365, pinned: [] }));
    await ok(await trpcMutation(req, 'repos.saveCodeMap', { repoId, include: ['hostile'], exclude: [] }));
    await ok(await trpcMutation(req, 'repos.saveEnvironment', { repoId, pythonVersion: '3.11', installCommands: ['python -m compileall -q hostile'], testCommand: '', skipPackages: [] }));
    await ok(await trpcMutation(req, 'repos.saveTeacher', { repoId, preset: 'openai-compatible', baseUrl: teacher.url, model: teacher.model, hosting: 'api' }));
    await ok(await trpcMutation(req, 'repos.saveFilters', { repoId, recallThreshold: 0.5, maxPatchLines: 40, maxToolOutputTokens: 600, t2Share: 0.5, targetSamples: 10, contextLength: 32768 }));
    const plan = await ok(await trpcMutation(req, 'plans.submitFromRepo', { repoId, priceName: 'GLM-4.6' }));
    await ok(await trpcMutation(req, 'plans.review', { planId: plan.id, decision: 'approve', comment: 'go' }));
    const { jobId } = await ok(await trpcMutation(req, 'plans.launch', { planId: plan.id }));

    await useSession(page, req);
    await page.goto(`/runs/${jobId}`);
    await expect(page.getByTestId('run-summary')).toContainText(/succeeded|failed/, { timeout: 120_000 });
    await page.goto(`/trajectories?jobId=${jobId}`);
    const table = page.getByTestId('trajectory-table');
    await expect(table).toContainText(`hostile/${FILE}::hostile_fn`);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    await table.getByRole('link', { name: 'T1' }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(`hostile/${FILE}::hostile_fn`);
    // the vague request names the file too
    await expect(page.locator('pre', { hasText: 'hostile_fn' }).first()).toContainText(FILE);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
  } finally {
    await teacher.close();
  }
});
