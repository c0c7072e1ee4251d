import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoRegistryPeople } from '../src/modules/registry/synthetic.js';
import { verifyAuditChain } from '../src/modules/supervision/audit.js';
import { browserSuite, pdfFile as pdf, shot } from './harness.js';

const suite = browserSuite();
const { newPage, signIn } = suite;

test('a citizen applies, a clerk asks for more, the approver approves, anyone verifies the certificate', async () => {
  const server = suite.server;
  // ---- 3. Citizen registers (first with a wrong check digit), then applies.
  const citizen = await newPage();
  await citizen.goto(`${server.url}/register`);
  // Someone the population registry knows, so the account is level 2 from the start.
  const { name, idNumber: id } = demoRegistryPeople.wangFang;
  const wrong = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
  await citizen.getByTestId('register-name').fill(name);
  await citizen.getByTestId('register-idNumber').fill(wrong);
  await citizen.getByTestId('register-phone').fill('13700000001');
  await citizen.getByTestId('register-password').fill('Chen2026pass');
  await citizen.getByTestId('register-confirm').fill('Chen2026pass');
  await citizen.getByTestId('register-submit').click();
  await citizen.getByText('身份证号校验码错误，请核对最后一位。').waitFor();
  await shot(citizen, '01-register-wrong-check-digit');
  await citizen.getByTestId('register-idNumber').fill(id);
  await citizen.getByTestId('register-submit').click();
  await citizen.waitForURL((u) => !u.pathname.startsWith('/register'));

  await citizen.goto(server.url);
  await citizen.getByTestId('search-input').locator('input').fill('个体工商户');
  await citizen.getByTestId('search-input').locator('input').press('Enter');
  await citizen.waitForURL((u) => u.searchParams.get('q') === '个体工商户');
  // Registration, change and closure, each by the city bureau and two district bureaus: the city bureau's registration.
  await citizen.waitForFunction(() => document.querySelectorAll('[data-testid="item-card"]').length > 1);
  const card = citizen.getByTestId('item-card').filter({ hasText: '个体工商户设立登记' }).filter({ hasText: '兰州市市场监督管理局' });
  await card.first().waitFor();
  await shot(citizen, '02-catalogue-search');
  await card.first().getByTestId('item-link').click();
  await citizen.getByTestId('item-name').waitFor();
  assert.match(await citizen.getByTestId('guide-legalBasis').innerText(), /促进个体工商户发展条例/);
  assert.match(await citizen.getByTestId('guide-promised-days').innerText(), /3/);
  await shot(citizen, '03-service-guide');

  await citizen.getByTestId('apply-button').first().click();
  await citizen.getByTestId('apply-form').waitFor();
  await citizen.getByTestId('field-tradeName').fill('兰州城关区陈记牛肉面馆');
  await citizen.getByTestId('field-organisation').click();
  await citizen.getByTestId('option-organisation-个人经营').click();
  await citizen.getByTestId('field-scope').fill('餐饮服务');
  await citizen.getByTestId('field-address').fill('城关区张掖路 18 号');
  // The ID card comes from the e-certificate library (免证办): shown, not asked for.
  await citizen.getByTestId('material-M01').getByText('免提交（由系统调取）').waitFor();
  assert.equal(await citizen.getByTestId('upload-M01').count(), 0);
  await citizen.getByTestId('upload-M02').setInputFiles(pdf('租赁合同.pdf'));
  await citizen.getByTestId('upload-result-M02').waitFor();
  await shot(citizen, '04-application-form');
  await citizen.getByTestId('submit-button').click();
  const caseNo = (await citizen.getByTestId('created-case-no').innerText()).trim();
  assert.match(caseNo, /^620100-\d{8}-\d{6}$/);
  await shot(citizen, '05-submitted');

  // ---- 4. Window clerk: opens the queue, asks for a corrected lease in one notice.
  const clerk = await newPage();
  await signIn(clerk, 'scjg.clerk');
  await clerk.goto(`${server.url}/workbench?tab=intake`);
  const row = clerk.locator(`[data-testid="workbench-row"][data-case-no="${caseNo}"]`);
  await row.waitFor();
  await shot(clerk, '06-clerk-queue');
  await row.getByTestId('case-link').click();
  await clerk.getByTestId('case-materials').waitFor();
  // Opening a material downloads it under its own name; it is never rendered in the platform's origin.
  const [download] = await Promise.all([clerk.waitForEvent('download'), clerk.getByTestId('material-open-M02').click()]);
  assert.equal(download.suggestedFilename(), '租赁合同.pdf');
  assert.match(clerk.url(), /\/workbench\/cases\//);
  await clerk.getByTestId('action-supplement').click();
  await clerk.getByTestId('supplement-check-M02').click();
  await clerk.getByTestId('supplement-reason-M02').fill('租赁合同缺少出租方签字');
  await clerk.getByTestId('supplement-note').fill('请补齐后重新提交');
  await shot(clerk, '07-clerk-supplement-notice');
  await clerk.getByTestId('modal-ok-supplement').click();
  await clerk.locator('[data-testid="status-tag"][data-status="supplement_requested"]').first().waitFor();

  // The citizen sees the notice and supplies the corrected material.
  await citizen.getByTestId('nav-my-cases').click();
  await citizen.locator(`[data-testid="case-row"][data-case-no="${caseNo}"]`).getByTestId('case-link').click();
  await citizen.getByTestId('supplement-notice').waitFor();
  assert.match(await citizen.getByTestId('supplement-notice').innerText(), /租赁合同缺少出租方签字/);
  await shot(citizen, '08-citizen-sees-notice');
  await citizen.getByTestId('action-resubmit').click();
  await citizen.getByTestId('upload-M02').setInputFiles(pdf('租赁合同-已签字.pdf'));
  await citizen.getByTestId('upload-result-M02').waitFor();
  await citizen.getByTestId('resubmit-submit').click();
  await citizen.locator('[data-testid="status-tag"][data-status="resubmitted"]').first().waitFor();

  // The clerk sees what changed and accepts.
  await clerk.reload();
  await clerk.getByTestId('material-changed-M02').waitFor();
  await shot(clerk, '09-clerk-sees-change');
  await clerk.getByTestId('action-accept').click();
  await clerk.getByTestId('modal-ok-accept').click();
  await clerk.locator('[data-testid="status-tag"][data-status="accepted"]').first().waitFor();
  await clerk.getByTestId('case-due-date').waitFor();

  // ---- 5. Approver approves; the certificate is issued.
  const approver = await newPage();
  await signIn(approver, 'scjg.approver');
  await approver.goto(`${server.url}/workbench?tab=approval`);
  await approver.locator(`[data-testid="workbench-row"][data-case-no="${caseNo}"]`).getByTestId('case-link').click();
  await approver.getByTestId('action-approve').click();
  await approver.getByTestId('approve-opinion').fill('材料齐全，符合法定条件，准予登记。');
  await approver.getByTestId('modal-ok-approve').click();
  await approver.locator('[data-testid="status-tag"][data-status="completed"]').first().waitFor();
  await shot(approver, '10-approved');

  // ---- 6. The citizen has the certificate with a QR; anyone can verify it.
  await citizen.reload();
  await citizen.locator('[data-testid="status-tag"][data-status="completed"]').first().waitFor();
  await citizen.getByTestId('licence-link').click();
  await citizen.getByTestId('licence-qr').waitFor();
  assert.match(await citizen.getByTestId('licence-face').innerText(), /兰州城关区陈记牛肉面馆/);
  await shot(citizen, '11-certificate');
  const verifyUrl = (await citizen.getByTestId('licence-verify-link').getAttribute('href'))!;
  assert.match(verifyUrl, /\/verify\/[A-Za-z0-9_-]+$/);

  const stranger = await newPage();
  await stranger.goto(verifyUrl);
  const result = stranger.getByTestId('verify-result');
  await result.waitFor();
  assert.equal(await result.getAttribute('data-valid'), 'true');
  const shown = await result.innerText();
  assert.match(shown, /王\*/);
  assert.match(shown, /620102\*{8}\d{3}[\dX]/);
  assert.ok(!shown.includes(id), 'the full ID number is never shown publicly');
  await shot(stranger, '12-public-verification');

  await stranger.goto(`${verifyUrl.slice(0, -3)}xyz`);
  await stranger.getByTestId('verify-result').waitFor();
  assert.equal(await stranger.getByTestId('verify-result').getAttribute('data-valid'), 'false');
  await shot(stranger, '13-verification-altered-code');

  assert.equal((await verifyAuditChain(server.database.db)).ok, true);
});
