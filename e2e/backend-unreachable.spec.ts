import { expect, test } from '@playwright/test';
import { seedTeam, trpcMutation, useSession } from './fixtures';
import { closedPort } from '../server/testing/closed-port';

test('a job on an unreachable backend is marked failed and its page says why; Retry tries again', async ({ page, playwright, baseURL }) => {
  test.setTimeout(90_000);
  const team = await seedTeam(playwright, baseURL!, []);
  const req = team.owner.request;
  const port = await closedPort();
  const saved = await trpcMutation(req, 'backends.save', { name: 'down box', kind: 'ssh', config: { workRoot: '/tmp/x', ssh: { host: '127.0.0.1', port, username: 'x', password: 'pw-unreachable-1', strictHostKeyChecking: false, readyTimeoutMs: 3000 } } });
  expect(saved.status(), await saved.text()).toBe(200);
  const backendId = (await saved.json()).result.data.json.id as string;
  const started = await trpcMutation(req, 'jobs.runTest', { backendId, seconds: 1 });
  expect(started.status(), await started.text()).toBe(200);
  const jobId = (await started.json()).result.data.json.jobId as string;

  await useSession(page, req);
  await page.goto(`/runs/jobs/${jobId}`);
  await expect(page.getByTestId('job-state')).toHaveText('failed', { timeout: 40_000 });
  await expect(page.getByText(new RegExp(`(ECONNREFUSED|refused|unreachable).*${port}|${port}.*(ECONNREFUSED|refused|unreachable)`, 'i')).first()).toBeVisible();
  await expect(page.getByTestId('job-log')).toContainText('attempt 1 failed');

  // the list shows the reason too
  await page.goto('/runs/jobs');
  await expect(page.getByTestId('job-row').filter({ hasText: 'down box' }).first()).toContainText(/failed/);

  // a retry is a second attempt, which fails for the same reason
  await page.goto(`/runs/jobs/${jobId}`);
  await page.getByRole('button', { name: /Retry/ }).click();
  await expect(page.getByTestId('job-log')).toContainText('attempt 2 failed', { timeout: 40_000 });
  await expect(page.getByTestId('job-state')).toHaveText('failed');
  await expect(page.locator('body')).not.toContainText('pw-unreachable-1');
});
