import { expect, test } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startScriptedTeacher } from '../server/engine/agent';
import { createPythonFixtureRepo } from '../server/testing/fixtures/python-repo';
import { seedTeam, trpcMutation, useSession } from './fixtures';

async function ok(res: Awaited<ReturnType<typeof trpcMutation>>) {
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()).result.data.json;
}

// Who did what, as an owner sees it in Settings: an engineer submits and launches, a lead
// approves, the run is cancelled, secrets change (teacher key, backend password), members change.
// Secret values never appear in the log.
test('approvals, launches, cancels, secret and member changes land in the audit log, without secret values', async ({ page, playwright, baseURL }) => {
  test.setTimeout(120_000);
  const team = await seedTeam(playwright, baseURL!, ['engineer', 'lead', 'viewer']);
  const eng = team.engineer.request;
  const teacher = await startScriptedTeacher({ apiKey: 'sk-audit-e2e-secret-1234' });
  try {
    const repo = await createPythonFixtureRepo(path.join(mkdtempSync(path.join(tmpdir(), 'e2e-audit-')), 'calckit'));
    const { id: repoId } = await ok(await trpcMutation(eng, 'repos.connect', { name: 'calckit', url: repo.dir, authKind: 'none' }));
    await ok(await trpcMutation(eng, 'repos.saveSnapshot', { repoId, branch: 'main', mode: 'auto', count: 2, lookbackDays: 365, pinned: [] }));
    await ok(await trpcMutation(eng, 'repos.saveCodeMap', { repoId, include: [], exclude: [] }));
    await ok(await trpcMutation(eng, 'repos.saveEnvironment', { repoId, pythonVersion: '3.11', installCommands: ['python -m compileall -q calckit'], testCommand: '', skipPackages: [] }));
    await ok(await trpcMutation(eng, 'repos.saveTeacher', { repoId, preset: 'openai-compatible', baseUrl: teacher.url, model: teacher.model, apiKey: 'sk-audit-e2e-secret-1234', hosting: 'api' }));
    await ok(await trpcMutation(eng, 'repos.saveFilters', { repoId, recallThreshold: 0.5, maxPatchLines: 40, maxToolOutputTokens: 600, t2Share: 0.5, targetSamples: 200, contextLength: 32768 }));
    const plan = await ok(await trpcMutation(eng, 'plans.submitFromRepo', { repoId, priceName: 'GLM-4.6' }));
    // the engineer cannot approve their own plan; the lead can
    expect((await trpcMutation(eng, 'plans.review', { planId: plan.id, decision: 'approve' })).status()).toBe(403);
    await ok(await trpcMutation(team.lead.request, 'plans.review', { planId: plan.id, decision: 'approve', comment: 'go ahead' }));
    const launched = await ok(await trpcMutation(eng, 'plans.launch', { planId: plan.id }));
    await ok(await trpcMutation(eng, 'runs.cancel', { jobId: launched.jobId }));

    // secret and member changes by the owner
    await ok(await trpcMutation(team.owner.request, 'backends.save', { name: 'gpu box', kind: 'ssh', config: { workRoot: '/tmp/x', ssh: { host: '127.0.0.1', port: 1, username: 'x', password: 'pw-audit-e2e-secret', strictHostKeyChecking: false } } }));
    const list = (await (await team.owner.request.get('/api/trpc/org.members')).json()).result.data.json as { members: { id: string; email: string }[] };
    const viewer = list.members.find((m) => m.email === team.viewer.email)!;
    await ok(await trpcMutation(team.owner.request, 'org.changeRole', { membershipId: viewer.id, role: 'engineer' }));
    await ok(await trpcMutation(team.owner.request, 'org.removeMember', { membershipId: viewer.id }));

    await useSession(page, team.owner.request);
    await page.goto('/settings');
    const log = page.getByTestId('audit-log');
    for (const action of ['plan.submit', 'plan.approve', 'plan.launch', 'job.launch', 'job.cancel', 'secret.set', 'backend.create', 'member.invite', 'member.join', 'member.role_change', 'member.remove'])
      await expect(log, action).toContainText(action);
    // who: the approval is the lead's, the launch the engineer's
    await expect(log.getByRole('row').filter({ hasText: 'plan.approve' })).toContainText('Lead');
    await expect(log.getByRole('row').filter({ hasText: 'plan.launch' })).toContainText('Engineer');
    await expect(log.getByRole('row').filter({ hasText: 'secret.set' }).first()).toContainText(/teacher_api_key|ssh\.password/);
    await expect(page.locator('body')).not.toContainText('sk-audit-e2e-secret-1234');
    await expect(page.locator('body')).not.toContainText('pw-audit-e2e-secret');
  } finally {
    await teacher.close();
  }
});
