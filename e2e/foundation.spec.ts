import { expect, test } from '@playwright/test';
import { PASSWORD, signInPage, signInViaApi, signUpViaApi, trpcMutation, uniqueEmail } from './fixtures';

test('sign up creates an organization and opens the dashboard shell', async ({ page }) => {
  const email = uniqueEmail('owner');
  await page.goto('/repos');
  await expect(page).toHaveURL(/\/signin/);
  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.getByLabel('Your name').fill('Olivia Owner');
  await page.getByLabel('Work email').fill(email);
  await page.getByLabel('Password').fill('short');
  await page.getByLabel('Organization name').fill('Acme Research');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Use at least 10 characters')).toBeVisible();
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();

  await expect(page).toHaveURL(/\/repos/);
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const item of ['Repos', 'Runs', 'Trajectories', 'Datasets', 'Training', 'Evaluations', 'Costs', 'Settings'])
    await expect(nav.getByRole('link', { name: item })).toBeVisible();
  await expect(page.getByLabel('Organization', { exact: true })).toHaveValue(/.+/);
  await expect(page.getByLabel('Organization', { exact: true }).locator('option:checked')).toHaveText('Acme Research');

  // keyboard: "g" then "s" opens settings
  await page.keyboard.press('g');
  await page.keyboard.press('s');
  await expect(page).toHaveURL(/\/settings/);
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText('Trajectories');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId(`member-${email}`)).toContainText('owner');

  // dark mode toggles and persists
  await page.getByRole('button', { name: /mode/ }).click();
  const dark = await page.evaluate(() => document.documentElement.classList.contains('dark'));
  await page.reload();
  expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(dark);

  // the same email cannot sign up twice
  const dup = await trpcMutation(page.request, 'auth.signUp', { name: 'X', email, password: PASSWORD, orgName: 'Other' });
  expect(dup.status()).toBe(409);
});

test('sign in rejects a wrong password and accepts the right one', async ({ page, request }) => {
  const email = await signUpViaApi(request);
  await signInPage(page, email, 'not the password at all');
  await expect(page.getByText('Wrong email or password.')).toBeVisible();
  await signInPage(page, email);
  await expect(page).toHaveURL(/\/repos/);
  await page.getByRole('button', { name: 'Test User' }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto('/settings');
  await expect(page).toHaveURL(/\/signin/);
});

test('an owner invites a viewer, who joins and is restricted', async ({ page, browser }) => {
  const owner = await signUpViaApi(page.request, { orgName: 'Invite Co' });
  await signInViaApi(page.request, owner);
  await page.goto('/settings');
  const viewerEmail = uniqueEmail('viewer');
  await page.getByLabel('Email').fill(viewerEmail);
  await page.getByLabel('Role', { exact: true }).selectOption('viewer');
  await page.getByRole('button', { name: 'Create invitation' }).click();
  const link = await page.getByTestId('invite-link').innerText();
  expect(link).toMatch(/\/invite\//);
  await expect(page.getByText(`${viewerEmail} · viewer`)).toBeVisible();

  const ctx = await browser.newContext();
  const vp = await ctx.newPage();
  await vp.goto(link);
  await expect(vp).toHaveURL(/\/signup\?invite=/);
  await expect(vp.getByText('You are joining')).toContainText('Invite Co');
  await vp.getByLabel('Your name').fill('Victor Viewer');
  await expect(vp.getByLabel('Work email')).toHaveValue(viewerEmail);
  await vp.getByLabel('Password').fill(PASSWORD);
  await vp.getByRole('button', { name: 'Create account' }).click();
  await expect(vp).toHaveURL(/\/repos/);
  await expect(vp.getByLabel('Organization', { exact: true }).locator('option:checked')).toHaveText('Invite Co');
  await vp.goto('/settings');
  await expect(vp.getByText('Only owners and admins can manage members.')).toBeVisible();
  await expect(vp.getByRole('button', { name: 'Create invitation' })).toHaveCount(0);
  // the server enforces it too, not just the UI
  const res = await trpcMutation(vp.request, 'org.invite', { email: uniqueEmail('sneaky'), role: 'owner' });
  expect(res.status()).toBe(403);
  await ctx.close();

  // the owner sees the new member and promotes them
  await page.reload();
  await expect(page.getByTestId(`member-${viewerEmail}`)).toContainText('Victor Viewer');
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('org.changeRole') && r.ok()),
    page.getByLabel(`Role of ${viewerEmail}`).selectOption('engineer'),
  ]);
  await page.reload();
  await expect(page.getByLabel(`Role of ${viewerEmail}`)).toHaveValue('engineer');
  const auditLog = page.getByTestId('audit-log');
  await expect(auditLog).toContainText('member.invite');
  await expect(auditLog).toContainText('member.join');
  await expect(auditLog).toContainText('member.role_change');
});

test('a user can create a second organization and switch between them', async ({ page }) => {
  const email = await signUpViaApi(page.request, { orgName: 'First Org' });
  await signInViaApi(page.request, email);
  await page.goto('/settings');
  await page.getByLabel('Organization name').fill('Second Org');
  await page.getByRole('button', { name: 'Create organization' }).click();
  await expect(page.getByLabel('Organization', { exact: true }).locator('option:checked')).toHaveText('Second Org');
  await page.getByLabel('Organization', { exact: true }).selectOption({ label: 'First Org' });
  await expect(page.getByLabel('Organization', { exact: true }).locator('option:checked')).toHaveText('First Org');
  await page.reload();
  await expect(page.getByLabel('Organization', { exact: true }).locator('option:checked')).toHaveText('First Org');
});

test('mutations without the CSRF header or from another origin are refused', async ({ request }) => {
  const body = { json: { name: 'X', email: uniqueEmail('csrf'), password: PASSWORD, orgName: 'Csrf Org' } };
  const noHeader = await request.post('/api/trpc/auth.signUp', { data: body, headers: { 'content-type': 'text/plain' } });
  expect(noHeader.status()).toBe(403);
  const crossSite = await request.post('/api/trpc/auth.signUp', {
    data: body,
    headers: { 'content-type': 'application/json', 'x-specialist-csrf': '1', origin: 'https://evil.example' },
  });
  expect(crossSite.status()).toBe(403);
  expect(await crossSite.text()).toContain('CSRF');
});

test('hostile names render as text, never as HTML (XSS)', async ({ page }) => {
  const payload = '<img src=x onerror="window.__xss=1">';
  const email = await signUpViaApi(page.request, { name: payload, orgName: `<script>window.__xss=2</script>` });
  await signInViaApi(page.request, email);
  await page.goto('/settings');
  await expect(page.getByTestId(`member-${email}`)).toContainText(payload);
  await expect(page.getByLabel('Organization', { exact: true }).locator('option:checked')).toHaveText('<script>window.__xss=2</script>');
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
});
