import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { demoCitizens } from '../src/server/demo/seed.js';
import { browserSuite, shot } from './harness.js';

/**
 * The app under its real Content-Security-Policy (no inline script): every page still works, with
 * no violation reported; and another site cannot frame the kiosk or the QR confirm page.
 */
const suite = browserSuite();

/** Console messages Chromium prints when CSP or framing rules block something. */
function watchViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    const text = m.text();
    if (/Content Security Policy|Refused to (execute|load|apply|connect|frame|evaluate)/i.test(text)) seen.push(`${page.url()}: ${text}`);
  });
  page.on('pageerror', (e) => seen.push(`${page.url()}: ${e.message}`));
  return seen;
}

/** A QR sign-in request as a kiosk would start it: its confirm page is what a phone opens. */
async function qrConfirmPath(base: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const token = /yw_csrf=([^;]+)/.exec(cookie)![1]!;
  const res = await fetch(`${base}/api/qr-login/requests`, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': token, 'content-type': 'application/json' },
    body: JSON.stringify({ channel: 'kiosk' }),
  });
  assert.equal(res.status, 201);
  return new URL(((await res.json()) as { confirmUrl: string }).confirmUrl).pathname;
}

test('pages work under the CSP with no violation', async () => {
  const base = suite.server.url;
  const anon = await suite.newPage();
  const violations = watchViolations(anon);
  const res = await anon.goto(`${base}/`);
  const csp = res!.headers()['content-security-policy']!;
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.match(csp, /frame-ancestors 'none'/);
  await anon.getByTestId('item-card').first().waitFor();
  await anon.goto(`${base}/login`);
  await anon.getByTestId('login-username').waitFor();
  await anon.goto(`${base}/kiosk`);
  await anon.getByTestId('kiosk-qr-button').waitFor();
  await anon.getByTestId('kiosk-qr-button').click();
  await anon.locator('img[src^="data:image/svg+xml"]').first().waitFor();
  await shot(anon, '70-kiosk-under-csp');
  await anon.goto(`${base}/verify`);
  await anon.getByTestId('verify-input').waitFor();
  await anon.goto(`${base}/api/docs`);
  await anon.locator('.swagger-ui .opblock').first().waitFor();

  const citizen = await suite.signIn(await suite.newPage(), demoCitizens[0]!.phone);
  violations.push(...watchViolations(citizen));
  for (const path of ['/my/cases', '/my/licences', '/my/security']) {
    await citizen.goto(`${base}${path}`);
    await citizen.waitForLoadState('networkidle');
  }
  await citizen.goto(`${base}${await qrConfirmPath(base)}`);
  await citizen.getByTestId('qr-confirm').waitFor();

  const clerk = await suite.signIn(await suite.newPage(), 'scjg.clerk');
  violations.push(...watchViolations(clerk));
  await clerk.goto(`${base}/workbench`);
  await clerk.getByTestId('open-hall').waitFor();
  await clerk.waitForLoadState('networkidle');
  await shot(clerk, '71-workbench-under-csp');

  assert.deepEqual(violations, []);
});

let attacker: Server;
let attackerUrl = '';
before(async () => {
  // Another origin (another port) that tries to frame the platform's pages: clickjacking.
  attacker = createServer((req, res) => {
    const target = decodeURIComponent(new URL(req.url!, 'http://x').searchParams.get('target') ?? '');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><h1>attacker</h1><iframe id="victim" src="${target}" width="800" height="600"></iframe>`);
  });
  await new Promise<void>((done) => attacker.listen(0, '127.0.0.1', done));
  const address = attacker.address();
  attackerUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
after(() => new Promise<void>((done) => attacker.close(() => done())));

test('another site cannot frame the kiosk or the QR confirm page', async () => {
  const base = suite.server.url;
  for (const path of ['/kiosk', await qrConfirmPath(base)]) {
    const page = await suite.newPage();
    const refused = page.waitForEvent('console', { predicate: (m) => /frame-ancestors|Refused to (display|frame)/.test(m.text()), timeout: 10_000 });
    await page.goto(`${attackerUrl}/?target=${encodeURIComponent(`${base}${path}`)}`);
    await page.locator('#victim').waitFor();
    await refused;
    const frame = page.frames().find((f) => f !== page.mainFrame());
    const rendered = frame ? await frame.locator('#root').count().catch(() => 0) : 0;
    assert.equal(rendered, 0, `${path} was rendered inside another site's frame`);
    if (path === '/kiosk') await shot(page, '72-kiosk-framing-refused');
  }
});
