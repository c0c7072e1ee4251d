import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { browserSuite, shot } from './harness.js';
import { runDeadlineWatch } from '../src/modules/cases/index.js';

/** 限时办结 on the workbench: 特别程序 and 延期 from the case page, the colour tag and filter, the supervisor's alarms. */
const suite = browserSuite();
const { newPage, signIn, api } = suite;

const byId = (page: Page, id: string) => page.getByTestId(id);

test('an approver pauses a case for a special procedure and asks for an extension; the head approves it; lists filter by colour; the supervisor sees the overdue case', async () => {
  const citizen = await signIn(await newPage(), '13800000002');
  // 无犯罪记录证明: 1 promised, 3 statutory working days.
  const id = await suite.applyByApi(citizen, '000120005000', { purpose: '就业' }, ['M01']);
  const clerk = await signIn(await newPage(), 'ga.clerk');
  await api(clerk, 'POST', `/api/cases/${id}/accept`, {});

  const approver = await signIn(await newPage(), 'ga.approver');
  await approver.goto(`${suite.server.url}/workbench/cases/${id}`);
  await byId(approver, 'clock-card').waitFor();
  assert.match(await byId(approver, 'clock-card').innerText(), /承诺时限/);
  assert.equal(await byId(approver, 'clock-tag').getAttribute('data-colour'), 'green');

  // 特别程序: start, then end.
  await byId(approver, 'action-special_start').click();
  await byId(approver, 'special-reason').fill('需组织专家评审');
  await byId(approver, 'modal-ok-special_start').click();
  await byId(approver, 'clock-paused').waitFor();
  assert.match(await byId(approver, 'clock-paused').innerText(), /特别程序进行中/);
  await shot(approver, '90-clock-special-procedure');
  await byId(approver, 'action-special_end').click();
  await byId(approver, 'modal-ok-special_end').click();
  await byId(approver, 'clock-paused').waitFor({ state: 'detached' });

  // 延期: beyond the statutory limit is refused with the room left; within it, it waits for the head.
  await byId(approver, 'action-extension_request').click();
  await byId(approver, 'extension-days').fill('5');
  await byId(approver, 'extension-reason').fill('需补充核查');
  await byId(approver, 'modal-ok-extension_request').click();
  await byId(approver, 'clock-modal-error').waitFor();
  assert.match(await byId(approver, 'clock-modal-error').innerText(), /法定时限 3 个工作日.*最多还可延期 2 个工作日/);
  await shot(approver, '91-clock-extension-beyond-limit');
  await byId(approver, 'extension-days').fill('2');
  await byId(approver, 'modal-ok-extension_request').click();
  await byId(approver, 'clock-extension-pending').waitFor();
  assert.equal(await byId(approver, 'action-extension_approve').count(), 0);

  const head = await signIn(await newPage(), 'ga.head');
  await head.goto(`${suite.server.url}/workbench/cases/${id}`);
  await byId(head, 'action-extension_approve').click();
  await byId(head, 'modal-ok-extension_approve').click();
  await byId(head, 'clock-extension-pending').waitFor({ state: 'detached' });
  assert.match(await byId(head, 'clock-extension-days').innerText(), /2 个工作日/);
  assert.equal((await byId(head, 'clock-history').innerText()).match(/启动特别程序|特别程序结束|申请延期|批准延期/g)?.length, 4);
  await shot(head, '92-clock-extension-approved');

  // The watch, a month on: the case is overdue. The lists filter by colour on the server.
  await runDeadlineWatch(suite.server.database.db, '2099-01-05');
  await approver.goto(`${suite.server.url}/workbench?tab=department&colour=red`);
  await approver.locator(`[data-testid="workbench-row"][data-case-id="${id}"]`).waitFor();
  assert.equal(await approver.locator('[data-testid="workbench-row"] [data-testid="clock-tag"][data-colour="green"]').count(), 0);
  await shot(approver, '93-clock-workbench-red-filter');
  await byId(approver, 'colour-filter-green').click();
  await byId(approver, 'workbench-department').waitFor();
  await approver.waitForFunction((caseId) => !document.querySelector(`[data-testid="workbench-row"][data-case-id="${caseId}"]`), id);

  const supervisor = await signIn(await newPage(), 'zwfw.supervisor');
  await supervisor.goto(`${suite.server.url}/workbench?tab=alarms`);
  await supervisor.locator(`[data-testid="workbench-row"][data-case-id="${id}"]`).waitFor();
  await shot(supervisor, '94-clock-supervisor-alarms');

  // The applicant sees the clock on their case too.
  await citizen.goto(`${suite.server.url}/my/cases/${id}`);
  await byId(citizen, 'clock-card').waitFor();
  assert.equal(await byId(citizen, 'clock-tag').getAttribute('data-colour'), 'red');
});
