import { expect, test, type Page } from '@playwright/test';
import { seedTeam, trpcMutation, useSession } from './fixtures';

// Model output and repository text are untrusted. Every payload below would run script if any
// view rendered it as HTML; each sets its own window flag so a failure says which one ran.
const P = {
  img: '<img src=x onerror="window.__xss=1">',
  script: '<script>window.__xss=2</script>',
  link: '<a href="javascript:window.__xss=3">click me</a>',
  svg: '"><svg onload="window.__xss=4">',
  iframe: "<iframe srcdoc=\"<script>parent.__xss=5</script>\"></iframe>",
  md: '[docs](javascript:window.__xss=6)',
};
const ALL = Object.values(P).join(' ');

function seraRow(instanceId: string) {
  return JSON.stringify({
    instance_id: instanceId,
    messages: [
      { role: 'system', content: `You are a helpful assistant. ${P.script}`, train: false },
      { role: 'user', content: `Fix the parser ${ALL}`, train: false },
      { role: 'assistant', content: `<think>\n${P.img}\n</think>\n\n<tool_call>\n{"name": "bash", "arguments": {"command": "echo '${P.svg}'"}}\n</tool_call>`, train: true },
      { role: 'user', content: `<tool_response>\nOBSERVATION:\n${P.iframe} ${P.link}\n</tool_response>`, train: false },
    ],
    recall: 0.9,
  });
}

// A SWE-agent .traj document on one line: its submission is the patch the viewer colours line by line.
function sweAgentTraj() {
  const patch = ['diff --git a/x.py b/x.py', '--- a/x.py', '+++ b/x.py', '@@ -1 +1 @@', `-old ${P.img}`, `+new ${P.svg}`, `+${P.script}`].join('\n');
  return JSON.stringify({
    history: [
      { role: 'system', content: 'system' },
      { role: 'user', content: `Traj PR ${P.link}` },
      { role: 'assistant', content: `thought ${P.md}` },
      { role: 'user', content: `observation ${P.iframe}` },
    ],
    info: { exit_status: `submitted ${P.img}`, submission: patch },
  });
}

async function expectNothingInjected(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), 'a payload ran').toBeUndefined();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.locator('svg[onload]')).toHaveCount(0);
  await expect(page.locator('iframe')).toHaveCount(0);
  await expect(page.locator('a[href^="javascript:"]')).toHaveCount(0);
  await expect(page.locator('script:not([src])', { hasText: '__xss' })).toHaveCount(0);
}

test('hostile trajectory content renders as literal text in the browser, table and viewer (XSS)', async ({ page, playwright, baseURL }) => {
  test.setTimeout(120_000);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const team = await seedTeam(playwright, baseURL!, []);
  await useSession(page, team.owner.request);

  const instanceId = `calc_${P.svg}_1`;
  const file = [seraRow(instanceId), sweAgentTraj()].join('\n') + '\n';
  await page.goto('/trajectories');
  // the upload handler is attached at hydration; a file chosen earlier is silently dropped
  await page.waitForLoadState('networkidle');
  await expect(page.getByLabel('Trajectory file')).toBeEnabled();
  await page.getByLabel('Trajectory file').setInputFiles({ name: `${P.img}.jsonl`, mimeType: 'application/octet-stream', buffer: Buffer.from(file) });
  await expect(page.getByTestId('import-status')).toContainText('succeeded: 2 imported', { timeout: 60_000 });

  // the table: exit status is model-reported text
  await page.goto('/trajectories');
  const table = page.getByTestId('trajectory-table');
  await expect(table).toContainText(`submitted ${P.img}`);
  await expectNothingInjected(page);

  // the SERA row: instance id, PR text, assistant and observation messages
  await page.goto(`/trajectories?q=${encodeURIComponent('Fix the parser')}`);
  await expect(table.getByRole('row')).toHaveCount(2);
  await table.getByRole('link', { name: 'T2' }).first().click();
  await expect(page.getByText(instanceId, { exact: false }).first()).toBeVisible();
  await expect(page.getByTestId('pr-text')).toContainText(`Fix the parser ${ALL}`);
  const steps = page.getByTestId('steps');
  await expect(steps).toContainText(P.img);
  await expect(steps).toContainText(P.svg);
  for (const d of await steps.locator('details').all()) await d.evaluate((el) => ((el as HTMLDetailsElement).open = true));
  await expect(steps).toContainText(`${P.iframe} ${P.link}`);
  await expectNothingInjected(page);

  // notes are free text: stored and shown back verbatim
  const notes = page.getByLabel('Notes');
  await Promise.all([page.waitForResponse((r) => r.url().includes('trajectories.curate') && r.ok()), notes.fill(`reviewed ${ALL}`).then(() => notes.blur())]);
  await page.reload();
  await expect(page.getByLabel('Notes')).toHaveValue(`reviewed ${ALL}`);
  await expectNothingInjected(page);

  // the .traj row: patch lines coloured one by one, exit status, messages
  await page.goto(`/trajectories?q=${encodeURIComponent('Traj PR')}`);
  await expect(table.getByRole('row')).toHaveCount(2);
  await table.getByRole('link', { name: 'T2' }).first().click();
  const patch = page.getByTestId('patch');
  await expect(patch).toContainText(`-old ${P.img}`);
  await expect(patch).toContainText(`+new ${P.svg}`);
  await expect(patch).toContainText(`+${P.script}`);
  await expect(page.getByTestId('pr-text')).toContainText(`Traj PR ${P.link}`);
  await expect(page.getByTestId('steps')).toContainText(`thought ${P.md}`);
  await expectNothingInjected(page);

  // dataset names are free text: shown literally on the datasets page
  const name = `ds ${P.svg} ${P.script}`;
  const ds = await trpcMutation(team.owner.request, 'datasets.createVersion', { name, filter: {} });
  expect(ds.status(), await ds.text()).toBe(200);
  await page.goto('/datasets');
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await expectNothingInjected(page);
  expect(dialogs).toEqual([]);
});

test('hostile labels and repository names are refused at the API (XSS)', async ({ page, playwright, baseURL }) => {
  test.setTimeout(60_000);
  const team = await seedTeam(playwright, baseURL!, []);
  const req = team.owner.request;
  await useSession(page, req);

  // names that end up in URLs, file names and YAML are restricted to a safe alphabet
  const repo = await trpcMutation(req, 'repos.connect', { name: P.img, url: '/tmp/nowhere', authKind: 'none' });
  expect(repo.status()).toBe(400);
  expect(await repo.text()).toContain('Use letters, digits, dot, dash or underscore');
  const label = await trpcMutation(req, 'trajectories.curateMatching', { filter: {}, addLabels: [P.svg] });
  expect(label.status()).toBe(400);

  await page.goto('/repos');
  await expectNothingInjected(page);
});

test('the pre-paint theme script is a static file (no inline HTML), reachable signed out', async ({ page, playwright, baseURL }) => {
  const anon = await playwright.request.newContext({ baseURL });
  const res = await anon.get('/theme-init.js', { maxRedirects: 0 });
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toContain('javascript');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/signin');
  await expect(page.locator('html')).toHaveClass(/dark/);
  await anon.dispose();
});
