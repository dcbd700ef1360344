import { expect, test } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startScriptedTeacher } from '../server/engine/agent';
import { calckitInstances } from '../server/testing/fixtures/eval-instances';
import { createPythonFixtureRepo } from '../server/testing/fixtures/python-repo';
import { seedTeam, trpcMutation, useSession } from './fixtures';

test('import a SWE-bench task set, evaluate a model against the scripted teacher (fake LLM), add a baseline, see the curve', async ({ page, playwright, baseURL }) => {
  test.setTimeout(180_000);
  const team = await seedTeam(playwright, baseURL!, []);
  const repo = await createPythonFixtureRepo(path.join(mkdtempSync(path.join(tmpdir(), 'e2e-evals-')), 'calckit'));
  const connect = await trpcMutation(team.owner.request, 'repos.connect', { name: 'calckit', url: repo.dir, authKind: 'none' });
  expect(connect.status(), await connect.text()).toBe(200);
  const instances = calckitInstances(repo.dir, repo.commits[1]);
  const teacher = await startScriptedTeacher({});
  await useSession(page, team.owner.request);

  await page.goto('/evals');
  const importForm = page.locator('form').filter({ has: page.getByRole('button', { name: 'Import', exact: true }) });
  await importForm.getByLabel('Task set name', { exact: true }).fill('calckit-bugs');
  await expect(importForm.getByLabel('Repository', { exact: true })).toHaveValue(/.+/); // repositories loaded
  await page.getByLabel('Instances', { exact: true }).fill('{"instance_id": "x"}\nnot json');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText(/nothing was imported/)).toBeVisible();
  await expect(page.getByText(/line 2: not valid JSON/).first()).toBeVisible();

  await page.getByLabel('Instances', { exact: true }).fill(instances.map((i) => JSON.stringify({ ...i, FAIL_TO_PASS: JSON.stringify(i.FAIL_TO_PASS) })).join('\n'));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByLabel('Task set', { exact: true })).toContainText('calckit-bugs (2 tasks, calckit)');

  await page.getByLabel('Series name', { exact: true }).fill('specialist');
  await page.getByLabel('Endpoint URL', { exact: true }).fill(teacher.url);
  await page.getByLabel('Model', { exact: true }).fill(teacher.model);
  await page.getByLabel('Training samples (empty for a reference model)', { exact: true }).fill('1000');
  await page.getByLabel('Seeds', { exact: true }).fill('1');
  await page.getByRole('button', { name: 'Start evaluation' }).click();
  const runs = page.getByTestId('eval-runs');
  await expect(runs).toContainText('specialist');
  // the scripted teacher fixes clamp (guard clause) but not mean([]): 1 of 2
  await expect(runs).toContainText('1/2 of 2 (50.0%)', { timeout: 120_000 });
  await expect(runs).toContainText('succeeded');

  await page.getByLabel('Baseline name', { exact: true }).fill('teacher');
  await page.getByLabel('Results JSON', { exact: true }).fill(JSON.stringify({ resolved_ids: ['calckit__calckit-1', 'calckit__calckit-2'], unresolved_ids: [] }));
  await page.getByRole('button', { name: 'Import results' }).click();
  await expect(page.getByText('Imported: 2 of 2 resolved.')).toBeVisible();
  const chart = page.getByTestId('eval-curve');
  await expect(chart).toBeVisible();
  await expect(chart).toContainText('teacher 100.0%');
  await expect(chart.locator('.recharts-line-dots circle')).toHaveCount(1);
  await expect(page.getByTestId('fit-summary')).toContainText('evaluate at 3 or more sample sizes');

  // three seeds at three sizes for the series, and three for the teacher: error bars, fit, SNR
  let imported = 2; // the evaluation run and the first teacher import
  const imp = async (name: string, samples: number | '', seed: number, resolved: string[]) => {
    await page.getByLabel('Baseline name', { exact: true }).fill(name);
    await page.getByLabel('Training samples (empty = reference line)', { exact: true }).fill(String(samples));
    const unresolved = ['calckit__calckit-1', 'calckit__calckit-2'].filter((i) => !resolved.includes(i));
    await page.getByLabel('Results JSON', { exact: true }).fill(JSON.stringify({ resolved_ids: resolved, unresolved_ids: unresolved }));
    await page.getByRole('button', { name: 'Import results' }).click();
    await expect(page.getByText(`Imported: ${resolved.length} of 2 resolved.`)).toBeVisible();
    await expect(page.getByTestId('eval-runs').getByRole('row')).toHaveCount(++imported + 1);
    void seed;
  };
  const both = ['calckit__calckit-1', 'calckit__calckit-2'];
  for (const [samples, perSeed] of [
    [2000, [[], ['calckit__calckit-1'], ['calckit__calckit-1']]],
    [4000, [['calckit__calckit-1'], ['calckit__calckit-1'], both]],
    [8000, [both, both, ['calckit__calckit-2']]],
  ] as const)
    for (const [seed, resolved] of perSeed.entries()) await imp('imported', samples, seed, [...resolved]);
  for (const seed of [0, 1, 2]) await imp('GLM teacher', '', seed, seed === 2 ? ['calckit__calckit-1'] : both);
  await expect(chart.locator('.recharts-errorBar').first()).toBeAttached();
  await expect(chart).toContainText('GLM teacher 83.3%');
  await expect(page.getByTestId('fit-summary')).toContainText(/imported: y = [\d.]+ − [\d.]+·x\^\(−[\d.]+\), mean error [\d.]+ points/);
  await expect(page.getByTestId('fit-summary')).toContainText(/imported: .*reaching GLM teacher \(83\.3%\) takes ≈[\d,]+ samples ≈ \$[\d,]+/);
  await expect(page.getByTestId('fit-summary')).toContainText(/SNR [\d.∞]+ \((high|moderate|preliminary)\)/);
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(page.getByTestId('contamination')).toContainText('No overlap found');

  // tasks mined from the repository's own history: a commit that fixes code and adds a test
  const { execFileSync } = await import('node:child_process');
  const { readFileSync, writeFileSync } = await import('node:fs');
  const arith = path.join(repo.dir, 'calckit/arith.py');
  const tests = path.join(repo.dir, 'tests/test_arith.py');
  writeFileSync(arith, readFileSync(arith, 'utf8').replace('def mean(values):\n', 'def mean(values):\n    if not values:\n        return 0.0\n'));
  writeFileSync(tests, readFileSync(tests, 'utf8') + '\n\ndef test_mean_empty():\n    assert mean([]) == 0.0\n');
  execFileSync('git', ['commit', '-qam', 'mean([]) returns 0.0'], { cwd: repo.dir, env: { ...process.env, GIT_AUTHOR_NAME: 'd', GIT_AUTHOR_EMAIL: 'd@d', GIT_COMMITTER_NAME: 'd', GIT_COMMITTER_EMAIL: 'd@d' } });
  await page.getByRole('button', { name: 'Import a task set' }).click();
  const mineForm = page.locator('form').filter({ has: page.getByRole('button', { name: 'Mine tasks' }) });
  await mineForm.getByLabel('Task set name', { exact: true }).fill('calckit-history');
  await mineForm.getByLabel('Changes after', { exact: true }).fill(new Date(Date.now() - 86_400_000).toISOString().slice(0, 10));
  await mineForm.getByRole('button', { name: 'Mine tasks' }).click();
  await expect(page.getByLabel('Task set', { exact: true })).toContainText(/calckit-history \(\d+ tasks, calckit\)/, { timeout: 60_000 });
  await teacher.close();
});
