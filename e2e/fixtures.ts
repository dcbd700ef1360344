// Specs seed their own data through the real API (tRPC + next-auth), never the database.
import { expect, type APIRequestContext, type Page } from '@playwright/test';

let counter = 0;
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${counter++}@example.test`;
}

export const PASSWORD = 'correct horse battery staple';

export async function trpcMutation(request: APIRequestContext, path: string, input: unknown) {
  return request.post(`/api/trpc/${path}`, {
    data: { json: input },
    headers: { 'content-type': 'application/json', 'x-specialist-csrf': '1' },
  });
}

export async function signUpViaApi(request: APIRequestContext, opts: { email?: string; orgName?: string; inviteToken?: string; name?: string } = {}) {
  const email = opts.email ?? uniqueEmail('user');
  const res = await trpcMutation(request, 'auth.signUp', {
    name: opts.name ?? 'Test User',
    email,
    password: PASSWORD,
    orgName: opts.inviteToken ? undefined : (opts.orgName ?? 'Test Org'),
    inviteToken: opts.inviteToken,
  });
  expect(res.status(), await res.text()).toBe(200);
  return email;
}

/** Signs in through next-auth's credentials endpoint; cookies land in `request`'s context. */
export async function signInViaApi(request: APIRequestContext, email: string, password = PASSWORD) {
  const csrf = await (await request.get('/api/auth/csrf')).json();
  const res = await request.post('/api/auth/callback/credentials', {
    form: { csrfToken: csrf.csrfToken, email, password, json: 'true' },
  });
  expect(res.ok()).toBeTruthy();
}

export async function signInPage(page: Page, email: string, password = PASSWORD) {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** An owner plus invited members with the given roles, each with their own API session. */
export async function seedTeam(playwright: import('@playwright/test').PlaywrightWorkerArgs['playwright'], baseURL: string, roles: ('admin' | 'engineer' | 'lead' | 'viewer')[]) {
  const ownerReq = await playwright.request.newContext({ baseURL });
  const owner = await signUpViaApi(ownerReq, { orgName: `Team ${Date.now().toString(36)}`, name: 'Owner' });
  await signInViaApi(ownerReq, owner);
  const members: Record<string, { email: string; request: import('@playwright/test').APIRequestContext }> = { owner: { email: owner, request: ownerReq } };
  for (const role of roles) {
    const email = uniqueEmail(role);
    const inv = await trpcMutation(ownerReq, 'org.invite', { email, role });
    expect(inv.status(), await inv.text()).toBe(200);
    const token = (await inv.json()).result.data.json.token as string;
    const req = await playwright.request.newContext({ baseURL });
    await signUpViaApi(req, { email, inviteToken: token, name: role[0].toUpperCase() + role.slice(1) });
    await signInViaApi(req, email);
    members[role] = { email, request: req };
  }
  return members;
}

/** Copies an API session's cookies into a browser context so a page starts signed in. */
export async function useSession(page: Page, request: APIRequestContext) {
  const state = await request.storageState();
  await page.context().addCookies(state.cookies);
}
