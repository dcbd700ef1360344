// The upload takes every format a user has: SERA Parquet (a bad row reported by its row
// number), a pretty-printed SWE-agent .traj (id from the file name, patch lines from the
// submission); an unsupported file type is refused with a clear message.
import { expect, test } from '@playwright/test';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { seedTeam, useSession } from './fixtures';

const messages = (pr: string) => [
  { role: 'system', content: 'You are a helpful assistant.', train: false },
  { role: 'user', content: pr, train: false },
  { role: 'assistant', content: '<think>\nlook\n</think>\n\n<tool_call>\n{"name": "bash", "arguments": {"command": "ls"}}\n</tool_call>', train: true },
];

test('upload SERA Parquet and a SWE-agent .traj through the UI; other file types are refused', async ({ page, playwright, baseURL }) => {
  test.setTimeout(120_000);
  const team = await seedTeam(playwright, baseURL!, []);
  await useSession(page, team.owner.request);
  await page.goto('/trajectories');
  const input = page.getByLabel('Trajectory file');
  const status = page.getByTestId('import-status');
  await expect(input).toBeEnabled();

  await input.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  await expect(page.getByRole('alert').filter({ hasText: 'Unsupported file type' })).toContainText('Unsupported file type "notes.txt": upload .jsonl, .json, .traj, .parquet');

  const parquet = parquetWriteBuffer({
    columnData: [
      { name: 'messages', data: [JSON.stringify(messages('Parquet row one')), '[]', JSON.stringify(messages('Parquet row three'))], type: 'STRING' },
      { name: 'instance_id', data: ['pq_1', 'pq_2', 'pq_3'], type: 'STRING' },
    ],
    rowGroupSize: 2,
  });
  await input.setInputFiles({ name: 'train-00000-of-00001.parquet', mimeType: 'application/octet-stream', buffer: Buffer.from(parquet) });
  await expect(status).toContainText('succeeded: 2 imported, 0 already present, 1 rows with errors', { timeout: 60_000 });
  await expect(page.getByTestId('import-errors')).toContainText('row 2: not a SERA training row: messages: messages must not be empty');

  const traj = { history: [{ role: 'system', content: 'sys' }, { role: 'user', content: [{ type: 'text', text: 'Fix the traj parser' }] }, { role: 'assistant', content: 'done' }], info: { exit_status: 'submitted', submission: 'diff --git a/a.py b/a.py\n--- a/a.py\n+++ b/a.py\n-x\n+y\n' } };
  await input.setInputFiles({ name: 'calc_traj_1.traj', mimeType: 'application/octet-stream', buffer: Buffer.from(JSON.stringify(traj, null, 2)) });
  await expect(status).toContainText('succeeded: 1 imported, 0 already present, 0 records with errors', { timeout: 60_000 });

  await page.goto('/trajectories?q=calc_traj_1');
  const table = page.getByTestId('trajectory-table');
  await expect(table.getByRole('link', { name: 'T2', exact: true })).toHaveCount(1);
  await expect(table).toContainText('submitted');
  await page.goto('/trajectories?q=pq_');
  await expect(table.getByRole('link', { name: 'T2', exact: true })).toHaveCount(2);
});
