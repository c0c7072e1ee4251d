import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, test } from 'node:test';
import { demoCitizens } from '../src/server/demo/seed.js';
import { startDepartmentApp } from '../examples/department-app/server.js';
import { browserSuite, shot } from './harness.js';

const suite = browserSuite();
let dept: Awaited<ReturnType<typeof startDepartmentApp>> | null = null;
after(async () => {
  await dept?.close();
});

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
  const port = (s.address() as { port: number }).port;
  await new Promise((ok) => s.close(ok));
  return port;
}

test('a platform admin registers a department system and sees its secret once', async () => {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const page = await suite.signIn(await suite.newPage(), 'zwfw.platform_admin');
  // With five admin links the header menu folds some into its overflow; open the page directly.
  await page.goto(`${suite.server.url}/admin/clients`);
  await page.getByTestId('clients-table').waitFor();
  await page.getByText('不动产登记系统（演示）').waitFor();
  await page.getByTestId('client-new').click();
  await page.getByTestId('client-name-zh').fill('公积金管理系统');
  await page.getByTestId('client-name-en').fill('Housing Provident Fund');
  await page.getByTestId('client-department').click();
  // The list is virtual and the operator is last of sixteen units: scroll to it.
  await page.locator('.ant-select-dropdown').hover();
  await page.mouse.wheel(0, 2000);
  await page.getByTitle('兰州市政务服务管理局').click();
  await page.getByTestId('client-redirect').fill(`${origin}/callback`);
  await page.getByLabel('退出后返回地址（每行一个，可选）').fill(`${origin}/`);
  await page.getByLabel('后台退出通知地址（可选）').fill(`${origin}/backchannel-logout`);
  await page.getByTestId('client-submit').click();
  const secretEl = page.getByTestId('client-secret');
  await secretEl.waitFor();
  const secret = (await secretEl.innerText()).trim();
  assert.match(secret, /^[A-Za-z0-9_-]{40,}$/);
  const clientId = (await page.locator('.ant-modal').getByText(/^yw_/).innerText()).trim();
  await shot(page, '30-oidc-client-secret-once');
  await page.getByTestId('secret-close').click();
  await secretEl.waitFor({ state: 'detached' });
  await page.getByText('公积金管理系统').waitFor();
  await shot(page, '31-oidc-client-systems');
  // the secret is nowhere on the page any more
  assert.equal(await page.getByText(secret).count(), 0);

  dept = await startDepartmentApp({ issuer: `${suite.server.url}/oidc`, clientId, clientSecret: secret, port, title: '公积金管理系统（演示）' });
});

test('a citizen signed in to the portal is signed in to the department system without typing credentials again', async () => {
  assert.ok(dept, 'the department system was registered');
  const page = await suite.signIn(await suite.newPage(), demoCitizens[0]!.phone);
  await page.goto(dept.url);
  await page.getByTestId('dept-login').click();
  // first visit: the consent screen names the system and what it receives
  await page.getByTestId('consent-card').waitFor();
  assert.match(await page.getByTestId('consent-client').innerText(), /公积金管理系统/);
  assert.equal(await page.getByTestId('consent-claim').count(), 5);
  await shot(page, '32-oidc-consent');
  await page.getByTestId('consent-allow').click();
  await page.getByTestId('welcome').waitFor();
  assert.equal(await page.getByTestId('claim-name').innerText(), demoCitizens[0]!.name);
  assert.equal(await page.getByTestId('claim-subject-type').innerText(), 'person');
  assert.equal(await page.getByTestId('claim-acr').innerText(), 'urn:yiwang:loa:2');
  assert.equal(await page.getByTestId('claim-region').innerText(), '620100');
  await shot(page, '33-department-app-signed-in');

  // leave only the department system, then sign in there again: no consent screen, no password
  await page.getByTestId('dept-logout').click();
  await page.getByTestId('logout-only').click();
  await page.getByTestId('dept-login').waitFor();
  await page.getByTestId('dept-login').click();
  await page.getByTestId('welcome').waitFor();

  // signing out of Yiwang from the department system ends both, and the system hears of it
  await page.getByTestId('dept-logout').click();
  await page.getByTestId('logout-all').click();
  await page.getByTestId('dept-login').waitFor();
  await page.goto(`${suite.server.url}/my/cases`);
  await page.waitForURL((u) => u.pathname === '/login');
});
