import assert from 'node:assert/strict';
import { test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { DEMO_PASSWORD, demoCitizens } from '../src/server/demo/seed.js';
import { sessions } from '../src/modules/identity/tables.js';
import { browserSuite, shot } from './harness.js';

const suite = browserSuite();
const zhang = demoCitizens[0]!.phone;
const PHONE_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148';

/** A small cookie-keeping HTTP client: submits a case for a citizen the way the web app would. */
async function submitCaseAs(username: string): Promise<string> {
  const base = suite.server.url;
  const jar = new Map<string, string>();
  const call = async (method: string, path: string, body?: BodyInit, type?: string) => {
    const headers: Record<string, string> = { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') };
    if (jar.has('yw_csrf')) headers['x-csrf-token'] = jar.get('yw_csrf')!;
    if (type) headers['content-type'] = type;
    const res = await fetch(base + path, { method, headers, ...(body ? { body } : {}) });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    assert.ok(res.ok, `${method} ${path}: ${res.status} ${await res.clone().text()}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  await call('GET', '/api/auth/csrf');
  await call('POST', '/api/auth/login', JSON.stringify({ username, password: DEMO_PASSWORD }), 'application/json');
  const items = (await call('GET', '/api/catalog/items')).items as { id: string; code: string }[];
  const upload = async (name: string, bytes: Buffer, mime: string) => {
    const fd = new FormData();
    fd.append('file', new Blob([new Uint8Array(bytes)], { type: mime }), name);
    return (await call('POST', '/api/uploads', fd)).id as string;
  };
  const pdf = Buffer.from('%PDF-1.4\n% id\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5b1d6a80000000049454e44ae426082', 'hex');
  const receipt = await call(
    'POST',
    '/api/cases',
    JSON.stringify({
      itemId: items.find((i) => i.code === '000101001000')!.id,
      form: { tradeName: '兰州城关区张记牛肉面馆', organisation: '个人经营', scope: '餐饮服务', address: '城关区张掖路 1 号' },
      materials: [
        { code: 'M01', uploadId: await upload('id.pdf', pdf, 'application/pdf') },
        { code: 'M02', uploadId: await upload('lease.png', png, 'image/png') },
      ],
    }),
    'application/json',
  );
  return receipt.caseNo as string;
}

test('kiosk: QR sign-in confirmed on a phone shows my cases; inactivity signs out and ends the session', async () => {
  const caseNo = await submitCaseAs(zhang);

  const kiosk = await suite.newPage({ width: 1280 });
  // A fake clock (time still flows) lets the test jump over the 120 s of inactivity.
  await kiosk.clock.install();
  await kiosk.goto(`${suite.server.url}/kiosk`);
  await kiosk.getByTestId('kiosk-start').waitFor();
  assert.equal(await kiosk.getByTestId('kiosk-qr-button').innerText().then((s) => s.includes('扫码登录')), true);
  for (const id of ['kiosk-password-button', 'kiosk-guide-button', 'kiosk-verify-button']) await kiosk.getByTestId(id).waitFor();
  // Big touch targets and big type.
  const box = (await kiosk.getByTestId('kiosk-qr-button').boundingBox())!;
  assert.ok(box.height >= 200 && box.width >= 400, `big button ${box.width}x${box.height}`);
  const titleSize = await kiosk.locator('.yw-kiosk-big-title').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  assert.ok(titleSize >= 32);
  await shot(kiosk, '60-kiosk-start');

  await kiosk.getByTestId('kiosk-qr-button').click();
  const qr = kiosk.getByTestId('qr-code');
  await qr.waitFor();
  const confirmUrl = (await qr.getAttribute('data-confirm-url'))!;
  assert.match(confirmUrl, /\/qr\/confirm\/[A-Za-z0-9_-]{43}$/);
  await shot(kiosk, '61-kiosk-qr');

  // The citizen's phone, already signed in, opens the QR link.
  const phone = await suite.newPage({ width: 390, userAgent: PHONE_UA });
  await suite.signIn(phone, zhang);
  await phone.goto(confirmUrl);
  await phone.getByTestId('qr-confirm').waitFor();
  assert.match(await phone.getByTestId('qr-device').innerText(), /政务服务自助终端/);
  assert.match(await phone.getByTestId('qr-sign-in-as').innerText(), /张三（本人）/);
  await kiosk.locator('[data-testid="qr-signin"][data-state="scanned"]').waitFor();
  await shot(phone, '62-qr-confirm-phone');
  await phone.getByTestId('qr-confirm-yes').click();
  await phone.locator('[data-testid="qr-confirm-done"][data-result="confirmed"]').waitFor();

  // The kiosk signs in by itself and shows the citizen's cases.
  await kiosk.getByTestId('kiosk-home').waitFor();
  assert.equal(await kiosk.getByTestId('kiosk-user-name').innerText().then((s) => s.trim()), '张三');
  await kiosk.locator(`[data-testid="kiosk-case"][data-case-no="${caseNo}"]`).waitFor();
  await shot(kiosk, '63-kiosk-my-cases');
  const cookie = (await kiosk.context().cookies()).find((c) => c.name === 'yw_session')!;
  assert.equal(cookie.expires, -1, 'the kiosk session cookie ends with the browser');
  assert.equal(cookie.httpOnly, true);
  const db = suite.server.database.db;
  const me = (await kiosk.evaluate(() => fetch('/api/auth/me').then((r) => r.json()))) as { user: { id: string } };
  const kioskSessions = () => db.select().from(sessions).where(and(eq(sessions.accountId, me.user.id), eq(sessions.channel, 'kiosk')));
  assert.equal((await kioskSessions()).length, 1);

  // Nearly two minutes without a touch: the warning counts down the last seconds.
  await kiosk.clock.fastForward('01:41');
  await kiosk.getByTestId('kiosk-idle-warning').waitFor();
  const left = Number(await kiosk.getByTestId('kiosk-idle-left').innerText());
  assert.ok(left > 0 && left <= 20, `countdown ${left}`);
  await kiosk.getByTestId('kiosk-stay').waitFor();
  await kiosk.waitForTimeout(800); // let the dialog's opening animation finish for the picture
  await shot(kiosk, '64-kiosk-idle-warning');
  // "Keep using" resets the count.
  await kiosk.getByTestId('kiosk-stay').click();
  await kiosk.getByTestId('kiosk-idle-warning').waitFor({ state: 'hidden' });
  await kiosk.getByTestId('kiosk-home').waitFor();

  // Then two full minutes: signed out, back at the start screen, nothing left behind.
  await kiosk.clock.fastForward('02:01');
  await kiosk.getByTestId('kiosk-start').waitFor();
  await kiosk.getByTestId('kiosk-user-name').waitFor({ state: 'detached' });
  assert.equal((await kioskSessions()).length, 0, 'the server session is gone');
  assert.equal((await kiosk.context().cookies()).some((c) => c.name === 'yw_session'), false);
  assert.equal(await kiosk.evaluate(() => localStorage.length + sessionStorage.length), 0);
  assert.equal((await kiosk.evaluate(() => fetch('/api/auth/me').then((r) => r.status))), 401);
});

test('kiosk: the password form remembers nothing and refuses staff', async () => {
  const kiosk = await suite.newPage();
  await kiosk.goto(`${suite.server.url}/kiosk`);
  await kiosk.getByTestId('kiosk-password-button').click();
  assert.equal(await kiosk.getByTestId('kiosk-username').getAttribute('autocomplete'), 'off');
  assert.equal(await kiosk.getByTestId('kiosk-password').getAttribute('autocomplete'), 'off');
  await kiosk.getByTestId('kiosk-username').fill('scjg.clerk');
  await kiosk.getByTestId('kiosk-password').fill(DEMO_PASSWORD);
  await kiosk.getByTestId('kiosk-login-submit').click();
  await kiosk.getByTestId('kiosk-login-error').getByText('工作人员请在工作台使用密码和短信验证码登录。').waitFor();
  await shot(kiosk, '65-kiosk-password-staff-refused');
});

test('the sign-in page offers a QR code for a phone to confirm', async () => {
  const desktop = await suite.newPage();
  await desktop.goto(`${suite.server.url}/login`);
  await desktop.getByTestId('login-tab-qr').click();
  const qr = desktop.getByTestId('qr-code');
  await qr.waitFor();
  await shot(desktop, '66-login-qr-tab');
  const phone = await suite.newPage({ width: 390, userAgent: PHONE_UA });
  await suite.signIn(phone, demoCitizens[1]!.phone);
  await phone.goto((await qr.getAttribute('data-confirm-url'))!);
  await phone.getByTestId('qr-confirm-yes').click();
  await desktop.waitForURL((u) => u.pathname === '/my/cases');
  await desktop.getByTestId('user-name').getByText('李四').waitFor();
});
