// Issue #6 acceptance, one user journey: import a mixed file (our exported T1/T2 pair, SERA rows,
// one malformed line) through the UI, see the bad line by number while the rest is kept, filter
// by URL, read a T2's P1-vs-P2 diff with matched/missed lines, bulk-exclude with confirmation,
// then cut a dataset version and download its JSONL.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { makeExportedPair, PAIR_MISSED } from '../server/engine/dataset/import/export-fixture';
import { seedTeam, useSession } from './fixtures';
import { seraRowLine } from '../server/engine/dataset/import/sera-row-fixture';

const seraRow = (id: string, pr: string) => seraRowLine(id, pr, { recall: 1, toolJson: true });

test('curation acceptance: mixed import with a bad line, URL filters, P1/P2 diff, bulk exclude, dataset download', async ({ page, playwright, baseURL }) => {
  test.setTimeout(180_000);
  const team = await seedTeam(playwright, baseURL!, []);
  await useSession(page, team.owner.request);
  const [t1, t2] = makeExportedPair(1);
  const file =
    [
      JSON.stringify(t1), // line 1: our export, rollout 1
      JSON.stringify(t2), // line 2: its rollout 2 (parentKey → line 1)
      seraRow('calc_parser_1', 'Fix the parser for empty input'),
      '{"messages": [oops', // line 4: malformed
      seraRow('calc_parser_2', 'Fix the parser for unicode input'),
      seraRow('calc_sum_1', 'Make sum() handle empty lists'),
    ].join('\n') + '\n';

  // 1. import through the UI: the malformed line is reported by number, the five valid rows kept
  await page.goto('/trajectories');
  const upload = async () => { await expect(page.getByLabel('Trajectory file')).toBeEnabled(); await page.getByLabel('Trajectory file').setInputFiles({ name: 'mixed.jsonl', mimeType: 'application/octet-stream', buffer: Buffer.from(file) }); };
  await upload();
  const status = page.getByTestId('import-status');
  await expect(status).toContainText('succeeded: 5 imported, 0 already present, 1 lines with errors', { timeout: 60_000 });
  await expect(page.getByTestId('import-errors')).toContainText('line 4: invalid JSON');
  const progress = page.getByLabel('Import progress');
  await expect(progress).toHaveAttribute('max', String(Buffer.byteLength(file)));
  await expect(progress).toHaveAttribute('value', String(Buffer.byteLength(file)));
  // re-importing the same file is idempotent
  await page.reload();
  await upload();
  await expect(status).toContainText('succeeded: 0 imported, 5 already present, 1 lines with errors', { timeout: 60_000 });

  // our own export of the same selection streams back the pair with its lineage key
  const exported = (await (await team.owner.request.get(`/api/trajectories/export?q=${t2.instanceId}`)).text()).trim().split('\n').map((l) => JSON.parse(l));
  expect(exported.map((l) => [l.stage, l.key, l.parentKey])).toEqual([['T1', t1.key, null], ['T2', t2.key, t1.key]]);

  // 2. filters live in the URL: only rollout-2 rows
  await page.goto('/trajectories?stage=T2');
  const table = page.getByTestId('trajectory-table');
  await expect(table.getByRole('link', { name: 'T2', exact: true })).toHaveCount(4);
  await expect(table.getByRole('link', { name: 'T1', exact: true })).toHaveCount(0);

  // 3. the imported T2 keeps its lineage and shows P1 vs P2 with matched and missed lines
  await page.goto(`/trajectories?stage=T2&q=${t2.instanceId}`);
  await expect(table.getByRole('link', { name: 'T2', exact: true })).toHaveCount(1);
  await table.getByRole('link', { name: 'T2', exact: true }).click();
  await expect(page.getByTestId('trajectory-meta')).toContainText('recall 0.60 (soft)');
  await expect(page.getByRole('link', { name: 'rollout 1 (T1)' })).toBeVisible();
  await expect(page.getByTestId('pr-text')).toContainText('Make total() accept no argument');
  const patches = page.getByTestId('patch');
  await expect(patches).toHaveCount(2); // P1 (from the T1 parent) and P2
  await expect(patches.first().locator('[data-mark="missed"]')).toHaveText(PAIR_MISSED);
  await expect(patches.first().locator('[data-mark="matched"]')).toHaveCount(3);
  await expect(patches.nth(1).locator('[data-mark="matched"]')).toHaveCount(3);
  await expect(patches.nth(1)).toContainText('+    return sum(list(xs))');

  // 4. bulk exclude everything a search matches, after confirming
  await page.goto('/trajectories?q=parser');
  await expect(table.getByRole('link', { name: 'T2', exact: true })).toHaveCount(2);
  let confirmText = '';
  page.once('dialog', (d) => {
    confirmText = d.message();
    void d.accept();
  });
  await page.getByTestId('bulk-actions').getByRole('button', { name: 'Exclude all' }).click();
  await expect(page.getByTestId('bulk-actions').getByRole('status')).toContainText('Done: Exclude from training, 2 updated.');
  expect(confirmText).toContain('2 matching trajectories');
  await page.goto('/trajectories?included=false');
  await expect(table.getByRole('link', { name: 'T2', exact: true })).toHaveCount(2);

  // 5. a dataset version from the T2 selection holds the included rows; its JSONL downloads
  await page.goto('/datasets?stage=T2');
  await page.getByLabel('Dataset name').fill('acceptance');
  await page.getByRole('button', { name: 'Create version' }).click();
  await expect(page.getByText('Version 1 created with 2 rows.')).toBeVisible();
  const downloading = page.waitForEvent('download');
  await page.getByTestId('dataset-acceptance').getByRole('link', { name: 'Download JSONL' }).click();
  const download = await downloading;
  const rows = readFileSync((await download.path())!, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { instance_id: string; messages: { role: string; train: boolean }[] });
  expect(rows.map((r) => r.instance_id).sort()).toEqual([t2.instanceId, 'calc_sum_1']);
  for (const r of rows) expect(r.messages.some((m) => m.role === 'assistant' && m.train)).toBe(true);
});
