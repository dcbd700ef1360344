import { expect, test } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startScriptedTeacher } from '../server/engine/agent';
import { createPythonFixtureRepo } from '../server/testing/fixtures/python-repo';
import { seedTeam, trpcMutation, useSession } from './fixtures';

async function ok(res: Awaited<ReturnType<typeof trpcMutation>>) {
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()).result.data.json;
}

/** A repository configured through the same API the wizard uses, priced with GLM-4.6. */
async function plannedRepo(req: Parameters<typeof trpcMutation>[0], teacher: { url: string; model: string }, name: string, budgetCapUsd?: number) {
  const repo = await createPythonFixtureRepo(path.join(mkdtempSync(path.join(tmpdir(), 'e2e-gen-')), name));
  const { id: repoId } = await ok(await trpcMutation(req, 'repos.connect', { name, url: repo.dir, authKind: 'none' }));
  await ok(await trpcMutation(req, 'repos.saveSnapshot', { repoId, branch: 'main', mode: 'auto', count: 2, lookbackDays: 365, pinned: [] }));
  await ok(await trpcMutation(req, 'repos.saveCodeMap', { repoId, include: [], exclude: [] }));
  await ok(await trpcMutation(req, 'repos.saveEnvironment', { repoId, pythonVersion: '3.11', installCommands: ['python -m compileall -q calckit'], testCommand: '', skipPackages: [] }));
  await ok(await trpcMutation(req, 'repos.saveTeacher', { repoId, preset: 'openai-compatible', baseUrl: teacher.url, model: teacher.model, hosting: 'api' }));
  await ok(await trpcMutation(req, 'repos.saveFilters', { repoId, recallThreshold: 0.5, maxPatchLines: 40, maxToolOutputTokens: 600, t2Share: 0.5, targetSamples: 10, contextLength: 32768 }));
  const plan = await ok(await trpcMutation(req, 'plans.submitFromRepo', { repoId, priceName: 'GLM-4.6', budgetCapUsd }));
  await ok(await trpcMutation(req, 'plans.review', { planId: plan.id, decision: 'approve', comment: 'go' }));
  return { planId: plan.id as string, repoId: repoId as string };
}

test('launching an approved plan runs SVG in the sandbox against the scripted teacher (fake LLM); trajectories, recall and lineage are browsable', async ({ page, playwright, baseURL }) => {
  test.setTimeout(180_000);
  const team = await seedTeam(playwright, baseURL!, []);
  const teacher = await startScriptedTeacher({});
  const { planId, repoId } = await plannedRepo(team.owner.request, teacher, 'calckit');
  await useSession(page, team.owner.request);

  await page.goto(`/costs?plan=${planId}`);
  await page.getByRole('button', { name: 'Launch' }).click();
  await expect(page.getByText('launched', { exact: true })).toBeVisible();

  await page.goto('/runs');
  await page.getByRole('link', { name: 'Generation' }).first().click();
  const summary = page.getByTestId('run-summary');
  await expect(summary).toContainText('succeeded', { timeout: 120_000 });
  await expect(page.getByTestId('run-statuses')).toContainText('complete T1/T2 pairs');
  await expect(summary).toContainText(/spent \$0\.\d+/); // GLM-4.6 prices × the teacher's reported tokens

  await page.getByRole('link', { name: "Browse this run's trajectories" }).click();
  await expect(page).toHaveURL(/jobId=/);
  await expect(page.getByTestId('recall-histogram')).toBeVisible();
  await expect(page.getByTestId('threshold-summary')).toContainText(/\d+ of \d+ T2 trajectories have recall ≥ 0\.5/);
  const table = page.getByTestId('trajectory-table');
  await page.getByLabel('Stage').selectOption('T2');
  await expect(page).toHaveURL(/stage=T2/);
  await table.getByRole('link', { name: 'T2' }).first().click();
  await expect(page.getByTestId('trajectory-meta')).toContainText('recall 1.00 (hard)');
  await expect(page.getByTestId('pr-text')).toContainText('None');
  await expect(page.locator('[data-testid=patch] [data-mark=matched]').first()).toBeVisible();
  await page.getByRole('link', { name: 'rollout 1 (T1)' }).click();
  await expect(page.getByText('Vague request (rollout 1)')).toBeVisible();
  await expect(page.getByTestId('steps')).toContainText('tool_call');

  // bulk curation on everything matching the filters: exclude all T1 rows, then find them excluded
  await page.goto(`/trajectories?stage=T1`);
  page.once('dialog', (d) => d.accept());
  await page.getByTestId('bulk-actions').getByRole('button', { name: 'Exclude all' }).click();
  await expect(page.getByTestId('bulk-actions').getByRole('status')).toContainText(/Done: Exclude from training, \d+ updated/);
  await page.goto('/trajectories?stage=T1&included=true');
  await expect(page.getByText('No trajectories match')).toBeVisible();

  // a dataset version from the browser's selection, downloaded as Axolotl-ready JSONL
  await page.goto('/trajectories?stage=T2');
  await page.getByRole('link', { name: 'Create a dataset from this selection' }).click();
  await expect(page.getByTestId('dataset-filter')).toContainText('"stage":"T2"');
  await page.getByLabel('Dataset name', { exact: true }).fill('calckit-t2');
  await page.getByRole('button', { name: 'Create version' }).click();
  await expect(page.getByText(/Version 1 created with \d+ rows\./)).toBeVisible();
  const href = await page.getByTestId('dataset-calckit-t2').getByRole('link', { name: 'Download JSONL' }).getAttribute('href');
  const dl = await page.request.get(href!);
  expect(dl.status()).toBe(200);
  const rows = (await dl.text()).trim().split('\n').map((l) => JSON.parse(l));
  expect(rows.length).toBe(Number(dl.headers()['x-specialist-rows']));
  expect(rows.length).toBeGreaterThan(0);
  expect(rows[0].messages.filter((m: { train: boolean }) => m.train).length).toBeGreaterThan(0);

  // the org's own token profile now replaces the paper's defaults in estimates
  const est = await team.owner.request.get(`/api/trpc/plans.estimateForRepo?input=${encodeURIComponent(JSON.stringify({ json: { repoId, priceName: 'GLM-4.6' } }))}`);
  const assumptions = (await est.json()).result.data.json.estimate.assumptions as { key: string; source: string }[];
  expect(assumptions.find((a) => a.key === 'outputTokens')?.source).toBe('measured');
  await teacher.close();
});

test('a run stops at its budget cap and says so', async ({ page, playwright, baseURL }) => {
  test.setTimeout(180_000);
  const team = await seedTeam(playwright, baseURL!, []);
  const teacher = await startScriptedTeacher({});
  const { planId } = await plannedRepo(team.owner.request, teacher, 'capped', 0.001);
  await ok(await trpcMutation(team.owner.request, 'plans.launch', { planId }));
  await useSession(page, team.owner.request);
  await page.goto('/runs');
  await page.getByRole('link', { name: 'Generation' }).first().click();
  await expect(page.getByText(/Stopped at the budget cap of \$0\.00 \(spent \$0\.\d+\)/)).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('run-summary')).toContainText('cancelled');
  await teacher.close();
});
