import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { Client, createTestApp, type TestContext } from '../../test/app.js';
import { DEMO_PASSWORD, demoCitizens } from '../../server/demo/seed.js';
import { eq } from 'drizzle-orm';
import { lockSecondsAfter, recordSignInFailure, signInKey } from './service.js';
import { signInThrottle } from './tables.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const tryLogin = (c: Client, username: string, password: string) => c.post('/api/auth/login', { username, password });

describe('lockout after repeated failures', () => {
  it('grows the wait with every further failure, up to an hour', () => {
    expect([1, 4, 5, 6, 7, 20].map(lockSecondsAfter)).toEqual([0, 0, 30, 60, 120, 3600]);
  });

  it('locks a sign-in name after five wrong passwords, even against the right one, and unlocks when the wait is over', async () => {
    const c = new Client(ctx.app);
    const phone = demoCitizens[0]!.phone;
    for (let i = 0; i < 5; i++) expect((await tryLogin(c, phone, 'Wrong-2026')).json().code).toBe('BAD_CREDENTIALS');
    const locked = await tryLogin(c, phone, DEMO_PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('ACCOUNT_LOCKED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.json().detail).toMatch(/请 \d+ 秒后再试/);

    await ctx.database.db.execute(sql`UPDATE sign_in_throttle SET locked_until = now() - interval '1 second'`);
    expect((await tryLogin(c, phone, DEMO_PASSWORD)).statusCode).toBe(200);
    // Success forgives: one more wrong password does not lock again.
    expect((await tryLogin(new Client(ctx.app), phone, 'Wrong-2026')).json().code).toBe('BAD_CREDENTIALS');
    expect((await tryLogin(new Client(ctx.app), phone, DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('counts every wrong password when many arrive at once (on several instances), so parallel guessing gains nothing', async () => {
    const key = signInKey('13911113333');
    await Promise.all(
      Array.from({ length: 10 }, () => ctx.database.db.transaction((tx) => recordSignInFailure(tx, { key, accountId: null, method: 'password' }))),
    );
    const [row] = await ctx.database.db.select().from(signInThrottle).where(eq(signInThrottle.nameHash, key));
    expect(row!.failures).toBe(10);
    expect(row!.lockedUntil!.getTime() - row!.lastFailureAt.getTime()).toBe(lockSecondsAfter(10) * 1000);
  });

  it('locks unknown names the same way, so a lockout reveals nothing', async () => {
    const c = new Client(ctx.app);
    for (let i = 0; i < 5; i++) await tryLogin(c, '13911112222', 'Wrong-2026');
    const res = await tryLogin(c, '13911112222', 'Wrong-2026');
    expect(res.statusCode).toBe(429);
    expect(res.json().code).toBe('ACCOUNT_LOCKED');
  });
});

describe('session list and sign-out everywhere', () => {
  it('lists the caller’s devices, ends one of them, then all', async () => {
    const phone = demoCitizens[1]!.phone;
    const laptop = new Client(ctx.app);
    const phoneApp = new Client(ctx.app);
    await laptop.login(phone);
    await phoneApp.request('POST', '/api/auth/login', { username: phone, password: DEMO_PASSWORD }, { 'user-agent': 'YiwangMobile/1.0' });
    const list = (await laptop.get('/api/auth/sessions')).json().items;
    expect(list.length).toBeGreaterThanOrEqual(2);
    expect(list.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    const other = list.find((s: { userAgent: string | null }) => s.userAgent === 'YiwangMobile/1.0');
    expect(other.current).toBe(false);

    // Someone else cannot end it; the owner can.
    const stranger = new Client(ctx.app);
    await stranger.login('scjg.clerk');
    expect((await stranger.request('DELETE', `/api/auth/sessions/${other.id}`)).statusCode).toBe(404);
    expect((await phoneApp.get('/api/auth/me')).statusCode).toBe(200);
    expect((await laptop.request('DELETE', `/api/auth/sessions/${other.id}`)).statusCode).toBe(204);
    expect((await phoneApp.get('/api/auth/me')).statusCode).toBe(401);

    await phoneApp.login(phone);
    const ended = await laptop.post('/api/auth/logout-everywhere');
    expect(ended.json().ended).toBeGreaterThanOrEqual(2);
    expect((await laptop.get('/api/auth/me')).statusCode).toBe(401);
    expect((await phoneApp.get('/api/auth/me')).statusCode).toBe(401);
  });
});
