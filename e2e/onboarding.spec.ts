import { expect, test } from '@playwright/test';
import { startScriptedTeacher } from '../server/engine/agent';
import { seedTeam, trpcMutation, useSession } from './fixtures';
import { makePythonRepo } from './python-repo';

test('an engineer onboards a local Python repository and submits a plan; a lead approves; viewers cannot', async ({ page, playwright, baseURL, browser }) => {
  const team = await seedTeam(playwright, baseURL!, ['engineer', 'lead', 'viewer']);
  const repoDir = makePythonRepo();
  const llm = await startScriptedTeacher({}); // the scripted teacher: a fake LLM
  await useSession(page, team.engineer.request);

  await page.goto('/repos');
  await page.getByRole('link', { name: 'Connect a repository' }).first().click();
  await expect(page).toHaveURL(/\/repos\/new/);

  // 1. connect: a wrong path is refused with a specific message and nothing is created
  await page.getByLabel('Name', { exact: true }).fill('inventory');
  await page.getByLabel('Repository', { exact: true }).fill('/no/such/repository');
  await page.getByLabel('None (public or local path)', { exact: true }).check();
  await page.getByRole('button', { name: 'Check and connect' }).click();
  await expect(page.getByText(/Repository not found/).first()).toBeVisible();
  const listed = await (await team.engineer.request.get('/api/trpc/repos.list')).json();
  expect(listed.result.data.json).toEqual([]);

  await page.getByLabel('Repository', { exact: true }).fill(repoDir);
  await page.getByRole('button', { name: 'Check and connect' }).click();

  // 2. snapshot
  await expect(page.getByRole('heading', { name: /2\. Snapshot/ })).toBeVisible();
  await page.getByLabel('Commits', { exact: true }).fill('2');
  await page.getByRole('button', { name: 'Save and continue' }).click();

  // 3. code map, 4. environment
  await expect(page.getByRole('heading', { name: /3\. Code map/ })).toBeVisible();
  await expect(page.getByTestId('code-map')).toContainText('Package folders: inventory');
  await expect(page.getByTestId('function-total')).toHaveText('4'); // Stock.__init__, add, remove, total
  await expect(page.getByTestId('code-map')).toContainText('inventory/stock.py::Stock.remove');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('heading', { name: /4\. Environment/ })).toBeVisible();
  await page.getByLabel('Python version', { exact: true }).fill('three');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByText('Like 3.10 or 3.12')).toBeVisible();
  await page.getByLabel('Python version', { exact: true }).fill('3.11');
  // a failing install gets specific advice; the real one runs green in the sandbox
  await page.getByLabel('Install commands (one per line, run in order)', { exact: true }).fill('python -c "import numpy"');
  await page.getByLabel('Test command', { exact: true }).fill('');
  await page.getByRole('button', { name: 'Test install' }).click();
  await expect(page.getByTestId('install-state')).toContainText('failed', { timeout: 60_000 });
  await expect(page.getByText('Module numpy is not installed')).toBeVisible();
  await page.getByLabel('Install commands (one per line, run in order)', { exact: true }).fill('python -m compileall -q inventory');
  await page.getByLabel('Test command', { exact: true }).fill('python -c "import inventory.stock; print(\'imported ok\')"');
  await page.getByRole('button', { name: 'Test install' }).click();
  await expect(page.getByTestId('install-state')).toContainText('Install works', { timeout: 60_000 });
  await expect(page.getByTestId('install-log')).toContainText('imported ok');
  await page.getByRole('button', { name: 'Save and continue' }).click();

  // 5. teacher: check against the fake LLM endpoint
  await expect(page.getByRole('heading', { name: /5\. Teacher/ })).toBeVisible();
  await page.getByLabel('Preset', { exact: true }).selectOption('openai-compatible');
  await page.getByLabel('Endpoint URL', { exact: true }).fill(llm.url);
  await page.getByLabel('Model', { exact: true }).fill('not-served');
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(page.getByTestId('teacher-checks')).toContainText(`not-served is not among: ${llm.model}`);
  await page.getByLabel('Model', { exact: true }).fill(llm.model);
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(page.getByTestId('teacher-checks')).toContainText('Native tool call returned');
  await page.getByRole('button', { name: 'Save and continue' }).click();

  // 6. filters, 7. review
  await expect(page.getByRole('heading', { name: /6\. Filters/ })).toBeVisible();
  await page.getByLabel('Target training samples', { exact: true }).fill('2000');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('heading', { name: /7\. Review/ })).toBeVisible();
  await expect(page.getByText('2 on main')).toBeVisible();
  // the estimate is priced from the catalog; pricing the teacher as GLM-4.5-Air changes it
  await expect(page.getByTestId('estimate-total')).toHaveText(/^\$[\d,]+$/);
  await page.getByLabel('Price the teacher as', { exact: true }).selectOption('GLM-4.5-Air');
  // 2,000 samples at 50% yield: 4,000 × $0.0358 + 2,000 × $0.056 = $255
  await expect(page.getByTestId('estimate-total')).toHaveText('$255');
  await page.getByRole('button', { name: 'Submit plan for approval' }).click();
  await expect(page).toHaveURL(/\/costs\?plan=/);
  await expect(page.getByText('submitted', { exact: true })).toBeVisible();
  await expect(page.getByText('Waiting for a lead to review.')).toBeVisible();
  await expect(page.getByTestId('plan-total')).toHaveText('$255');
  const planId = new URL(page.url()).searchParams.get('plan')!;

  // launching before approval is refused by the server
  const early = await trpcMutation(team.engineer.request, 'plans.launch', { planId });
  expect(early.status()).toBe(412);

  // a viewer sees no review buttons and the API refuses
  const viewerCtx = await browser.newContext();
  const viewerPage = await viewerCtx.newPage();
  await useSession(viewerPage, team.viewer.request);
  await viewerPage.goto('/costs');
  await expect(viewerPage.getByText('inventory: 2,000 samples')).toBeVisible();
  await expect(viewerPage.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  const viewerTry = await trpcMutation(team.viewer.request, 'plans.review', { planId, decision: 'approve' });
  expect(viewerTry.status()).toBe(403);
  await viewerCtx.close();

  // the lead approves in the UI
  const leadCtx = await browser.newContext();
  const leadPage = await leadCtx.newPage();
  await useSession(leadPage, team.lead.request);
  await leadPage.goto('/costs');
  await leadPage.getByRole('button', { name: 'Reject' }).click();
  await expect(leadPage.getByText('Say why you reject the plan')).toBeVisible();
  await leadPage.getByLabel('Review comment', { exact: true }).fill('Looks right for a first run');
  await leadPage.getByRole('button', { name: 'Approve' }).click();
  await expect(leadPage.getByText('approved', { exact: true })).toBeVisible();
  await leadCtx.close();

  // now the engineer can launch
  await page.reload();
  const launchRes = page.waitForResponse((r) => r.url().includes('plans.launch') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Launch' }).click();
  await expect(page.getByText('launched', { exact: true })).toBeVisible();
  const launched = await (await launchRes).json();
  const { jobId } = (Array.isArray(launched) ? launched[0] : launched).result.data.json as { jobId: string };
  // clean up: the 2,000-sample run would go on against the closed fake teacher and hold the
  // worker's generation queue for the specs after this one
  expect((await trpcMutation(team.engineer.request, 'runs.cancel', { jobId })).status()).toBe(200);
  await llm.close();
});

test('connect explains a wrong token, an unreachable host and a metadata-address teacher, creating nothing', async ({ page, playwright, baseURL }) => {
  const { startTestGitHttpServer } = await import('../server/testing/git-http-server');
  const { execFileSync } = await import('node:child_process');
  const path = await import('node:path');
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const team = await seedTeam(playwright, baseURL!, ['engineer']);
  const src = makePythonRepo();
  const root = mkdtempSync(path.join(tmpdir(), 'e2e-gitsrv-'));
  execFileSync('git', ['clone', '-q', '--bare', src, path.join(root, 'private.git')]);
  const git = await startTestGitHttpServer(root, 'the-right-token');
  await useSession(page, team.engineer.request);
  await page.goto('/repos/new');

  await page.getByLabel('Name', { exact: true }).fill('private');
  await page.getByLabel('Repository', { exact: true }).fill(`${git.url}/private.git`);
  await page.getByLabel('Token', { exact: true }).fill('a-wrong-token');
  await page.getByRole('button', { name: 'Check and connect' }).click();
  await expect(page.getByText(/Authentication failed/).first()).toBeVisible();
  await expect(page.locator('body')).not.toContainText('a-wrong-token');

  await page.getByLabel('Repository', { exact: true }).fill('https://127.0.0.1:9/nowhere.git');
  await page.getByRole('button', { name: 'Check and connect' }).click();
  await expect(page.getByText(/Could not reach the git server/).first()).toBeVisible();

  const listed = await (await team.engineer.request.get('/api/trpc/repos.list')).json();
  expect(listed.result.data.json).toEqual([]);

  // the right token connects; then a teacher URL on the cloud metadata address is refused
  await page.getByLabel('Repository', { exact: true }).fill(`${git.url}/private.git`);
  await page.getByLabel('Token', { exact: true }).fill('the-right-token');
  await page.getByRole('button', { name: 'Check and connect' }).click();
  await expect(page.getByRole('heading', { name: /2\. Snapshot/ })).toBeVisible();
  const repoId = new URL(page.url()).searchParams.get('repo')!;
  const res = await trpcMutation(team.engineer.request, 'repos.checkTeacher', { repoId, baseUrl: 'http://169.254.169.254/v1', model: 'x' });
  expect(res.status()).toBe(400);
  expect(await res.text()).toContain('cloud metadata address');
  // the stored token never comes back from the API
  const repo = await (await team.engineer.request.get(`/api/trpc/repos.get?input=${encodeURIComponent(JSON.stringify({ json: { repoId } }))}`)).text();
  expect(repo).not.toContain('the-right-token');
  expect(repo).toContain('"hasCredential":true');

  // repository page: a wrong replacement token is refused, the old one keeps working; delete needs the name
  await page.goto(`/repos/${repoId}`);
  await page.getByLabel('New token', { exact: true }).fill('still-wrong');
  await page.getByRole('button', { name: 'Check and replace' }).click();
  await expect(page.getByText(/Authentication failed/).first()).toBeVisible();
  await page.getByLabel('New token', { exact: true }).fill('the-right-token');
  await page.getByRole('button', { name: 'Check and replace' }).click();
  await expect(page.getByText('The new credential works and is stored.')).toBeVisible();
  const del = page.getByRole('button', { name: 'Delete', exact: true });
  await expect(del).toBeDisabled();
  await page.getByLabel('Repository name', { exact: true }).fill('private');
  await del.click();
  await expect(page).toHaveURL(/\/repos$/);
  await expect(page.getByText('No repositories yet')).toBeVisible();
  await git.stop();
});

test('a repository without Python functions is stopped at the code map with an actionable message', async ({ page, playwright, baseURL }) => {
  const team = await seedTeam(playwright, baseURL!, ['engineer']);
  const repoDir = makePythonRepo({ withFunctions: false });
  await useSession(page, team.engineer.request);
  await page.goto('/repos/new');
  await page.getByLabel('Name', { exact: true }).fill('constants-only');
  await page.getByLabel('Repository', { exact: true }).fill(repoDir);
  await page.getByLabel('None (public or local path)', { exact: true }).check();
  await page.getByRole('button', { name: 'Check and connect' }).click();
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByRole('heading', { name: /3\. Code map/ })).toBeVisible();
  await expect(page.getByTestId('function-total')).toHaveText('0');
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByText(/No Python functions found in inventory/).first()).toBeVisible();
  await expect(page.getByRole('heading', { name: /3\. Code map/ })).toBeVisible();
});
