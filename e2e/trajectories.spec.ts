import { expect, test } from '@playwright/test';
import { seedTeam, useSession } from './fixtures';
import { seraRowLine } from '../server/engine/dataset/import/sera-row-fixture';

// A SERA-shaped JSONL (messages with train flags, instance_id): two valid rows, one broken line,
// one row whose PR text carries an HTML payload that must render as text.
const seraRow = (id: string, pr: string, recall: number) => seraRowLine(id, pr, { recall });

test('import a SERA JSONL through the UI, filter in the URL, curate a trajectory; untrusted HTML renders as text', async ({ page, playwright, baseURL }) => {
  test.setTimeout(120_000);
  const team = await seedTeam(playwright, baseURL!, []);
  await useSession(page, team.owner.request);
  await page.goto('/trajectories');
  const payload = '<img src=x onerror="window.__xss=1">Fix the parser';
  const file = [seraRow('calc_calc_1', payload, 1), '{broken', seraRow('calc_calc_2', 'Make sum() handle empty lists', 0.4)].join('\n') + '\n';
  await expect(page.getByLabel('Trajectory file')).toBeEnabled();
  await page.getByLabel('Trajectory file').setInputFiles({ name: 'sera.jsonl', mimeType: 'application/octet-stream', buffer: Buffer.from(file) });
  const status = page.getByTestId('import-status');
  await expect(status).toContainText('succeeded: 2 imported, 0 already present, 1 lines with errors', { timeout: 60_000 });
  await expect(page.getByTestId('import-errors')).toContainText('line 2:');

  // filters live in the URL: a shared link with a search narrows the table to one row
  await page.goto('/trajectories?q=parser');
  const table = page.getByTestId('trajectory-table');
  await expect(table.getByRole('row')).toHaveCount(2); // header + one
  await table.getByRole('link', { name: 'T2' }).first().click();
  await expect(page.getByTestId('pr-text')).toContainText('<img src=x onerror="window.__xss=1">Fix the parser');
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

  // curation: label and exclude
  await page.getByLabel('New label').fill('parser');
  await page.getByRole('button', { name: 'Add label' }).click();
  await expect(page.getByLabel('Labels')).toContainText('parser');
  await page.getByRole('button', { name: 'Exclude' }).click();
  await expect(page.getByTestId('included-state')).toHaveText('Excluded from datasets');
  await page.goto('/trajectories?included=false&label=parser');
  await expect(page.getByTestId('trajectory-table').getByRole('row')).toHaveCount(2);
});
