import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoCitizens } from '../src/server/demo/seed.js';
import { browserSuite, shot } from './harness.js';

const suite = browserSuite();
const signedIn = async (username: string, userAgent?: string) => suite.signIn(await suite.newPage(userAgent ? { userAgent } : {}), username);

test('a citizen sees where they are signed in and signs out everywhere', async () => {
  const server = suite.server;
  const phone = demoCitizens[0]!.phone;
  const other = await signedIn(phone, 'Mozilla/5.0 (Linux; Android 14) YiwangMobile');
  const page = await signedIn(phone);
  await page.getByTestId('user-menu').click();
  await page.getByTestId('nav-security').click();
  await page.locator('[data-testid="session-row"]').nth(1).waitFor();
  assert.equal(await page.locator('[data-testid="session-row"][data-current="true"]').count(), 1);
  assert.match(await page.locator('[data-testid="session-row"][data-current="false"]').first().innerText(), /YiwangMobile/);
  await shot(page, '20-account-security');

  await page.getByTestId('logout-everywhere').click();
  await page.getByRole('button', { name: '退出所有设备' }).last().click();
  await page.waitForURL((u) => u.pathname === '/login');
  await other.goto(`${server.url}/my/cases`);
  await other.waitForURL((u) => u.pathname === '/login');
});

test('repeated wrong passwords lock the sign-in and say how long to wait', async () => {
  const page = await suite.newPage();
  await page.goto(`${suite.server.url}/login`);
  for (let i = 0; i < 6; i++) {
    await page.getByTestId('login-username').fill(demoCitizens[1]!.phone);
    await page.getByTestId('login-password').fill('Wrong-2026');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();
  }
  await page.getByText(/密码错误次数过多，请 \d+ 秒后再试/).waitFor();
  await shot(page, '21-sign-in-locked');
});

test('a sign-in link cannot send the user to another site afterwards (open redirect)', async () => {
  const { server } = suite;
  for (const next of ['//evil.example/steal', 'https://evil.example/steal', '/\\evil.example/steal', 'javascript:alert(1)']) {
    const page = await suite.newPage();
    await page.goto(`${server.url}/login?next=${encodeURIComponent(next)}`);
    await page.getByTestId('login-username').fill(demoCitizens[0]!.phone);
    await page.getByTestId('login-password').fill('Demo2026!');
    await page.getByTestId('login-submit').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    const at = new URL(page.url());
    assert.equal(at.origin, server.url, `next=${next} must stay on the platform`);
    assert.equal(at.pathname, '/my/cases');
    await page.context().close();
  }
});
