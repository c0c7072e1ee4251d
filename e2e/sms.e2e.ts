import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, demoCitizens } from '../src/server/demo/seed.js';
import { prepareStaffSignIn } from '../src/test/sms.js';
import { browserSuite, shot } from './harness.js';

const suite = browserSuite();

/** Reads the newest code for a masked number on the outbox page, as a demo user would. */
async function codeOnOutboxPage(page: Page, maskedPhone: string, name?: string): Promise<string> {
  await page.goto(`${suite.server.url}/ops/sms-outbox`);
  const row = page.locator('[data-testid="outbox-row"]', { hasText: maskedPhone }).first();
  await row.waitFor();
  if (name) await shot(page, name);
  const code = (await row.getByTestId('outbox-text').innerText()).match(/验证码为(\d{6})/)?.[1];
  assert.ok(code, 'a code in the outbox');
  return code;
}

test('a staff member cannot sign in without the second factor, and reaches the workbench with the code from the outbox', async () => {
  await prepareStaffSignIn(suite.server.database.db, 'scjg.clerk');
  const page = await suite.newPage();
  await page.goto(`${suite.server.url}/login`);
  await page.getByTestId('login-tab-password').waitFor();
  await page.getByTestId('login-sandbox-note').waitFor();
  await shot(page, '30-login-password-tab');
  await page.getByTestId('login-username').fill('scjg.clerk');
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('login-second-factor').waitFor();
  assert.match(await page.getByTestId('login-masked-phone').innerText(), /验证码已发送至 139\*\*\*\*0011/);
  await shot(page, '31-login-second-factor');

  // The password alone made no session: the workbench sends the clerk back to sign in.
  const other = await suite.newPage();
  await other.context().addCookies(await page.context().cookies());
  await other.goto(`${suite.server.url}/workbench`);
  await other.waitForURL((u) => u.pathname === '/login');

  await page.getByTestId('login-otp').fill('000000');
  await page.getByTestId('login-otp-submit').click();
  await page.getByTestId('login-error').getByText('验证码不正确或已失效，请重新获取。').waitFor();
  assert.ok(page.url().includes('/login'));

  const code = await codeOnOutboxPage(await suite.newPage(), '139****0011', '32-sms-outbox');
  await page.getByTestId('login-otp').fill(code);
  await page.getByTestId('login-otp-submit').click();
  await page.waitForURL((u) => u.pathname === '/workbench');
  await page.getByTestId('nav-workbench').waitFor();
});

test('a citizen signs in with a code sent by SMS', async () => {
  const phone = demoCitizens[1]!.phone;
  const page = await suite.newPage();
  await page.goto(`${suite.server.url}/login`);
  await page.getByTestId('login-tab-sms').click();
  await page.getByTestId('login-phone').fill(phone);
  await page.getByTestId('login-send-code').click();
  await page.getByTestId('login-code-sent').waitFor();
  assert.match(await page.getByTestId('login-send-code').innerText(), /\d+ 秒后重新获取/);
  assert.equal(await page.getByTestId('login-send-code').isDisabled(), true);
  await shot(page, '33-login-sms-tab');

  const code = await codeOnOutboxPage(await suite.newPage(), '138****0002');
  await page.getByTestId('login-code').fill(code);
  await page.getByTestId('login-sms-submit').click();
  await page.waitForURL((u) => u.pathname === '/my/cases');
  await page.getByTestId('user-name').getByText('李四').waitFor();
});
