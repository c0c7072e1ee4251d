import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { Client, createTestApp, type TestContext } from '../../../../test/app.js';
import { aDayLater, codeFromOutbox } from '../../../../test/sms.js';
import { DEMO_PASSWORD, demoCitizens, demoEntity, demoStaffPhones } from '../../../../server/demo/seed.js';
import { lastMessageTo } from '../../../notify/index.js';
import { findAccountBySignInName } from '../../service.js';
import { newCode } from './service.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const db = () => ctx.database.db;
const zhang = demoCitizens[0]!.phone;
const li = demoCitizens[1]!.phone;

/** Forgets every failure count and sending history, as after a quiet day. */
async function quietDay() {
  await db().execute(sql`DELETE FROM sign_in_throttle`);
  await db().execute(sql`UPDATE otp_challenges SET created_at = created_at - interval '1 day'`);
  await db().execute(sql`UPDATE sms_outbox SET created_at = created_at - interval '1 day'`);
}

const wrongCode = (right: string) => String((Number(right) + 1) % 1_000_000).padStart(6, '0');

async function passwordStep(c: Client, username: string) {
  const account = await findAccountBySignInName(db(), username);
  await aDayLater(db(), account!.id);
  const res = await c.post('/api/auth/login', { username, password: DEMO_PASSWORD });
  expect(res.statusCode).toBe(200);
  return res.json() as { secondFactor: 'sms'; challengeId: string; maskedPhone: string; user?: unknown };
}

describe('one-time codes', () => {
  it('are six random digits', () => {
    const codes = Array.from({ length: 200 }, newCode);
    expect(codes.every((c) => /^\d{6}$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBeGreaterThan(190);
  });
});

describe('sign-in by SMS code', () => {
  it('signs a citizen in with the code from their phone, once', async () => {
    await quietDay();
    const c = new Client(ctx.app);
    const sent = await c.post('/api/auth/sms-code', { phone: zhang });
    expect(sent.statusCode).toBe(202);
    const text = (await lastMessageTo(db(), zhang))!;
    expect(text).toMatch(/^【一网通办】您的验证码为\d{6}，5分钟内有效。请勿泄露。$/);
    const code = await codeFromOutbox(db(), zhang);
    const res = await c.post('/api/auth/login/sms', { phone: zhang, code });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.name).toBe('张三');
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);

    // The same code again, from another device: refused.
    const replay = await new Client(ctx.app).post('/api/auth/login/sms', { phone: zhang, code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('OTP_INVALID');
    expect(replay.json().detail).toBe('验证码不正确或已失效，请重新获取。');
  });

  it('signs an enterprise in by its registered mobile', async () => {
    await quietDay();
    const c = new Client(ctx.app);
    await c.post('/api/auth/sms-code', { phone: demoEntity.phone });
    const res = await c.post('/api/auth/login/sms', { phone: demoEntity.phone, code: await codeFromOutbox(db(), demoEntity.phone) });
    expect(res.json().user.kind).toBe('entity');
  });

  it('gives the same answer for a number without an account, and sends nothing to it', async () => {
    await quietDay();
    const known = await new Client(ctx.app).post('/api/auth/sms-code', { phone: li });
    const unknown = await new Client(ctx.app).post('/api/auth/sms-code', { phone: '13611112222' });
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(unknown.body).toBe(known.body);
    expect(await lastMessageTo(db(), '13611112222')).toBeNull();
    // Asking again too soon is refused the same way for both.
    const knownAgain = await new Client(ctx.app).post('/api/auth/sms-code', { phone: li });
    const unknownAgain = await new Client(ctx.app).post('/api/auth/sms-code', { phone: '13611112222' });
    expect(knownAgain.statusCode).toBe(429);
    expect(knownAgain.json().code).toBe('SMS_TOO_FREQUENT');
    expect(Number(knownAgain.headers['retry-after'])).toBeGreaterThan(0);
    expect(unknownAgain.statusCode).toBe(429);
    expect(unknownAgain.json().code).toBe(knownAgain.json().code);
    // And any code for the unknown number fails like a wrong code.
    const guess = await new Client(ctx.app).post('/api/auth/login/sms', { phone: '13611112222', code: '123456' });
    const wrong = await new Client(ctx.app).post('/api/auth/login/sms', { phone: li, code: wrongCode(await codeFromOutbox(db(), li)) });
    expect(guess.json()).toEqual(wrong.json());
  });

  it('refuses a code after its five minutes', async () => {
    await quietDay();
    const c = new Client(ctx.app);
    await c.post('/api/auth/sms-code', { phone: li });
    const code = await codeFromOutbox(db(), li);
    await db().execute(sql`UPDATE otp_challenges SET expires_at = now() - interval '1 second' WHERE consumed_at IS NULL`);
    expect((await c.post('/api/auth/login/sms', { phone: li, code })).json().code).toBe('OTP_INVALID');
  });

  it('uses a challenge up after five wrong codes, even once the lockout is over', async () => {
    await quietDay();
    const c = new Client(ctx.app);
    await c.post('/api/auth/sms-code', { phone: li });
    const code = await codeFromOutbox(db(), li);
    for (let i = 0; i < 5; i++) expect((await c.post('/api/auth/login/sms', { phone: li, code: wrongCode(code) })).json().code).toBe('OTP_INVALID');
    // Five failures also lock the sign-in name, for password and code alike.
    const locked = await c.post('/api/auth/login/sms', { phone: li, code });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('ACCOUNT_LOCKED');
    expect((await c.post('/api/auth/login', { username: li, password: DEMO_PASSWORD })).json().code).toBe('ACCOUNT_LOCKED');
    await db().execute(sql`DELETE FROM sign_in_throttle`);
    expect((await c.post('/api/auth/login/sms', { phone: li, code })).json().code).toBe('OTP_INVALID');
  });

  it('counts wrong passwords and wrong codes in one failure count', async () => {
    await quietDay();
    const c = new Client(ctx.app);
    for (let i = 0; i < 3; i++) await c.post('/api/auth/login', { username: li, password: 'Wrong-2026' });
    await c.post('/api/auth/sms-code', { phone: li });
    const code = await codeFromOutbox(db(), li);
    for (let i = 0; i < 2; i++) await c.post('/api/auth/login/sms', { phone: li, code: wrongCode(code) });
    expect((await c.post('/api/auth/login/sms', { phone: li, code })).json().code).toBe('ACCOUNT_LOCKED');
  });

  it('asks for a 6-digit code and a mainland mobile, in the user’s language', async () => {
    const c = new Client(ctx.app);
    c.lang = 'en';
    const res = await c.post('/api/auth/login/sms', { phone: '12345', code: '12ab' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { path: 'phone', message: 'Enter an 11-digit mainland China mobile number.' },
      { path: 'code', message: 'Enter the 6-digit code.' },
    ]);
  });
});

describe('staff sign in with two factors', () => {
  const clerkPhone = demoStaffPhones['scjg.clerk']!;

  it('answers a correct staff password with a second step and no session', async () => {
    await quietDay();
    const c = new Client(ctx.app);
    const step = await passwordStep(c, 'scjg.clerk');
    expect(step).toEqual({ secondFactor: 'sms', challengeId: expect.any(String), maskedPhone: '139****0011', methods: ['sms'] });
    expect(step.user).toBeUndefined();
    expect(c.cookies.has('yw_session')).toBe(false);
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
    expect(await lastMessageTo(db(), clerkPhone)).toMatch(/^【一网通办】您正在登录政务服务工作台，验证码为\d{6}，5分钟内有效。如非本人操作，请立即联系管理员。$/);

    const res = await c.post('/api/auth/login/second-factor', { challengeId: step.challengeId, code: await codeFromOutbox(db(), clerkPhone) });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.kind).toBe('staff');
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('gets no session from a wrong code, someone else’s challenge, or a used one', async () => {
    await quietDay();
    const clerk = new Client(ctx.app);
    const approver = new Client(ctx.app);
    const a = await passwordStep(clerk, 'scjg.clerk');
    const b = await passwordStep(approver, 'scjg.approver');
    const codeA = await codeFromOutbox(db(), clerkPhone);
    const codeB = await codeFromOutbox(db(), demoStaffPhones['scjg.approver']!);

    expect((await clerk.post('/api/auth/login/second-factor', { challengeId: a.challengeId, code: wrongCode(codeA) })).json().code).toBe('OTP_INVALID');
    // The approver's own code does not open the clerk's challenge, nor the clerk's code the approver's.
    expect((await approver.post('/api/auth/login/second-factor', { challengeId: a.challengeId, code: codeB })).json().code).toBe('OTP_INVALID');
    expect((await clerk.post('/api/auth/login/second-factor', { challengeId: b.challengeId, code: codeA })).json().code).toBe('OTP_INVALID');
    expect(clerk.cookies.has('yw_session') || approver.cookies.has('yw_session')).toBe(false);

    expect((await clerk.post('/api/auth/login/second-factor', { challengeId: a.challengeId, code: codeA })).statusCode).toBe(200);
    const again = new Client(ctx.app);
    expect((await again.post('/api/auth/login/second-factor', { challengeId: a.challengeId, code: codeA })).json().code).toBe('OTP_INVALID');
    expect((await again.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('cannot sign staff in by any other route that creates a session', async () => {
    await quietDay();
    const c = new Client(ctx.app);
    // The SMS sign-in sends nothing to a staff phone and accepts no code for it.
    expect((await c.post('/api/auth/sms-code', { phone: clerkPhone })).statusCode).toBe(202);
    expect(await lastMessageTo(db(), clerkPhone)).not.toMatch(/您的验证码为/);
    expect((await c.post('/api/auth/login/sms', { phone: clerkPhone, code: '000000' })).json().code).toBe('OTP_INVALID');
    // A staff second-factor code does not work as an SMS sign-in code.
    await quietDay();
    const step = await passwordStep(c, 'scjg.clerk');
    const code = await codeFromOutbox(db(), clerkPhone);
    expect((await c.post('/api/auth/login/sms', { phone: clerkPhone, code })).json().code).toBe('OTP_INVALID');
    // Password by phone number instead of user name: still a second step.
    await quietDay();
    const byPhone = await c.post('/api/auth/login', { username: clerkPhone, password: DEMO_PASSWORD });
    expect(byPhone.json().secondFactor).toBe('sms');
    // Registering with a staff phone makes no staff session either.
    expect((await c.post('/api/auth/register', { name: '冒充', idNumber: demoCitizens[0]!.idNumber, phone: clerkPhone, password: 'Hz7-river-lamp' })).statusCode).toBe(409);
    expect(c.cookies.has('yw_session')).toBe(false);
    expect(step.challengeId).not.toBe(byPhone.json().challengeId);
  });

  it('counts wrong second-factor codes toward the lockout, which a correct password does not reset', async () => {
    await quietDay();
    const c = new Client(ctx.app);
    for (let round = 0; round < 2; round++) {
      const step = await passwordStep(c, 'ga.clerk');
      const code = await codeFromOutbox(db(), demoStaffPhones['ga.clerk']!);
      const tries = round === 0 ? 4 : 1;
      for (let i = 0; i < tries; i++) await c.post('/api/auth/login/second-factor', { challengeId: step.challengeId, code: wrongCode(code) });
    }
    const locked = await c.post('/api/auth/login', { username: 'ga.clerk', password: DEMO_PASSWORD });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('ACCOUNT_LOCKED');
  });

  it('keeps codes and phone numbers out of the audit log and records each method', async () => {
    const rows = await db().execute(sql`SELECT action, detail::text AS detail FROM audit_events WHERE action LIKE 'auth.%' ORDER BY seq`);
    const events = (rows as unknown as { rows: { action: string; detail: string }[] }).rows;
    const text = JSON.stringify(events);
    for (const phone of [zhang, li, clerkPhone, demoEntity.phone]) expect(text).not.toContain(phone);
    const methods = new Set(events.filter((e) => e.action === 'auth.login').map((e) => JSON.parse(e.detail).method));
    expect(methods).toEqual(new Set(['sms', 'second_factor']));
    expect(events.some((e) => e.action === 'auth.code_sent' && JSON.parse(e.detail).purpose === 'second_factor')).toBe(true);
    expect(events.some((e) => e.action === 'auth.login_failed' && JSON.parse(e.detail).method === 'second_factor')).toBe(true);
    const sent = await db().execute(sql`SELECT text FROM sms_outbox`);
    const codes = (sent as unknown as { rows: { text: string }[] }).rows.map((r) => r.text.match(/\d{6}/)![0]);
    const sentEvents = events.filter((e) => e.action === 'auth.code_sent').map((e) => e.detail).join('');
    for (const code of codes) expect(sentEvents).not.toContain(`"${code}"`);
  });
});

describe('per-address limits', () => {
  it('answers 429 problem+json with Retry-After when one address asks for too many codes', async () => {
    const limited = await createTestApp({ rateLimit: true });
    try {
      const c = new Client(limited.app);
      const answers = [];
      for (let i = 0; i < 6; i++) answers.push(await c.post('/api/auth/sms-code', { phone: `1361111300${i}` }));
      expect(answers.slice(0, 5).map((r) => r.statusCode)).toEqual([202, 202, 202, 202, 202]);
      const res = answers[5]!;
      expect(res.statusCode).toBe(429);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED', title: '操作过于频繁' });
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});
