import { expect, test } from '@playwright/test';
import { seedTeam, trpcMutation, useSession } from './fixtures';

test('the price catalog starts from the paper and admins can edit it; viewers cannot', async ({ page, playwright, baseURL }) => {
  const team = await seedTeam(playwright, baseURL!, ['viewer']);
  await useSession(page, team.owner.request);
  await page.goto('/costs');
  const catalog = page.getByTestId('price-catalog');
  await expect(catalog).toContainText('Claude Sonnet 3.7');
  await expect(catalog.getByRole('row', { name: /GLM-4.6/ })).toContainText('$0.60');
  await expect(catalog.getByRole('row', { name: /H100/ })).toContainText('$2.00');

  await page.getByRole('button', { name: 'Edit GLM-4.6' }).click();
  await page.getByLabel('Output $/M', { exact: true }).fill('-1');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Output price cannot be negative')).toBeVisible();
  await page.getByLabel('Output $/M', { exact: true }).fill('2.5');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(catalog.getByRole('row', { name: /GLM-4.6/ })).toContainText('$2.50');

  await page.getByRole('button', { name: 'Add a price' }).click();
  await page.getByLabel('Kind', { exact: true }).selectOption('gpu');
  await page.getByLabel('Price name', { exact: true }).fill('A100 80GB');
  await page.getByLabel('$/GPU-hour', { exact: true }).fill('1.4');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(catalog.getByRole('row', { name: /A100 80GB/ })).toContainText('$1.40');

  // scenarios: self-hosted H100 vs GLM-4.5-Air API for 8,000 samples at 50% yield
  await page.getByRole('button', { name: 'Compare' }).click();
  const results = page.getByTestId('scenario-results');
  await expect(results.getByRole('row', { name: /H100 80GB/ })).toContainText('$2,528');
  await expect(results.getByRole('row', { name: /GLM-4.5-Air/ })).toContainText('$1,021');
  await page.getByLabel('Scenario 2 yield', { exact: true }).fill('0');
  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(page.getByText(/yield must be above 0/)).toBeVisible();

  const viewerPage = await (await page.context().browser()!.newContext()).newPage();
  await useSession(viewerPage, team.viewer.request);
  await viewerPage.goto('/costs');
  await expect(viewerPage.getByTestId('price-catalog')).toContainText('A100 80GB');
  await expect(viewerPage.getByRole('button', { name: /Edit / })).toHaveCount(0);
  const res = await trpcMutation(team.viewer.request, 'prices.upsert', { kind: 'gpu', name: 'Cheap', gpuHourUsd: 0.01 });
  expect(res.status()).toBe(403);
});
