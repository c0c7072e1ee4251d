import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { browserSuite, shot } from './harness.js';

/**
 * The demo city as a visitor finds it after `npm start`: the demo people's cases are already there
 * (src/server/demo/cases.ts), so 我的办件, the bell, the drafts and the workbench queues show work.
 */
const suite = browserSuite({ demoCases: true });
const { newPage, signIn } = suite;

const rows = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]`);

test('张三 finds his cases, a draft and unread messages; the staff find their queues filled', async () => {
  const zhang = await signIn(await newPage(), '13800000001');
  await zhang.goto(`${suite.server.url}/my/cases`);
  await rows(zhang, 'case-row').first().waitFor();
  assert.deepEqual((await rows(zhang, 'case-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).sort(), ['accepted', 'completed', 'submitted', 'supplement_requested']);
  assert.equal(await zhang.getByTestId('notification-bell').getAttribute('data-count'), '4');
  await shot(zhang, 'demo-01-my-cases');
  await zhang.getByTestId('mycases-tab-drafts').click();
  await rows(zhang, 'draft-row').first().waitFor();
  assert.equal(await rows(zhang, 'draft-row').count(), 1);
  await shot(zhang, 'demo-01-my-drafts');

  await zhang.getByTestId('notification-bell').click();
  await zhang.waitForURL((u) => u.pathname === '/my/notifications');
  await rows(zhang, 'notification-row').first().waitFor();
  assert.equal(await rows(zhang, 'notification-row').count(), 4);
  await shot(zhang, 'demo-02-message-centre');

  const li = await signIn(await newPage(), '13800000002');
  await li.goto(`${suite.server.url}/my/cases`);
  await rows(li, 'case-row').first().waitFor();
  assert.equal(await rows(li, 'case-row').count(), 3);
  await shot(li, 'demo-03-my-cases-clocks');

  const clerk = await signIn(await newPage(), 'ga.clerk');
  await clerk.goto(`${suite.server.url}/workbench?tab=intake`);
  await rows(clerk, 'workbench-row').first().waitFor();
  assert.equal(await rows(clerk, 'workbench-row').count(), 1);
  await shot(clerk, 'demo-04-workbench-intake');

  const gaApprover = await signIn(await newPage(), 'ga.approver');
  await gaApprover.goto(`${suite.server.url}/workbench?tab=department`);
  await rows(gaApprover, 'workbench-row').first().waitFor();
  assert.deepEqual((await gaApprover.locator('[data-testid="workbench-row"] [data-testid="clock-tag"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-colour')))).sort(), ['green', 'red', 'yellow']);
  await gaApprover.waitForLoadState('networkidle');
  await shot(gaApprover, 'demo-05-workbench-department-clocks');

  for (const approver of ['wj.approver', 'scjg.approver']) {
    const page = await signIn(await newPage(), approver);
    await page.goto(`${suite.server.url}/workbench?tab=approval`);
    await rows(page, 'workbench-row').first().waitFor();
    await shot(page, `demo-06-workbench-approval-${approver.split('.')[0]}`);
  }

  const supervisor = await signIn(await newPage(), 'zwfw.supervisor');
  await supervisor.goto(`${suite.server.url}/workbench?tab=alarms`);
  await rows(supervisor, 'workbench-row').first().waitFor();
  assert.equal(await rows(supervisor, 'workbench-row').count(), 2);
  await shot(supervisor, 'demo-07-supervisor-alarms');
});
