import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { Client, createTestApp, type TestContext } from '../../../../test/app.js';
import { demoCitizens, demoEntity } from '../../../../server/demo/seed.js';
import { auditEvents } from '../../../supervision/tables.js';
import { verifyAuditChain } from '../../../supervision/audit.js';
import { authorisations, sessions } from '../../tables.js';
import { qrSignInRequests } from './tables.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const db = () => ctx.database.db;
const zhang = demoCitizens[0]!.phone;
const li = demoCitizens[1]!.phone;
const KIOSK_UA = 'Mozilla/5.0 (X11; Linux x86_64) YiwangKiosk/1.0';
const PHONE_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148';

type Shown = { id: string; confirmUrl: string; qrSvg: string; expiresAt: string; pollIntervalMs: number };

/** A browser (kiosk or desktop) asking for a QR code. */
async function showQr(browser: Client, channel: 'web' | 'kiosk' = 'kiosk'): Promise<Shown> {
  const res = await browser.post('/api/qr-login/requests', { channel }, { 'user-agent': KIOSK_UA });
  expect(res.statusCode).toBe(201);
  return res.json();
}
const poll = (browser: Client, id: string) => browser.get(`/api/qr-login/requests/${id}/status`);
const status = async (browser: Client, id: string) => (await poll(browser, id)).json().status as string;
const tokenFromUrl = (url: string) => url.split('/qr/confirm/')[1]!;

async function phoneOf(username: string) {
  const phone = new Client(ctx.app);
  await phone.login(username);
  return phone;
}

function setCookieLine(res: { headers: Record<string, unknown> }, name: string): string {
  const raw = res.headers['set-cookie'];
  const lines = (Array.isArray(raw) ? raw : [raw]).filter((l): l is string => typeof l === 'string');
  return lines.find((l) => l.startsWith(`${name}=`)) ?? '';
}

async function auditOf(action: string, entityId: string) {
  return db().select().from(auditEvents).where(and(eq(auditEvents.action, action), eq(auditEvents.entityId, entityId)));
}
async function requestRow(token: string) {
  const [row] = await db().select().from(qrSignInRequests).where(sql`${qrSignInRequests.tokenHash} = encode(sha256(convert_to(${token}, 'UTF8')), 'hex')`);
  return row!;
}

describe('QR sign-in (扫码登录)', () => {
  it('signs the kiosk in as the person who confirmed on their phone, in a short kiosk session', async () => {
    const kiosk = new Client(ctx.app);
    const qr = await showQr(kiosk);
    expect(qr.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(qr.confirmUrl).toMatch(new RegExp(`/qr/confirm/${qr.id}$`));
    expect(qr.qrSvg).toContain('<svg');
    expect(new Date(qr.expiresAt).getTime() - Date.now()).toBeGreaterThan(110_000);
    expect(new Date(qr.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(120_000);
    // Only the hash of the id is stored.
    expect((await db().select().from(qrSignInRequests)).some((r) => r.tokenHash === qr.id)).toBe(false);
    expect(await status(kiosk, qr.id)).toBe('pending');
    // The kiosk is not signed in by showing a code.
    expect((await kiosk.get('/api/auth/me')).statusCode).toBe(401);

    const phone = await phoneOf(zhang);
    const scanned = await phone.post(`/api/qr-login/requests/${tokenFromUrl(qr.confirmUrl)}/scan`);
    expect(scanned.statusCode).toBe(200);
    expect(scanned.json()).toMatchObject({ status: 'scanned', channel: 'kiosk', deviceLabel: '政务服务自助终端', userAgent: KIOSK_UA, signInAs: { name: '张三', kind: 'person' } });
    expect(await status(kiosk, qr.id)).toBe('scanned');
    // Not yet confirmed: nothing to collect.
    const early = await kiosk.post(`/api/qr-login/requests/${qr.id}/redeem`);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('QR_LOGIN_PENDING');

    const confirmed = await phone.post(`/api/qr-login/requests/${qr.id}/confirm`);
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().status).toBe('confirmed');
    expect(await status(kiosk, qr.id)).toBe('confirmed');

    const phoneSession = phone.cookies.get('yw_session');
    const redeemed = await kiosk.post(`/api/qr-login/requests/${qr.id}/redeem`, {}, { 'user-agent': KIOSK_UA });
    expect(redeemed.statusCode).toBe(200);
    expect(redeemed.json().user.name).toBe('张三');
    // A fresh session of its own, not the phone's; the phone stays signed in.
    expect(kiosk.cookies.get('yw_session')).toBeTruthy();
    expect(kiosk.cookies.get('yw_session')).not.toBe(phoneSession);
    expect((await phone.get('/api/auth/me')).json().user.name).toBe('张三');
    expect((await kiosk.get('/api/auth/me')).json().user.name).toBe('张三');

    // Kiosk session: a browser-session cookie (no Max-Age, no Expires), a short server lifetime.
    const cookie = setCookieLine(redeemed, 'yw_session');
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).not.toMatch(/Max-Age|Expires/i);
    const list = (await kiosk.get('/api/auth/sessions')).json().items as { channel: string; current: boolean; createdAt: string; expiresAt: string }[];
    const mine = list.find((s) => s.current)!;
    expect(mine.channel).toBe('kiosk');
    const ttl = new Date(mine.expiresAt).getTime() - new Date(mine.createdAt).getTime();
    expect(ttl).toBeGreaterThan(14 * 60_000);
    expect(ttl).toBeLessThanOrEqual(15 * 60_000 + 1000);
    expect(list.find((s) => !s.current)?.channel).toBe('web');

    // Single use: the same request cannot be collected again, even by the same browser.
    expect((await requestRow(qr.id)).status).toBe('used');
    expect((await poll(kiosk, qr.id)).statusCode).toBe(404); // the binding cookie went with the first collection
    const again = await kiosk.post(`/api/qr-login/requests/${qr.id}/redeem`);
    expect(again.statusCode).toBe(404);
    const replayPhone = await phone.post(`/api/qr-login/requests/${qr.id}/confirm`);
    expect(replayPhone.statusCode).toBe(409);
    expect(replayPhone.json().code).toBe('QR_LOGIN_CLOSED');

    // Sign-out ends the kiosk session on the server.
    expect((await kiosk.post('/api/auth/logout')).statusCode).toBe(204);
    const gone = await db().select().from(sessions).where(and(eq(sessions.channel, 'kiosk'), eq(sessions.accountId, redeemed.json().user.id)));
    expect(gone).toHaveLength(0);

    // Audit: confirmed and signed in, on the request; the login itself names the method.
    const row = await requestRow(qr.id);
    expect(row.status).toBe('used');
    expect(await auditOf('qr_login.confirmed', row.id)).toHaveLength(1);
    const signedIn = await auditOf('qr_login.signed_in', row.id);
    expect(signedIn).toHaveLength(1);
    expect(signedIn[0]!.actorAccountId).toBe(redeemed.json().user.id);
    expect(signedIn[0]!.detail).toMatchObject({ channel: 'kiosk', device: '政务服务自助终端' });
    const logins = await db().select().from(auditEvents).where(and(eq(auditEvents.action, 'auth.login'), eq(auditEvents.entityId, redeemed.json().user.id)));
    expect(logins.some((e) => (e.detail as { method?: string; channel?: string }).method === 'qr' && (e.detail as { channel?: string }).channel === 'kiosk')).toBe(true);
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it('a desktop sign-in page gets an ordinary web session', async () => {
    const desktop = new Client(ctx.app);
    const qr = await showQr(desktop, 'web');
    const phone = await phoneOf(li);
    expect((await phone.post(`/api/qr-login/requests/${qr.id}/scan`)).json()).toMatchObject({ channel: 'web', deviceLabel: null });
    await phone.post(`/api/qr-login/requests/${qr.id}/confirm`);
    const res = await desktop.post(`/api/qr-login/requests/${qr.id}/redeem`);
    expect(res.statusCode).toBe(200);
    expect(res.json().user.name).toBe('李四');
    expect(setCookieLine(res, 'yw_session')).toMatch(/Max-Age=43200/);
  });

  it('another browser cannot poll or collect a request it did not make, even with the QR link', async () => {
    const kiosk = new Client(ctx.app);
    const qr = await showQr(kiosk);
    const phone = await phoneOf(zhang);
    await phone.post(`/api/qr-login/requests/${qr.id}/confirm`);

    const thief = new Client(ctx.app);
    const peek = await poll(thief, qr.id);
    expect(peek.statusCode).toBe(404);
    const steal = await thief.post(`/api/qr-login/requests/${qr.id}/redeem`);
    expect(steal.statusCode).toBe(404);
    expect(thief.cookies.has('yw_session')).toBe(false);
    // With its own (different) binding cookie it fares no better.
    await showQr(thief);
    expect((await thief.post(`/api/qr-login/requests/${qr.id}/redeem`)).statusCode).toBe(404);
    // The phone's own session cannot collect it either.
    expect((await phone.post(`/api/qr-login/requests/${qr.id}/redeem`)).statusCode).toBe(404);

    // The asking browser still can.
    expect((await kiosk.post(`/api/qr-login/requests/${qr.id}/redeem`)).statusCode).toBe(200);
  });

  it('a declined request signs nobody in, and cannot be confirmed afterwards', async () => {
    const kiosk = new Client(ctx.app);
    const qr = await showQr(kiosk);
    const phone = await phoneOf(zhang);
    await phone.post(`/api/qr-login/requests/${qr.id}/scan`);
    const declined = await phone.post(`/api/qr-login/requests/${qr.id}/decline`);
    expect(declined.statusCode).toBe(200);
    expect(declined.json().status).toBe('declined');
    expect(await status(kiosk, qr.id)).toBe('declined');
    const res = await kiosk.post(`/api/qr-login/requests/${qr.id}/redeem`);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('QR_LOGIN_CLOSED');
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await phone.post(`/api/qr-login/requests/${qr.id}/confirm`)).statusCode).toBe(409);
    expect((await kiosk.get('/api/auth/me')).statusCode).toBe(401);
    expect(await auditOf('qr_login.declined', (await requestRow(qr.id)).id)).toHaveLength(1);
  });

  it('an expired request can be neither confirmed nor collected (expiry driven through the database)', async () => {
    const kiosk = new Client(ctx.app);
    const qr = await showQr(kiosk);
    const phone = await phoneOf(zhang);
    await phone.post(`/api/qr-login/requests/${qr.id}/scan`);
    const row = await requestRow(qr.id);
    await db().update(qrSignInRequests).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(qrSignInRequests.id, row.id));
    expect(await status(kiosk, qr.id)).toBe('expired');
    phone.lang = 'en';
    const late = await phone.post(`/api/qr-login/requests/${qr.id}/confirm`);
    expect(late.statusCode).toBe(410);
    expect(late.json()).toMatchObject({ code: 'QR_LOGIN_EXPIRED', title: 'QR code expired' });

    // Confirmed in time, collected too late: also refused.
    const qr2 = await showQr(kiosk);
    phone.lang = 'zh-CN';
    await phone.post(`/api/qr-login/requests/${qr2.id}/confirm`);
    await db().update(qrSignInRequests).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(qrSignInRequests.id, (await requestRow(qr2.id)).id));
    const res = await kiosk.post(`/api/qr-login/requests/${qr2.id}/redeem`);
    expect(res.statusCode).toBe(410);
    expect(res.json()).toMatchObject({ code: 'QR_LOGIN_EXPIRED', title: '二维码已过期' });
    expect((await kiosk.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('once one phone has scanned, no other phone can confirm', async () => {
    const kiosk = new Client(ctx.app);
    const qr = await showQr(kiosk);
    const first = await phoneOf(zhang);
    await first.post(`/api/qr-login/requests/${qr.id}/scan`);
    const second = await phoneOf(li);
    const res = await second.post(`/api/qr-login/requests/${qr.id}/confirm`);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('QR_LOGIN_CLOSED');
    expect((await second.post(`/api/qr-login/requests/${qr.id}/scan`)).statusCode).toBe(409);
  });

  it('refuses staff: a QR code cannot stand in for their second factor', async () => {
    const kiosk = new Client(ctx.app);
    const qr = await showQr(kiosk);
    const clerk = await phoneOf('scjg.clerk');
    for (const step of ['scan', 'confirm']) {
      const res = await clerk.post(`/api/qr-login/requests/${qr.id}/${step}`);
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('QR_LOGIN_STAFF');
      expect(res.json().detail).toContain('工作人员账号不能通过扫码登录');
    }
    expect(await status(kiosk, qr.id)).toBe('pending');
    expect((await kiosk.post(`/api/qr-login/requests/${qr.id}/redeem`)).statusCode).toBe(409);
  });

  it('a phone acting for an enterprise signs in the person, not the enterprise', async () => {
    const phone = await phoneOf(zhang);
    const me = (await phone.get('/api/auth/me')).json().user;
    const [auth] = await db().select().from(authorisations).where(eq(authorisations.agentAccountId, me.id));
    const switched = await phone.request('PUT', '/api/auth/acting-for', { authorisationId: auth!.id });
    expect(switched.json().user.actingFor.name).toBe(demoEntity.name);

    const kiosk = new Client(ctx.app);
    const qr = await showQr(kiosk);
    const scanned = (await phone.post(`/api/qr-login/requests/${qr.id}/scan`)).json();
    expect(scanned.signInAs).toEqual({ name: '张三', kind: 'person' });
    await phone.post(`/api/qr-login/requests/${qr.id}/confirm`);
    const res = await kiosk.post(`/api/qr-login/requests/${qr.id}/redeem`);
    expect(res.json().user).toMatchObject({ id: me.id, name: '张三', kind: 'person' });
    const [event] = await auditOf('qr_login.confirmed', (await requestRow(qr.id)).id);
    expect(event!.actorAccountId).toBe(me.id);
    expect(event!.detail).toMatchObject({ actingFor: auth!.principalAccountId });
  });

  it('needs a signed-in phone, and validates the id', async () => {
    const kiosk = new Client(ctx.app);
    const qr = await showQr(kiosk);
    const anonymous = await new Client(ctx.app).post(`/api/qr-login/requests/${qr.id}/confirm`);
    expect(anonymous.statusCode).toBe(401);
    const phone = await phoneOf(zhang);
    expect((await phone.post('/api/qr-login/requests/not-a-token/confirm')).statusCode).toBe(400);
    expect((await phone.post(`/api/qr-login/requests/${'A'.repeat(43)}/confirm`)).statusCode).toBe(404);
    expect((await kiosk.post('/api/qr-login/requests', { channel: 'tv' })).statusCode).toBe(400);
  });
});

describe('kiosk password sign-in', () => {
  it('opens a kiosk session (session cookie, short lifetime) and refuses staff', async () => {
    const options = (await new Client(ctx.app).get('/api/kiosk/options')).json();
    expect(options).toEqual({ label: '政务服务自助终端', idleSeconds: 120, warnSeconds: 20, sessionTtlMinutes: 15 });

    const kiosk = new Client(ctx.app);
    const res = await kiosk.post('/api/kiosk/login', { username: li, password: 'Demo2026!' });
    expect(res.statusCode).toBe(200);
    expect(setCookieLine(res, 'yw_session')).not.toMatch(/Max-Age|Expires/i);
    const [row] = await db().select().from(sessions).where(eq(sessions.accountId, res.json().user.id)).orderBy(sql`${sessions.createdAt} desc`).limit(1);
    expect(row!.channel).toBe('kiosk');
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBeLessThanOrEqual(15 * 60_000 + 1000);

    const staff = await new Client(ctx.app).post('/api/kiosk/login', { username: 'scjg.clerk', password: 'Demo2026!' });
    expect(staff.statusCode).toBe(403);
    expect(staff.json().code).toBe('KIOSK_STAFF');
    expect(staff.cookies.some((c) => c.name === 'yw_session')).toBe(false);
  });
});

describe('rate limits', () => {
  it('limits polling per address', async () => {
    const limited = await createTestApp({ rateLimit: true });
    try {
      const kiosk = new Client(limited.app);
      const res = await kiosk.post('/api/qr-login/requests', { channel: 'kiosk' });
      const id = res.json().id as string;
      let last = 0;
      for (let i = 0; i < 121; i++) last = (await kiosk.get(`/api/qr-login/requests/${id}/status`)).statusCode;
      expect(last).toBe(429);
      const body = (await kiosk.get(`/api/qr-login/requests/${id}/status`)).json();
      expect(body.code).toBe('RATE_LIMITED');
    } finally {
      await limited.close();
    }
  });
});
