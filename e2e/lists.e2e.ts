import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { browserSuite, shot } from './harness.js';

/** Lists load a page at a time (issue 7, point 22); a department admin has no case queues (point 7). */
const suite = browserSuite();
const { newPage, signIn, api } = suite;
const CASES = 23; // more than one page of 20

const rows = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]`);

test('my cases, the intake queue and my certificates show 20 and load the rest on demand; an admin sees no queues', async () => {
  const citizen = await signIn(await newPage(), '13800000002');
  const ids: string[] = [];
  // 无犯罪记录证明 (public security).
  for (let i = 0; i < CASES; i++) ids.push(await suite.applyByApi(citizen, '000120005000', { purpose: '就业' }, ['M01']));

  await citizen.goto(`${suite.server.url}/my/cases`);
  await rows(citizen, 'load-more').waitFor();
  assert.equal(await rows(citizen, 'case-row').count(), 20);
  await shot(citizen, '50-my-cases-first-page');
  await rows(citizen, 'load-more').click();
  await rows(citizen, 'list-end').waitFor();
  assert.equal(await rows(citizen, 'case-row').count(), CASES);
  assert.match(await rows(citizen, 'list-end').innerText(), new RegExp(`共 ${CASES} 条`));
  await shot(citizen, '51-my-cases-all-loaded');

  const clerk = await signIn(await newPage(), 'ga.clerk');
  await rows(clerk, 'workbench-intake').waitFor();
  await rows(clerk, 'load-more').waitFor();
  assert.equal(await rows(clerk, 'workbench-row').count(), 20);
  assert.match(await rows(clerk, 'workbench-count').innerText(), /已显示 20 件，还有更多/);
  await shot(clerk, '52-workbench-intake-first-page');
  await rows(clerk, 'load-more').click();
  await rows(clerk, 'list-end').waitFor();
  assert.equal(await rows(clerk, 'workbench-row').count(), CASES);
  // Oldest first: the first case submitted heads the queue.
  assert.equal(await rows(clerk, 'workbench-row').first().getAttribute('data-case-id'), ids[0]);

  // Issue a certificate for each case, then the holder's wallet pages too.
  const approver = await signIn(await newPage(), 'ga.approver');
  for (const id of ids) {
    await api(clerk, 'POST', `/api/cases/${id}/accept`, {});
    await api(approver, 'POST', `/api/cases/${id}/approve`, { opinion: '经查询，未发现犯罪记录。' });
  }
  await citizen.goto(`${suite.server.url}/my/licences`);
  await rows(citizen, 'load-more').waitFor();
  assert.equal(await rows(citizen, 'licence-card').count(), 20);
  await shot(citizen, '53-my-licences-first-page');
  await rows(citizen, 'load-more').click();
  await rows(citizen, 'list-end').waitFor();
  assert.equal(await rows(citizen, 'licence-card').count(), CASES);
  await shot(citizen, '54-my-licences-all-loaded');

  // Least privilege: the department admin manages staff and has no case queues.
  const admin = await signIn(await newPage(), 'ga.admin');
  await rows(admin, 'workbench-no-queues').waitFor();
  assert.equal(await rows(admin, 'workbench-row').count(), 0);
  await shot(admin, '55-workbench-admin-no-queues');
});
