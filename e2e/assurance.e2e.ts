import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoRegistryPeople } from '../src/modules/registry/synthetic.js';
import { browserSuite, shot } from './harness.js';

const suite = browserSuite();
test('a level-1 citizen is asked to step up on the apply page and continues once the registry agrees', async () => {
  const { server } = suite;
  const { liuYang } = demoRegistryPeople;
  const page = await suite.newPage();
  await page.goto(`${server.url}/register`);
  // A typo in the name: the registry cannot confirm it, so the account starts at level 1.
  await page.getByTestId('register-name').fill('刘阳');
  await page.getByTestId('register-idNumber').fill(liuYang.idNumber);
  await page.getByTestId('register-phone').fill('13700000011');
  await page.getByTestId('register-password').fill('Liu-2026-pass');
  await page.getByTestId('register-confirm').fill('Liu-2026-pass');
  await page.getByTestId('register-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/register'));

  await page.goto(server.url);
  await page.getByText('无犯罪记录证明').first().click();
  await page.getByTestId('apply-button').first().click();
  await page.getByTestId('level-needed').waitFor();
  assert.match(await page.getByTestId('level-needed').innerText(), /需要 L2 级实名认证，您当前为 L1 级/);
  assert.equal(await page.getByTestId('submit-button').isDisabled(), true);
  await page.getByTestId('step-up-name').fill('刘阳');
  await page.getByTestId('step-up-submit').click();
  await page.getByTestId('step-up-error').waitFor();
  assert.match(await page.getByTestId('step-up-error').innerText(), /与人口库登记信息不一致/);
  await shot(page, '30-step-up-needed');

  await page.getByTestId('step-up-name').fill('刘洋');
  await page.getByTestId('step-up-submit').click();
  await page.getByTestId('level-needed').waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('submit-button').isDisabled(), false);
  await shot(page, '31-step-up-done');
});

test('a window clerk checks a walk-in’s ID card and applies for them; the case shows the hall and the clerk', async () => {
  const { server } = suite;
  const { wangFang } = demoRegistryPeople;
  const page = await suite.signIn(await suite.newPage(), 'ga.clerk');
  await page.getByTestId('open-hall').click();
  await page.getByTestId('hall-id-number').fill(wangFang.idNumber);
  await page.getByTestId('hall-check-submit').click();
  await page.getByText('请先当面核验身份证原件并勾选确认').waitFor();
  await page.getByTestId('hall-card-checked').check();
  await page.getByTestId('hall-check-submit').click();
  await page.getByTestId('hall-applicant').waitFor();
  assert.match(await page.getByTestId('hall-applicant').innerText(), /王芳[\s\S]*L3 现场或通行密钥核验[\s\S]*已为其开通账户/);

  await page.getByTestId('hall-item').click();
  await page.getByText('无犯罪记录证明开具（000120005000）').click();
  await page.getByTestId('field-purpose').click();
  await page.getByTestId('option-purpose-就业').click();
  await shot(page, '32-hall-desk');
  await page.getByTestId('submit-button').click();
  await page.getByTestId('hall-receipt').waitFor();
  const receipt = await page.getByTestId('hall-receipt').innerText();
  assert.match(receipt, /已为 王芳 申请并当场受理，办件编号 620100-\d{8}-\d{6}/);
  await shot(page, '33-hall-accepted');

  await page.getByTestId('hall-open-case').click();
  await page.getByTestId('case-channel').waitFor();
  assert.equal(await page.getByTestId('case-channel').getAttribute('data-channel'), 'hall');
  assert.equal(await page.getByTestId('status-tag').getAttribute('data-status'), 'accepted');
  assert.equal(await page.getByTestId('case-submitted-by').innerText(), '公安局窗口');
  await shot(page, '34-hall-case');
  void server;
});
