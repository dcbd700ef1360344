import { expect, test } from '@playwright/test';
import { seedTeam, useSession } from './fixtures';
import { seraRowLine } from '../server/engine/dataset/import/sera-row-fixture';

// Three SERA-shaped rows; one word ("quuxfile") appears only in a tool observation message.
const seraRow = (id: string, pr: string, recall: number, observation: string) => seraRowLine(id, pr, { recall, observation });

test('browser: a filter chip from the URL, sort by recall from the header, search a message word, save and reapply a view', async ({ page, playwright, baseURL }) => {
  test.setTimeout(120_000);
  const team = await seedTeam(playwright, baseURL!, []);
  await useSession(page, team.owner.request);
  const file = [seraRow('calc_a', 'Fix the parser', 1, 'quuxfile.py'), seraRow('calc_b', 'Make sum handle empty lists', 0.4, 'setup.py'), seraRow('calc_c', 'Speed up the tokenizer', 0.7, 'setup.py')].join('\n') + '\n';
  // seeded through the real upload route (the UI upload itself is covered by trajectories.spec.ts)
  const up = await team.owner.request.post('/api/trajectories/import?name=browser.jsonl', { data: Buffer.from(file), headers: { 'x-specialist-csrf': '1', 'content-type': 'application/octet-stream' } });
  expect(up.status(), await up.text()).toBe(202);
  const { jobId } = (await up.json()) as { jobId: string };
  await expect(async () => {
    const res = await team.owner.request.get(`/api/trpc/trajectories.importStatus?input=${encodeURIComponent(JSON.stringify({ json: { jobId } }))}`);
    const job = (await res.json()).result.data.json as { state: string; progress: { imported?: number } };
    expect([job.state, job.progress.imported]).toEqual(['succeeded', 3]);
  }).toPass({ timeout: 60_000 });

  // a filter in a shared link shows as a chip; removing the chip widens the table
  await page.goto('/trajectories?minRecall=0.5');
  const table = page.getByTestId('trajectory-table');
  const chips = page.getByTestId('filter-chips');
  await expect(chips.getByRole('button', { name: 'Min recall: 0.5' })).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(3); // header + two
  await expect(page.getByTestId('trajectory-total')).toContainText('2 trajectories');
  // the export link carries the same filter, and the route answers with exactly those rows
  const exportHref = await page.getByRole('link', { name: 'Export these trajectories (JSONL)' }).getAttribute('href');
  expect(exportHref).toBe('/api/trajectories/export?minRecall=0.5');
  const exported = await page.request.get(exportHref!);
  expect((await exported.text()).trim().split('\n')).toHaveLength(2);
  await chips.getByRole('button', { name: 'Min recall: 0.5' }).click();
  await expect(page).not.toHaveURL(/minRecall/);
  await expect(table.getByRole('row')).toHaveCount(4);

  // sort by clicking the Recall header: descending first, then ascending; the URL keeps it
  const recallHeader = table.getByRole('columnheader', { name: 'Recall' });
  await recallHeader.getByRole('button').click();
  await expect(page).toHaveURL(/sort=recall&dir=desc/);
  await expect(recallHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(table.getByRole('row').nth(1)).toContainText('1.00');
  await recallHeader.getByRole('button').click();
  await expect(page).toHaveURL(/sort=recall&dir=asc/);
  await expect(recallHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(table.getByRole('row').nth(1)).toContainText('0.40');

  // keyboard: j moves the focused row (focus is on the header button, not a text field)
  await page.keyboard.press('j');
  await expect(table.getByRole('row').nth(2)).toHaveAttribute('aria-selected', 'true');

  // full-text search reaches a word that only appears in a tool observation
  await page.getByLabel('Search', { exact: true }).fill('quuxfile');
  await page.getByLabel('Search', { exact: true }).press('Enter');
  await expect(page).toHaveURL(/q=quuxfile/);
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('row').nth(1)).toContainText('1.00');

  // save the selection as a view, clear everything, then reapply the view
  await page.getByTestId('saved-views').locator('summary').click();
  await page.getByLabel('View name').fill('Quux work');
  await page.getByRole('button', { name: 'Save view' }).click();
  await expect(page.getByTestId('saved-views').getByRole('status')).toContainText('Saved “Quux work”');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page).not.toHaveURL(/q=/);
  await expect(table.getByRole('row')).toHaveCount(4);
  await page.goto('/trajectories');
  // the browser streams in (Suspense): until React swaps it into place its HTML exists twice
  await expect(page.getByTestId('saved-views')).toHaveCount(1);
  await page.getByTestId('saved-views').locator('summary').click();
  await page.getByTestId('saved-views').getByRole('button', { name: 'Quux work', exact: true }).click();
  await expect(page).toHaveURL(/q=quuxfile&sort=recall&dir=asc/);
  await expect(page.getByTestId('trajectory-table').getByRole('row')).toHaveCount(2);
  await expect(page.getByTestId('filter-chips').getByRole('button', { name: 'Search: quuxfile' })).toBeVisible();
});

test('browser: scrolling loads keyset pages until every row is there, each once (NULLs last), and the separate count enables bulk actions', async ({ page, playwright, baseURL }) => {
  test.setTimeout(180_000);
  const team = await seedTeam(playwright, baseURL!, []);
  await useSession(page, team.owner.request);
  // 230 rows = three 100-row pages; recall has ties (5 values) and rows without one, so the
  // cursor crosses tie groups and the NULL boundary of a NULLS LAST sort
  const n = 230;
  const file = Array.from({ length: n }, (_, i) => seraRowLine(`scroll_${i}`, `PR ${i}`, i % 7 === 0 ? {} : { recall: (i % 5) / 4 })).join('\n') + '\n';
  const up = await team.owner.request.post('/api/trajectories/import?name=scroll.jsonl', { data: Buffer.from(file), headers: { 'x-specialist-csrf': '1', 'content-type': 'application/octet-stream' } });
  expect(up.status(), await up.text()).toBe(202);
  const { jobId } = (await up.json()) as { jobId: string };
  await expect(async () => {
    const res = await team.owner.request.get(`/api/trpc/trajectories.importStatus?input=${encodeURIComponent(JSON.stringify({ json: { jobId } }))}`);
    const job = (await res.json()).result.data.json as { state: string; progress: { imported?: number } };
    expect([job.state, job.progress.imported]).toEqual(['succeeded', n]);
  }).toPass({ timeout: 90_000 });

  await page.goto('/trajectories?sort=recall&dir=asc');
  const total = page.getByTestId('trajectory-total');
  await expect(total).toContainText(`${n} trajectories · 100 loaded`);
  await expect(page.getByTestId('trajectory-table').getByRole('row').nth(1).getByRole('cell').nth(3)).toHaveText('0.00');
  await expect(page.getByTestId('bulk-actions').getByRole('button', { name: 'Exclude all' })).toBeEnabled();
  const scroll = page.getByTestId('trajectory-scroll');
  // keep scrolling to the end until nothing is left to load: "N trajectories" with no "loaded"
  await expect(async () => {
    await scroll.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect(total).toHaveText(new RegExp(`^${n} trajectories · j/k`), { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByTestId('trajectory-table')).toHaveAttribute('aria-rowcount', String(n + 1));
  // the last rows of an ascending NULLS LAST sort are the ones without a recall
  const lastRow = page.getByTestId('trajectory-table').getByRole('row').last();
  await expect(lastRow.getByRole('cell').nth(3)).toHaveText('—');
});
