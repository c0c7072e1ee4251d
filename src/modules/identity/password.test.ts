import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeIdNumber } from '../../lib/identifiers.js';
import { auditEventsFor } from '../supervision/audit.js';
import { Client, createTestApp, type TestContext } from '../../test/app.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('changing one’s password', () => {
  it('needs the current password, applies the policy, and ends every other session', async () => {
    const idNumber = completeIdNumber('62010219880808201');
    const phone = '13711112222';
    const here = new Client(ctx.app);
    expect((await here.post('/api/auth/register', { name: '赵敏', idNumber, phone, password: 'Zhao-first-2026' })).statusCode).toBe(201);
    const elsewhere = new Client(ctx.app);
    await elsewhere.login(phone, 'Zhao-first-2026');

    const wrong = await here.post('/api/auth/password', { currentPassword: 'not-it-2026', newPassword: 'Zhao-second-2026' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([expect.objectContaining({ path: 'currentPassword', message: '当前密码不正确。' })]);
    const same = await here.post('/api/auth/password', { currentPassword: 'Zhao-first-2026', newPassword: 'Zhao-first-2026' });
    expect(same.json().errors[0].path).toBe('newPassword');
    const personal = await here.post('/api/auth/password', { currentPassword: 'Zhao-first-2026', newPassword: `Zhao${idNumber.slice(6, 14)}` });
    expect(personal.json().errors[0]).toMatchObject({ path: 'newPassword' });
    expect((await here.post('/api/auth/password', { currentPassword: 'Zhao-first-2026', newPassword: 'password1' })).json().errors[0].path).toBe('newPassword');

    const ok = await here.post('/api/auth/password', { currentPassword: 'Zhao-first-2026', newPassword: 'Zhao-second-2026' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().otherSessionsEnded).toBe(1);
    // This device stays signed in; the other one is out; only the new password works from now on.
    expect((await here.get('/api/auth/me')).statusCode).toBe(200);
    expect((await elsewhere.get('/api/auth/me')).statusCode).toBe(401);
    expect((await new Client(ctx.app).post('/api/auth/login', { username: phone, password: 'Zhao-first-2026' })).statusCode).toBe(401);
    expect((await new Client(ctx.app).post('/api/auth/login', { username: phone, password: 'Zhao-second-2026' })).statusCode).toBe(200);
    const me = (await here.get('/api/auth/me')).json().user;
    const audit = await auditEventsFor(ctx.database.db, 'account', me.id);
    expect(audit.map((e) => e.action)).toContain('account.password_changed');
    expect(JSON.stringify(audit)).not.toContain('Zhao-second-2026');
  });
});
