import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, demoCitizens } from '../src/server/demo/seed.js';
import { auditEventsFor } from '../src/modules/supervision/audit.js';
import { browserSuite, shot } from './harness.js';

const suite = browserSuite();

/**
 * Browsers refuse IP addresses as passkey domains: the server (no PUBLIC_URL) answers passkeys
 * for localhost on its port, so the browser opens it by that name.
 */
const origin = () => suite.server.url.replace('127.0.0.1', 'localhost');

/** Chromium's virtual authenticator: a platform authenticator with a PIN/biometric that always passes. */
async function virtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  });
  return { cdp, authenticatorId };
}

const me = (page: Page) => page.evaluate(async () => (await fetch('/api/auth/me')).json() as Promise<{ user: { id: string; name: string; level: number } }>);

test('a citizen adds a passkey on the security page (L2 → L3), signs out, and signs in with the passkey only', async () => {
  const citizen = demoCitizens[0]!;
  const page = await suite.newPage();
  const { cdp, authenticatorId } = await virtualAuthenticator(page);

  await page.goto(`${origin()}/login`);
  await page.getByTestId('login-username').fill(citizen.phone);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  const before = (await me(page)).user;
  assert.equal(before.level, 2);

  await page.goto(`${origin()}/my/security`);
  await page.getByTestId('passkey-empty').waitFor();
  await page.getByTestId('step-up-passkey').waitFor();
  await shot(page, '60-passkeys-none');

  await page.getByTestId('passkey-add').click();
  await page.getByTestId('passkey-name').fill('我的电脑');
  await page.getByTestId('passkey-name-ok').click();
  await page.locator('[data-testid="passkey-row"][data-name="我的电脑"]').waitFor();
  await page.getByText('通行密钥“我的电脑”已添加，您的账户已升至 L3。').waitFor();
  assert.equal((await me(page)).user.level, 3);
  // The step-up offer is gone once the account is L3.
  await page.getByTestId('step-up-passkey').waitFor({ state: 'detached' });
  assert.match(await page.getByTestId('passkey-last-used').innerText(), /尚未使用/);
  const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
  assert.equal(credentials.length, 1);
  assert.equal(credentials[0]!.isResidentCredential, true);
  await shot(page, '61-passkey-added');

  const raised = (await auditEventsFor(suite.server.database.db, 'account', before.id)).filter((e) => e.action === 'account.level_raised');
  assert.deepEqual(raised.at(-1)!.detail, { from: 2, to: 3, how: 'passkey' });

  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  await page.waitForURL((u) => u.pathname === '/');

  await page.goto(`${origin()}/login`);
  await page.getByTestId('login-passkey').waitFor();
  await shot(page, '62-login-with-passkey');
  await page.getByTestId('login-passkey').click();
  await page.waitForURL((u) => u.pathname === '/my/cases');
  const after = (await me(page)).user;
  assert.equal(after.id, before.id);
  assert.equal(after.level, 3);

  await page.goto(`${origin()}/my/security`);
  await page.locator('[data-testid="passkey-row"][data-name="我的电脑"]').waitFor();
  assert.doesNotMatch(await page.getByTestId('passkey-last-used').innerText(), /尚未使用/);
  await shot(page, '63-passkey-used');
});

test('a passkey that is not on this device: the login page says so and stays', async () => {
  const page = await suite.newPage();
  // An authenticator with no passkey of this site: Chromium answers "not allowed".
  await virtualAuthenticator(page);
  await page.goto(`${origin()}/login`);
  await page.getByTestId('login-passkey').click();
  await page.getByTestId('login-error').waitFor({ timeout: 30_000 });
  assert.match(await page.getByTestId('login-error').innerText(), /已取消|没有可用的通行密钥/);
  assert.equal(new URL(page.url()).pathname, '/login');
});
