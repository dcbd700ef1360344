import { expect, test, type APIRequestContext } from '@playwright/test';
import { seedTeam, trpcMutation, useSession } from './fixtures';

// SERA-shaped rows (messages with train flags): one trained tool-call turn per step.
function seraRow(id: string, task: string, steps = 2) {
  const messages = [
    { role: 'system', content: 'You are a helpful assistant.', train: false },
    { role: 'user', content: task, train: false },
  ];
  for (let i = 0; i < steps; i++) {
    messages.push({ role: 'assistant', content: `<think>\nstep ${i}: look around\n</think>\n\n<tool_call>\n{"name": "bash", "arguments": {"command": "ls src${i}"}}\n</tool_call>`, train: true });
    messages.push({ role: 'user', content: `<tool_response>\nOBSERVATION:\n${Array.from({ length: 30 }, (_, k) => `file_${i}_${k}.py`).join('\n')}\n</tool_response>`, train: false });
  }
  return JSON.stringify({ instance_id: id, messages });
}
const jsonl = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => seraRow(`${prefix}_${i}`, `${prefix} task ${i}`)).join('\n') + '\n';

async function trpcQuery(request: APIRequestContext, path: string, input: unknown) {
  const res = await request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()).result.data.json;
}

test('a dataset version from mix rules: live counts, specific errors, token preview, JSONL download; the step timeline', async ({ page, playwright, baseURL }) => {
  test.setTimeout(180_000);
  const team = await seedTeam(playwright, baseURL!, []);
  const req = team.owner.request;
  await useSession(page, req);

  // specialized rows through the UI import
  await page.goto('/trajectories');
  await expect(page.getByLabel('Trajectory file')).toBeEnabled();
  await page.getByLabel('Trajectory file').setInputFiles({ name: 'calckit.jsonl', mimeType: 'application/octet-stream', buffer: Buffer.from(jsonl('calckit', 4)) });
  await expect(page.getByTestId('import-status')).toContainText('succeeded: 4 imported', { timeout: 60_000 });

  // general rows (published SERA data) through the upload API, then labelled as general
  const up = await req.post('/api/trajectories/import?name=sera-general.jsonl', { data: Buffer.from(jsonl('sera', 4)), headers: { 'x-specialist-csrf': '1', 'content-type': 'application/octet-stream' } });
  expect(up.status(), await up.text()).toBe(202);
  const { jobId } = await up.json();
  await expect.poll(async () => (await trpcQuery(req, 'trajectories.importStatus', { jobId })).state, { timeout: 60_000 }).toBe('succeeded');
  const lab = await trpcMutation(req, 'trajectories.curateMatching', { filter: { jobId }, addLabels: ['sera-general'] });
  expect(lab.status(), await lab.text()).toBe(200);

  await page.goto('/datasets');
  await page.getByLabel('Dataset name', { exact: true }).fill('calckit-mix');
  const preview = page.getByTestId('mix-preview');
  await expect(page.getByTestId('mix-summary')).toContainText('Selects 8 rows (0 T1, 8 T2)');

  // a T2 fraction needs T1 rows: said live, before anything is created
  await page.getByLabel('T2 fraction (optional)').fill('0.5');
  await expect(preview).toContainText('A T2 fraction of 0.5 needs both T1 and T2 rows: 0 T1 and 8 T2 are available.');
  await expect(page.getByRole('button', { name: 'Create version' })).toBeDisabled();
  await page.getByLabel('T2 fraction (optional)').fill('');

  // general data at a specialization ratio: too low a ratio needs more general rows than exist
  await page.getByLabel('Mix in general data (e.g. imported SERA rows)').check();
  await page.getByLabel('General rows labelled').fill('sera-general');
  await page.getByLabel('Specialization ratio').fill('0.4');
  await expect(preview).toContainText('needs 6 general rows, but only 4 match the general selection');
  await page.getByLabel('Specialization ratio').fill('0.5');
  await expect(page.getByTestId('mix-summary')).toContainText('Selects 8 rows (0 T1, 4 T2, 4 general)');
  await expect(page.getByTestId('mix-summary')).toContainText('specialization ratio 0.50');
  await page.getByRole('button', { name: 'Create version' }).click();
  await expect(page.getByText(/Version 1 created with 8 rows\./)).toBeVisible();

  const version = page.getByTestId('dataset-calckit-mix').getByTestId('version-1');
  await expect(version.getByTestId('version-recipe')).toContainText('general data ({"label":"sera-general"}, no repository) at specialization ratio 0.5');

  // the token preview of the version's first row: trained vs context tokens
  await version.getByText('Token preview (trained vs context, 32K cut)').click();
  const summary = version.getByTestId('token-summary');
  await expect(summary).toContainText(/\d+ trained \/ \d+ tokens/);
  await expect(summary).toContainText('fits in 32,768 tokens');
  const [trained, total] = ((await summary.textContent()) ?? '').match(/([\d,]+) trained \/ ([\d,]+) tokens/)!.slice(1).map((x) => Number(x.replace(/,/g, '')));
  expect(trained).toBeGreaterThan(0);
  expect(trained).toBeLessThan(total);
  await expect(version.getByTestId('token-message')).toHaveCount(6);

  // the download: all eight rows, Axolotl-ready
  const href = await version.getByRole('link', { name: 'Download JSONL' }).getAttribute('href');
  const dl = await page.request.get(href!);
  expect(dl.status()).toBe(200);
  const rows = (await dl.text()).trim().split('\n').map((l) => JSON.parse(l));
  expect(rows).toHaveLength(8);
  expect(dl.headers()['x-specialist-skipped']).toBe('0');
  expect(rows[0].messages.filter((m: { train: boolean }) => m.train)).toHaveLength(2);

  // the step timeline of one trajectory: parsed tool calls, token counts, folding, keyboard
  const list = await trpcQuery(req, 'runs.trajectories', { q: 'calckit task 0' });
  await page.goto(`/trajectories/${list.rows[0].id}`);
  const steps = page.getByTestId('step');
  await expect(steps).toHaveCount(2);
  await expect(steps.first()).toContainText('bash ls src0');
  await expect(steps.first()).toContainText(/\d+ \+ \d+ tokens/);
  await expect(steps.first().getByRole('button', { name: 'Show all 31 lines of the observation' })).toBeVisible();
  await expect(steps.first()).not.toContainText('file_0_29.py');
  await steps.first().getByRole('button', { name: 'Show all 31 lines of the observation' }).click();
  await expect(steps.first()).toContainText('file_0_29.py');
  await page.keyboard.press('j');
  await expect(steps.nth(1)).toHaveAttribute('aria-current', 'step');
  await page.keyboard.press('o');
  await expect(steps.nth(1)).not.toContainText('Observation');
  await page.getByRole('button', { name: 'Expand all' }).click();
  await expect(steps.nth(1)).toContainText('Observation');
  await page.getByText('Training row tokens (Qwen3: trained vs context, 32K truncation)').click();
  await expect(page.getByTestId('token-summary')).toContainText(/\d+ trained \/ \d+ tokens/);
});
