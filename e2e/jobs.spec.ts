import { expect, test } from '@playwright/test';
import { seedTeam, trpcMutation, useSession } from './fixtures';

test('backends: the local backend checks ok; a test job runs to success with its log; another is cancelled; the worker API wants a token', async ({ page, playwright, baseURL, request }) => {
  test.setTimeout(120_000);
  const team = await seedTeam(playwright, baseURL!, ['viewer']);
  await useSession(page, team.owner.request);

  await page.goto('/settings');
  await page.getByRole('link', { name: 'Compute backends' }).click();
  const local = page.getByTestId('backend-local');
  await expect(local).toContainText('local');
  await local.getByRole('button', { name: 'Check' }).click();
  await expect(page.getByTestId('check-result')).toContainText('Backend OK');

  // an SSH backend to a closed port: saved with its key hidden, and the check names the cause
  await page.getByRole('button', { name: 'Add a backend' }).click();
  await page.getByLabel('Name').fill('closed box');
  await page.getByLabel('Backend settings JSON').fill(JSON.stringify({ workRoot: '/tmp/x', ssh: { host: '127.0.0.1', port: 1, username: 'x', password: 'pw-secret', strictHostKeyChecking: false } }));
  await page.getByRole('button', { name: 'Save backend' }).click();
  const box = page.getByTestId('backend-closed box');
  await expect(box).toContainText('key stored (ssh.password)');
  await box.getByRole('button', { name: 'Check' }).click();
  await expect(box.getByTestId('check-result')).toContainText('Host unreachable');
  await expect(page.locator('body')).not.toContainText('pw-secret');

  // run the test job from the jobs page and watch it finish
  await page.goto('/runs/jobs');
  await page.getByRole('button', { name: 'Run a test job' }).click();
  const row = page.getByTestId('job-row').first();
  await expect(row.getByTestId('job-state')).toHaveText(/queued|submitting|running/);
  await expect(row.getByTestId('job-state')).toHaveText('running', { timeout: 20_000 });
  await row.getByRole('link', { name: 'Backend test job' }).click();
  await expect(page.getByTestId('job-log')).toContainText('step 1', { timeout: 20_000 });
  await expect(page.getByTestId('job-state')).toHaveText('succeeded', { timeout: 30_000 });
  await expect(page.getByTestId('job-log')).toContainText('step 5');
  await expect(page.getByTestId('job-log')).toContainText('test job finished');
  await expect(page.getByText(/local:/)).toBeVisible();
  // the job itself reported progress to /api/worker/progress with its SPECIALIST_JOB_TOKEN
  await expect(page.getByTitle('5/5')).toBeVisible();

  // a second one is cancelled from its page
  const started = await trpcMutation(team.owner.request, 'jobs.runTest', { seconds: 30 });
  expect(started.status(), await started.text()).toBe(200);
  const jobId = (await started.json()).result.data.json.jobId as string;
  await page.goto(`/runs/jobs/${jobId}`);
  await expect(page.getByTestId('job-state')).toHaveText('running', { timeout: 20_000 });
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Cancel job' }).click();
  await expect(page.getByTestId('job-state')).toHaveText('cancelled');
  await expect(page.getByRole('button', { name: 'Cancel job' })).toHaveCount(0);

  // viewers may not launch or cancel
  expect((await trpcMutation(team.viewer.request, 'jobs.runTest', { seconds: 1 })).status()).toBe(403);
  // the worker API rejects a request without a valid job token
  const anon = await request.post('/api/worker/progress', { data: { done: 1 }, headers: { authorization: 'Bearer nope' } });
  expect(anon.status()).toBe(401);
});
