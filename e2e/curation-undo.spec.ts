// Undo where cheap: a bulk exclude (or label) over everything a filter matches can be taken
// back with one click right after it; each row returns to its own previous state.
import { expect, test } from '@playwright/test';
import { seraRowLine } from '../server/engine/dataset/import/sera-row-fixture';
import { seedTeam, useSession } from './fixtures';

test('a bulk exclude is undone with one click and the rows are back as they were', async ({ page, playwright, baseURL }) => {
  test.setTimeout(120_000);
  const team = await seedTeam(playwright, baseURL!, []);
  await useSession(page, team.owner.request);
  const file = ['calc_undo_1', 'calc_undo_2', 'calc_keep_3'].map((id) => seraRowLine(id, id.includes('undo') ? 'Fix the undo parser' : 'Keep sum()', { recall: 1, toolJson: true })).join('\n') + '\n';
  await page.goto('/trajectories');
  await expect(page.getByLabel('Trajectory file')).toBeEnabled();
  await page.getByLabel('Trajectory file').setInputFiles({ name: 'undo.jsonl', mimeType: 'application/octet-stream', buffer: Buffer.from(file) });
  await expect(page.getByTestId('import-status')).toContainText('succeeded: 3 imported', { timeout: 60_000 });

  // one row is excluded by hand first: undoing the bulk action must leave it excluded
  await page.goto('/trajectories?q=calc_keep_3');
  page.once('dialog', (d) => d.accept());
  await page.getByTestId('bulk-actions').getByRole('button', { name: 'Exclude all' }).click();
  await expect(page.getByTestId('bulk-result')).toContainText('Done: Exclude from training, 1 updated.');

  await page.goto('/trajectories?q=undo');
  const rows = page.getByTestId('trajectory-table').getByRole('link', { name: 'T2', exact: true });
  await expect(rows).toHaveCount(2);
  page.once('dialog', (d) => d.accept());
  await page.getByTestId('bulk-actions').getByRole('button', { name: 'Exclude all' }).click();
  const result = page.getByTestId('bulk-result');
  await expect(result).toContainText('Done: Exclude from training, 2 updated.');
  await result.getByRole('button', { name: 'Undo' }).click();
  await expect(result).toContainText('Undone: 2 trajectories are back as they were before “Exclude from training”.');
  await expect(result.getByRole('button', { name: 'Undo' })).toHaveCount(0);

  // only the row excluded by hand before is still excluded
  await page.goto('/trajectories?included=false');
  await expect(rows).toHaveCount(1);
  await expect(page.getByTestId('trajectory-table')).toContainText('calc_keep_3');
});
