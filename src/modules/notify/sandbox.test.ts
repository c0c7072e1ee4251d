import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../lib/errors.js';
import { Client, createTestApp, type TestContext } from '../../test/app.js';
import { createSandboxGateway, lastMessageTo, SANDBOX_DAILY_LIMIT } from './sandbox.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

/** A clock the test moves by hand. */
function clock(start = '2026-03-02T01:00:00Z') {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), advance: (seconds: number) => (t += seconds * 1000) };
}

const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as DomainError);

describe('sandbox SMS gateway', () => {
  it('renders the Chinese template and keeps the message in the outbox', async () => {
    const sms = createSandboxGateway(ctx.database.db);
    const { messageId } = await sms.send('13712340001', 'SIGN_IN_CODE', { code: '042917' });
    expect(messageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await lastMessageTo(ctx.database.db, '13712340001')).toBe('【一网通办】您的验证码为042917，5分钟内有效。请勿泄露。');
    // The number is kept sealed like every other personal identifier.
    const rows = await ctx.database.query('SELECT * FROM sms_outbox WHERE id = $1', [messageId]);
    expect(JSON.stringify(rows)).not.toContain('13712340001');
  });

  it('refuses numbers that are not mainland mobiles', async () => {
    const sms = createSandboxGateway(ctx.database.db);
    for (const to of ['12345678901', '1371234000', '+8613712340002', '010-12345678']) {
      expect((await failure(sms.send(to, 'SIGN_IN_CODE', { code: '123456' })))?.code).toBe('SMS_INVALID_NUMBER');
    }
  });

  it('sends one message a minute and ten a day to one number', async () => {
    const c = clock();
    const sms = createSandboxGateway(ctx.database.db, { now: c.now });
    const to = '13712340003';
    await sms.send(to, 'SIGN_IN_CODE', { code: '000001' });
    c.advance(59);
    const early = await failure(sms.send(to, 'SIGN_IN_CODE', { code: '000002' }));
    expect(early?.code).toBe('SMS_TOO_FREQUENT');
    expect(early?.params.seconds).toBe(1);
    // Another number is not held up.
    await sms.send('13712340004', 'SIGN_IN_CODE', { code: '000003' });
    for (let i = 1; i < SANDBOX_DAILY_LIMIT; i++) {
      c.advance(61);
      await sms.send(to, 'SIGN_IN_CODE', { code: String(i).padStart(6, '0') });
    }
    c.advance(61);
    const daily = await failure(sms.send(to, 'SIGN_IN_CODE', { code: '999999' }));
    expect(daily?.code).toBe('SMS_DAILY_LIMIT');
    // A day after the first message, one more fits.
    c.advance(24 * 3600 - 10 * 61 + 5);
    await sms.send(to, 'SIGN_IN_CODE', { code: '777777' });
  });
});

describe('the outbox page', () => {
  const fromElsewhere = (headers: Record<string, string> = {}) =>
    ctx.app.inject({ method: 'GET', url: '/api/ops/sms-outbox', remoteAddress: '10.1.2.3', headers });

  it('is open to anyone on this machine while the sandbox runs, with phones masked', async () => {
    await createSandboxGateway(ctx.database.db).send('13712340005', 'SIGN_IN_CODE', { code: '314159' });
    const res = await new Client(ctx.app).get('/api/ops/sms-outbox');
    expect(res.statusCode).toBe(200);
    const item = res.json().items.find((i: { text: string }) => i.text.includes('314159'));
    expect(item.maskedPhone).toBe('137****0005');
    expect(res.body).not.toContain('13712340005');
    const options = await new Client(ctx.app).get('/api/auth/options');
    expect(options.json()).toMatchObject({ sms: 'sandbox', smsOutboxOpen: true });
  });

  it('is closed to other addresses and to requests relayed by a proxy, except for platform admins', async () => {
    expect((await fromElsewhere()).statusCode).toBe(401);
    const proxied = await ctx.app.inject({ method: 'GET', url: '/api/ops/sms-outbox', headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(proxied.statusCode).toBe(401);
    expect(proxied.headers['content-type']).toContain('application/problem+json');
    const options = await ctx.app.inject({ method: 'GET', url: '/api/auth/options', remoteAddress: '10.1.2.3' });
    expect(options.json().smsOutboxOpen).toBe(false);

    const clerk = new Client(ctx.app);
    await clerk.login('scjg.clerk');
    const cookie = (c: Client) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    expect((await fromElsewhere({ cookie: cookie(clerk) })).statusCode).toBe(403);
    const admin = new Client(ctx.app);
    await admin.login('zwfw.platform_admin');
    expect((await fromElsewhere({ cookie: cookie(admin) })).statusCode).toBe(200);
  });
});
