import { expect, test } from '@playwright/test';
import { seedTeam, useSession } from './fixtures';

// A rollout longer than the viewer opens by default (50 steps) arrives as step headers; the
// bodies follow (streamed at the end of the page) and the token counts in a request of their own. Keyboard, expand/
// collapse all and text-only rendering must hold for those late bodies too.
const STEPS = 60;
const HOSTILE = '<img src=x onerror="window.__xss=1">';

function longRow(instanceId: string) {
  const messages = [
    { role: 'system', content: 'You are a helpful assistant.', train: false },
    { role: 'user', content: 'Make total() accept no argument', train: false },
  ];
  for (let i = 0; i < STEPS; i++) {
    messages.push({ role: 'assistant', content: `<think>\nlook at file ${i}\n</think>\n\n<tool_call>\n{"name": "bash", "arguments": {"command": "cat file_${i}.py"}}\n</tool_call>`, train: true });
    messages.push({ role: 'user', content: `<tool_response>\nOBSERVATION:\ncontents of file_${i}.py ${i === STEPS - 1 ? HOSTILE : ''}\n</tool_response>`, train: false });
  }
  return JSON.stringify({ instance_id: instanceId, messages, recall: 1 });
}

test('a 60-step rollout: headers first, bodies on open, j/k/o, expand/collapse all, token counts, text only', async ({ page, playwright, baseURL }) => {
  test.setTimeout(120_000);
  const team = await seedTeam(playwright, baseURL!, []);
  await useSession(page, team.owner.request);
  await page.goto('/trajectories');
  await page.waitForLoadState('networkidle');
  await expect(page.getByLabel('Trajectory file')).toBeEnabled();
  await page.getByLabel('Trajectory file').setInputFiles({ name: 'long.jsonl', mimeType: 'application/octet-stream', buffer: Buffer.from(`${longRow('calc_long_1')}\n`) });
  await expect(page.getByTestId('import-status')).toContainText('succeeded: 1 imported', { timeout: 60_000 });

  await page.goto('/trajectories');
  await page.getByTestId('trajectory-table').getByRole('link', { name: 'T2' }).first().click();
  const steps = page.getByTestId('step');
  await expect(steps).toHaveCount(STEPS);
  // collapsed, with their headlines (server-rendered) and, once counted, their tokens
  await expect(steps.first().getByRole('button', { expanded: false })).toContainText('bash cat file_0.py');
  await expect(steps.nth(STEPS - 1)).toContainText(`#${STEPS}`);
  await expect(page.getByTestId('steps')).not.toContainText('Observation');
  await expect(steps.first()).toContainText(/\d+ \+ \d+ tokens/);
  await expect(page.getByTestId('steps-tokens')).toContainText(/[\d,]+ tokens \([\d,]+ in the system prompt and task\)/);

  // keyboard: j twice, o opens the third step with its body
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await expect(steps.nth(2)).toHaveAttribute('aria-current', 'step');
  await page.keyboard.press('o');
  await expect(steps.nth(2).getByRole('button').first()).toHaveAttribute('aria-expanded', 'true');
  await expect(steps.nth(2)).toContainText('Observation');
  await expect(steps.nth(2)).toContainText('contents of file_2.py');
  await page.keyboard.press('k');
  await expect(steps.nth(1)).toHaveAttribute('aria-current', 'step');
  await page.keyboard.press('p');
  await expect(steps.nth(0)).toHaveAttribute('aria-current', 'step');
  await page.keyboard.press('n');
  await expect(steps.nth(1)).toHaveAttribute('aria-current', 'step');

  await page.getByRole('button', { name: 'Expand all' }).click();
  await expect(steps.nth(STEPS - 1)).toContainText(`contents of file_${STEPS - 1}.py ${HOSTILE}`);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await page.getByRole('button', { name: 'Collapse all' }).click();
  await expect(page.getByTestId('steps')).not.toContainText('Observation');
});
