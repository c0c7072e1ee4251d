import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { createDepartment, createItem, createPerson, createStaff } from '../src/test/factories.js';
import { browserSuite, pdfFile as pdf, shot } from './harness.js';

const suite = browserSuite();
const { newPage, signIn } = suite;

const t = (zh: string, en: string) => ({ zh, en });
const status = (page: Page, s: string) => page.locator(`[data-testid="status-tag"][data-status="${s}"]`).first().waitFor();

test('the applicant’s side: a draft resumed and sent, a notice with an "other" item answered (same file flagged), a withdrawal, 我的办件 on desktop and phone', async () => {
  const { db } = suite.server.database;
  const dept = await createDepartment(db);
  const item = await createItem(db, dept.id, {
    name: t('草稿测试事项', 'Draft test item'),
    materials: [
      { code: 'M01', name: t('身份证明', 'ID'), required: true, description: t('扫描件', 'Scan'), accept: ['pdf'], maxBytes: 1 << 20, source: 'applicant', form: 'electronic', medium: 'electronic' },
      { code: 'M02', name: t('场所证明', 'Premises'), required: false, description: t('扫描件', 'Scan'), accept: ['pdf'], maxBytes: 1 << 20, source: 'applicant', form: 'electronic', medium: 'electronic' },
    ],
  });
  const person = await createPerson(db, { name: '孙草稿' });
  const clerkAccount = await createStaff(db, dept.id, ['clerk']);

  // ---- A draft: typed, a file chosen, saved by itself; the applicant leaves and comes back.
  const citizen = await newPage();
  await signIn(citizen, person.phone, person.password);
  await citizen.goto(`${suite.server.url}/apply/${item.id}`);
  await citizen.getByTestId('apply-form').waitFor();
  await citizen.getByTestId('field-purpose').fill('开办小吃店');
  await citizen.getByTestId('upload-M01').setInputFiles(pdf('身份证.pdf'));
  await citizen.getByTestId('upload-result-M01').waitFor();
  await citizen.locator('[data-testid="draft-status"][data-state="saved"]').waitFor();
  assert.match(await citizen.getByTestId('draft-status').innerText(), /已保存/);
  await shot(citizen, 'mycases-01-draft-saved');

  await citizen.goto(`${suite.server.url}/my/cases`);
  await citizen.getByTestId('mycases-tab-drafts').click();
  const draftRow = citizen.locator(`[data-testid="draft-row"][data-item-id="${item.id}"]`);
  await draftRow.waitFor();
  assert.match(await draftRow.innerText(), /草稿测试事项/);
  await draftRow.getByTestId('draft-resume').click();
  await citizen.getByTestId('draft-resumed').waitFor();
  assert.equal(await citizen.getByTestId('field-purpose').inputValue(), '开办小吃店');
  assert.match(await citizen.getByTestId('upload-result-M01').innerText(), /身份证\.pdf/);
  await citizen.getByTestId('submit-button').click();
  const caseNo = (await citizen.getByTestId('created-case-no').innerText()).trim();
  const caseUrl = citizen.url();
  const caseId = new URL(caseUrl).pathname.split('/').pop()!;
  // Sent: the draft is gone.
  await citizen.goto(`${suite.server.url}/my/cases`);
  await citizen.getByTestId('mycases-tab-drafts').click();
  await citizen.getByTestId('drafts-empty').waitFor();

  // ---- The clerk asks for two items at once, one of them "other" (no material).
  const clerk = await newPage();
  await signIn(clerk, clerkAccount.username, clerkAccount.password);
  await clerk.goto(`${suite.server.url}/workbench/cases/${caseId}`);
  await clerk.getByTestId('action-supplement').click();
  await clerk.getByTestId('supplement-check-M01').click();
  await clerk.getByTestId('supplement-reason-M01').fill('身份证明照片模糊');
  await clerk.getByTestId('supplement-other-check').click();
  await clerk.getByTestId('supplement-other-reason').fill('补充租赁合同首页');
  await clerk.getByTestId('modal-ok-supplement').click();
  await status(clerk, 'supplement_requested');

  // ---- The citizen sees both, and a slot for each.
  await citizen.goto(caseUrl);
  await citizen.getByTestId('supplement-notice').waitFor();
  assert.equal(await citizen.getByTestId('supplement-item').count(), 2);
  await citizen.getByTestId('action-resubmit').click();
  await citizen.getByTestId('resubmit-panel').waitFor();
  await citizen.getByTestId('material-other-1-1').waitFor();
  assert.match(await citizen.getByTestId('material-other-1-1').innerText(), /补充租赁合同首页/);
  // The same file again: flagged before sending; a new one is not.
  await citizen.getByTestId('upload-M01').setInputFiles(pdf('身份证.pdf'));
  await citizen.getByTestId('same-file-M01').waitFor();
  assert.match(await citizen.getByTestId('same-file-M01').innerText(), /此文件与上次提交的文件相同/);
  await shot(citizen, 'mycases-02-same-file-warning');
  await citizen.getByTestId('upload-M01').setInputFiles(pdf('身份证-清晰版.pdf'));
  await citizen.locator('[data-testid="upload-result-M01"]', { hasText: '身份证-清晰版.pdf' }).waitFor();
  assert.equal(await citizen.getByTestId('same-file-M01').count(), 0);
  await citizen.getByTestId('upload-other-1-1').setInputFiles(pdf('租赁合同首页.pdf'));
  await citizen.getByTestId('upload-result-other-1-1').waitFor();
  await citizen.getByTestId('resubmit-submit').click();
  await status(citizen, 'resubmitted');
  // The notice stays on the case, with what was sent for each item.
  const round = citizen.locator('[data-testid="supplement-round"][data-round="1"]');
  await round.waitFor();
  await round.getByTestId('supplement-answered').waitFor();
  const history = await round.innerText();
  assert.match(history, /身份证明照片模糊/);
  assert.match(history, /身份证-清晰版\.pdf/);
  assert.match(history, /补充租赁合同首页/);
  assert.match(history, /租赁合同首页\.pdf/);
  await shot(citizen, 'mycases-03-supplement-history');

  // ---- A second case, withdrawn with a reason after a confirm dialog.
  await citizen.goto(`${suite.server.url}/apply/${item.id}`);
  await citizen.getByTestId('apply-form').waitFor();
  await citizen.getByTestId('field-purpose').fill('第二件');
  await citizen.getByTestId('upload-M01').setInputFiles(pdf('第二件.pdf'));
  await citizen.getByTestId('upload-result-M01').waitFor();
  await citizen.getByTestId('submit-button').click();
  const secondNo = (await citizen.getByTestId('created-case-no').innerText()).trim();
  await citizen.getByTestId('action-withdraw').click();
  await citizen.getByTestId('withdraw-ok').click();
  await citizen.getByText('请填写撤回原因').waitFor();
  await citizen.getByTestId('withdraw-reason').fill('信息填写有误，重新申请');
  await citizen.getByTestId('withdraw-ok').click();
  await status(citizen, 'withdrawn');
  await citizen.locator('[data-testid="progress-step"][data-key="withdrawn"][data-state="failed"]').waitFor();
  assert.match(await citizen.getByTestId('case-final-note').innerText(), /信息填写有误/);
  assert.equal(await citizen.getByTestId('action-withdraw').count(), 0);

  // ---- 我的办件: groups and search.
  await citizen.goto(`${suite.server.url}/my/cases`);
  const row = (no: string) => citizen.locator(`[data-testid="case-row"][data-case-no="${no}"]`);
  await row(caseNo).waitFor();
  await row(secondNo).waitFor();
  await row(caseNo).locator('[data-testid="progress-step"][data-key="accept"][data-state="current"]').waitFor();
  await shot(citizen, 'mycases-04-desktop');
  await citizen.getByTestId('mycases-tab-withdrawn').click();
  await row(secondNo).waitFor();
  assert.equal(await row(caseNo).count(), 0);
  await citizen.getByTestId('mycases-tab-active').click();
  await row(caseNo).waitFor();
  assert.equal(await row(secondNo).count(), 0);
  await citizen.getByTestId('mycases-tab-all').click();
  await citizen.getByTestId('mycases-search').locator('input').fill(secondNo.slice(-6));
  await citizen.getByTestId('mycases-search').locator('input').press('Enter');
  await citizen.waitForFunction((no) => {
    const rows = [...document.querySelectorAll('[data-testid="case-row"]')];
    return rows.length === 1 && rows[0]!.getAttribute('data-case-no') === no;
  }, secondNo);

  // ---- A phone: cards instead of a table.
  const phone = await newPage({ width: 390 });
  await signIn(phone, person.phone, person.password);
  await phone.goto(`${suite.server.url}/my/cases`);
  await phone.locator(`[data-testid="case-card"][data-case-id="${caseId}"]`).waitFor();
  assert.equal(await phone.getByTestId('mycases-table').count(), 0);
  await shot(phone, 'mycases-05-phone');
});
