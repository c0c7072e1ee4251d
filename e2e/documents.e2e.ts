import assert from 'node:assert/strict';
import { test } from 'node:test';
import { browserSuite, pdfFile as pdf, shot } from './harness.js';

const suite = browserSuite();
const { newPage, signIn } = suite;

test('acceptance issues a 受理通知书: the clerk and the applicant download it, its QR page says it is genuine', async () => {
  const server = suite.server;
  // 张三 (demo citizen) applies for 个体工商户设立登记 at the city bureau.
  const citizen = await newPage();
  await signIn(citizen, '13800000001');
  await citizen.goto(`${server.url}/?q=${encodeURIComponent('个体工商户设立登记')}`);
  const card = citizen.getByTestId('item-card').filter({ hasText: '个体工商户设立登记' }).filter({ hasText: '兰州市市场监督管理局' });
  await card.first().getByTestId('item-link').click();
  await citizen.getByTestId('apply-button').first().click();
  await citizen.getByTestId('apply-form').waitFor();
  await citizen.getByTestId('field-tradeName').fill('兰州城关区张记牛肉面馆');
  await citizen.getByTestId('field-organisation').click();
  await citizen.getByTestId('option-organisation-个人经营').click();
  await citizen.getByTestId('field-scope').fill('餐饮服务');
  await citizen.getByTestId('field-address').fill('城关区张掖路 18 号');
  await citizen.getByTestId('upload-M02').setInputFiles(pdf('租赁合同.pdf'));
  await citizen.getByTestId('upload-result-M02').waitFor();
  await citizen.getByTestId('submit-button').click();
  const caseNo = (await citizen.getByTestId('created-case-no').innerText()).trim();
  // Nothing issued yet.
  await citizen.getByTestId('case-documents').getByText('暂无文书').waitFor();

  // The clerk accepts; the case page lists the notice at once.
  const clerk = await newPage();
  await signIn(clerk, 'scjg.clerk');
  await clerk.goto(`${server.url}/workbench?tab=intake`);
  await clerk.locator(`[data-testid="workbench-row"][data-case-no="${caseNo}"]`).getByTestId('case-link').click();
  await clerk.getByTestId('action-accept').click();
  await clerk.getByTestId('modal-ok-accept').click();
  await clerk.locator('[data-testid="status-tag"][data-status="accepted"]').first().waitFor();
  const docs = clerk.getByTestId('case-documents');
  await docs.getByTestId('document-title-acceptance').waitFor();
  const year = new Date().getFullYear();
  assert.match(await docs.innerText(), new RegExp(`兰市监受字〔${year}〕第\\d+号`));
  await docs.scrollIntoViewIfNeeded();
  await shot(clerk, 'documents-01-workbench');
  const [download] = await Promise.all([clerk.waitForEvent('download'), docs.getByTestId('document-download-acceptance').click()]);
  assert.match(download.suggestedFilename(), /^受理通知书-兰市监受字〔\d{4}〕第\d+号\.pdf$/);

  // The applicant sees it on their case page, downloads the same file and opens its check.
  await citizen.reload();
  const mine = citizen.getByTestId('case-documents');
  await mine.getByTestId('document-title-acceptance').waitFor();
  await mine.scrollIntoViewIfNeeded();
  await shot(citizen, 'documents-02-portal');
  const [again] = await Promise.all([citizen.waitForEvent('download'), mine.getByTestId('document-download-acceptance').click()]);
  assert.equal(again.suggestedFilename(), download.suggestedFilename());
  const verifyHref = (await mine.getByTestId('document-verify-acceptance').getAttribute('href'))!;
  assert.match(verifyHref, /^\/verify\/document\/[2-9A-HJ-NP-Z]{10}$/);

  // Anyone, signed out, checks it: genuine, with the case number and no personal data.
  const stranger = await newPage();
  await stranger.goto(`${server.url}${verifyHref}`);
  const result = stranger.getByTestId('verify-document-result');
  await result.waitFor();
  assert.equal(await result.getAttribute('data-valid'), 'true');
  const shown = await result.innerText();
  assert.match(shown, /受理通知书/);
  assert.match(shown, /兰州市市场监督管理局/);
  assert.ok(shown.includes(caseNo));
  assert.ok(!shown.includes('张三'), 'the applicant is not named on the public page');
  await shot(stranger, 'documents-03-verify');

  // A code that does not exist says so.
  await stranger.goto(`${server.url}/verify/document/ZZZZZZZZZZ`);
  await stranger.getByTestId('verify-document-result').waitFor();
  assert.equal(await stranger.getByTestId('verify-document-result').getAttribute('data-reason'), 'unknown');
});
