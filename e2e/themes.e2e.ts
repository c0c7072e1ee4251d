import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoEntity } from '../src/server/demo/seed.js';
import { browserSuite, pdfFile as pdf, shot } from './harness.js';

const suite = browserSuite();
const REGISTRATION = '00020104200062010001'; // 企业设立登记, market regulation

test('an enterprise applies for 开办企业一件事 with one form, and the members after registration follow its approval', async () => {
  const { server } = suite;
  // ---- The enterprise finds the theme beside the single services and reads the combined guide.
  const ent = await suite.signIn(await suite.newPage(), demoEntity.creditCode);
  await ent.goto(`${server.url}/?aud=entity`);
  await ent.getByTestId('theme-list').waitFor();
  await shot(ent, '60-theme-list');
  await ent.locator('[data-testid="theme-card"][data-theme-code="KBQY"]').click();
  await ent.getByTestId('theme-title').waitFor();
  assert.equal(await ent.getByTestId('theme-title').innerText(), '开办企业一件事');
  assert.equal(await ent.getByTestId('theme-member').count(), 4);
  // The premises document once for registration and invoices; the ID card read once for all four.
  const shared = ent.locator('[data-testid="theme-material"][data-shared="true"]');
  assert.equal(await shared.count(), 1);
  assert.match(await shared.innerText(), /住所（经营场所）使用证明[\s\S]*企业设立登记、发票申领/);
  assert.match(await ent.getByTestId('theme-total-days').innerText(), /2 个工作日/);
  await shot(ent, '61-theme-guide');

  // ---- One form: the company name, premises and phone once; each member's own details after.
  await ent.getByTestId('theme-apply-button').click();
  await ent.getByTestId('theme-apply-form').waitFor();
  const sharedCard = ent.getByTestId('theme-shared-fields');
  await sharedCard.getByTestId('field-enterpriseName').fill('兰州一网通餐饮管理有限公司');
  await sharedCard.getByTestId('field-address').fill('城关区张掖路 88 号');
  await sharedCard.getByTestId('field-contactPhone').fill('13800000009');
  assert.equal(await ent.getByTestId('field-enterpriseName').count(), 1);
  await ent.getByTestId('field-registeredCapital').fill('100000');
  await ent.getByTestId('field-businessScope').fill('餐饮管理；餐饮服务');
  await ent.getByTestId('field-sealTypes-official').click();
  await ent.getByTestId('field-sealTypes-finance').click();
  await ent.getByTestId('field-invoiceKinds-general').click();
  await ent.getByTestId('field-monthlyQuantity').fill('25');
  await ent.getByTestId('field-employees').fill('8');
  // One upload per document: the shared premises proof, the articles of association.
  const uploadFor = async (name: string, file: string) => {
    const box = ent.getByTestId('theme-upload').filter({ hasText: name });
    await box.locator('input[type="file"]').setInputFiles(pdf(file));
    await box.locator('[data-testid^="upload-result-"]').waitFor();
  };
  await uploadFor('住所（经营场所）使用证明', '租赁合同.pdf');
  await uploadFor('公司章程', '公司章程.pdf');
  await shot(ent, '62-theme-apply');
  await ent.getByTestId('theme-submit-button').click();

  // ---- The bundle: registration submitted, the three others waiting for it.
  await ent.getByTestId('bundle-created').waitFor();
  const rows = ent.getByTestId('bundle-case');
  assert.equal(await rows.count(), 4);
  const statusOf = async (code: string) => ent.locator(`[data-testid="bundle-case"][data-item-code="${code}"]`).getAttribute('data-status');
  assert.equal(await statusOf(REGISTRATION), 'submitted');
  assert.equal(await ent.locator('[data-testid="bundle-case"][data-status="waiting"]').count(), 3);
  await shot(ent, '63-theme-bundle');
  const caseNo = (await ent.locator(`[data-testid="bundle-case"][data-item-code="${REGISTRATION}"]`).getByTestId('bundle-case-link').innerText()).trim();
  // 我的办件 lists the four, each marked with the theme.
  await ent.getByTestId('nav-my-cases').click();
  await ent.locator(`[data-testid="case-row"][data-case-no="${caseNo}"]`).waitFor();
  assert.equal(await ent.getByTestId('case-bundle').count(), 4);
  await shot(ent, '64-my-cases-bundle');

  // ---- Market regulation's clerk accepts, its approver approves the registration.
  const clerk = await suite.signIn(await suite.newPage(), 'scjg.clerk');
  await clerk.goto(`${server.url}/workbench?tab=intake`);
  await clerk.locator(`[data-testid="workbench-row"][data-case-no="${caseNo}"]`).getByTestId('case-link').click();
  await clerk.getByTestId('action-accept').click();
  await clerk.getByTestId('modal-ok-accept').click();
  await clerk.locator('[data-testid="status-tag"][data-status="accepted"]').first().waitFor();
  const approver = await suite.signIn(await suite.newPage(), 'scjg.approver');
  await approver.goto(`${server.url}/workbench?tab=approval`);
  await approver.locator(`[data-testid="workbench-row"][data-case-no="${caseNo}"]`).getByTestId('case-link').click();
  await approver.getByTestId('action-approve').click();
  await approver.getByTestId('approve-opinion').fill('材料齐全，准予设立登记。');
  await approver.getByTestId('modal-ok-approve').click();
  await approver.locator('[data-testid="status-tag"][data-status="completed"]').first().waitFor();

  // ---- The enterprise sees the others released into their departments' intake.
  await ent.locator(`[data-testid="case-row"][data-case-no="${caseNo}"]`).getByTestId('case-link').click();
  await ent.getByTestId('bundle-card').waitFor();
  assert.equal(await ent.locator('[data-testid="bundle-card"] [data-testid="bundle-case"][data-status="waiting"]').count(), 0);
  assert.equal(await ent.locator('[data-testid="bundle-card"] [data-testid="bundle-case"][data-status="submitted"]').count(), 3);
  await shot(ent, '65-theme-released');
});

test('a catalogue admin sees the demo themes and opens one in the editor', async () => {
  const admin = await suite.signIn(await suite.newPage(), 'zwfw.catalogue_admin');
  await admin.goto(`${suite.server.url}/admin/catalogue/themes`);
  await admin.locator('[data-testid="theme-row"][data-theme-code="KBQY"]').waitFor();
  assert.equal(await admin.locator('[data-testid="theme-row"] [data-testid="theme-status"]').first().innerText(), '已发布');
  await shot(admin, '66-theme-admin-list');
  await admin.locator('[data-testid="theme-row"][data-theme-code="KBQY"]').getByTestId('theme-edit').click();
  await admin.getByTestId('theme-form').waitFor();
  assert.equal(await admin.getByTestId('theme-member-row').count(), 4);
  await shot(admin, '67-theme-admin-editor');
});
