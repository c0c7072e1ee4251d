import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { completeIdNumber } from '../../lib/identifiers.js';
import { Client, createTestApp, type TestContext } from '../../test/app.js';
import { demoCitizens, demoEntity } from '../../server/demo/seed.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('registration', () => {
  it('registers a citizen, signs them in and masks the ID number', async () => {
    const c = new Client(ctx.app);
    const idNumber = completeIdNumber('62010219950615302').toLowerCase(); // a lowercase x is accepted
    const res = await c.post('/api/auth/register', { name: '王五', idNumber, phone: '13700000011', password: 'Secret2026' });
    expect(res.statusCode).toBe(201);
    const user = res.json().user;
    expect(user.kind).toBe('person');
    expect(user.maskedIdNumber).toBe(`620102********${idNumber.slice(14).toUpperCase()}`);
    expect(res.body).not.toContain(idNumber.slice(6, 14));
    const me = await c.get('/api/auth/me');
    expect(me.json().user.name).toBe('王五');
    // Signs in again with the ID number, in either case.
    const again = new Client(ctx.app);
    await again.login(idNumber.toUpperCase(), 'Secret2026');
  });

  it('says plainly which part of an ID number is wrong, in the user’s language', async () => {
    const good = completeIdNumber('62010219880808123');
    const wrongDigit = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const c = new Client(ctx.app);
    const res = await c.post('/api/auth/register', { name: '赵六', idNumber: wrongDigit, phone: '13700000012', password: 'Secret2026' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors).toEqual([{ path: 'idNumber', message: '身份证号校验码错误，请核对最后一位。' }]);

    c.lang = 'en';
    const feb29 = completeIdNumber('62010219990229123');
    const res2 = await c.post('/api/auth/register', { name: 'Zhao', idNumber: feb29, phone: '13700000012', password: 'Secret2026' });
    expect(res2.json().errors[0].message).toBe('The birth date inside the ID number is not a real date.');
  });

  it('rejects weak passwords and bad phones, and a second account for the same person', async () => {
    const c = new Client(ctx.app);
    const weak = await c.post('/api/auth/register', { name: '钱七', idNumber: completeIdNumber('62010219700101001'), phone: '1234', password: 'short' });
    expect(weak.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['password', 'phone']);
    const dup = await c.post('/api/auth/register', { name: '张三', idNumber: demoCitizens[0]!.idNumber, phone: '13700000099', password: 'Secret2026' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('ACCOUNT_EXISTS');
  });
});

describe('sign-in and sessions', () => {
  it('gives the same answer for an unknown account and a wrong password', async () => {
    const c = new Client(ctx.app);
    const unknown = await c.post('/api/auth/login', { username: '13999999999', password: 'Whatever1' });
    const wrong = await c.post('/api/auth/login', { username: demoCitizens[0]!.phone, password: 'Whatever1' });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('signs in staff and enterprises by their own identifiers', async () => {
    const staff = await new Client(ctx.app).login('scjg.clerk');
    expect(staff.kind).toBe('staff');
    const ent = await new Client(ctx.app).login(demoEntity.creditCode);
    expect(ent.kind).toBe('entity');
  });

  it('uses an httpOnly session cookie and replaces a planted session id at sign-in', async () => {
    const c = new Client(ctx.app);
    c.cookies.set('yw_session', 'planted-by-attacker');
    const res = await c.post('/api/auth/login', { username: demoCitizens[0]!.phone, password: 'Demo2026!' });
    const setCookie = ([] as string[]).concat(res.headers['set-cookie'] as string[]);
    const session = setCookie.find((s) => s.startsWith('yw_session='))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(c.cookies.get('yw_session')).not.toBe('planted-by-attacker');
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('refuses an expired session', async () => {
    const c = new Client(ctx.app);
    await c.login(demoCitizens[1]!.phone);
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    await ctx.database.db.execute(sql`UPDATE sessions SET expires_at = now() - interval '1 minute'`);
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('ends the session at sign-out', async () => {
    const c = new Client(ctx.app);
    await c.login(demoCitizens[1]!.phone);
    const token = c.cookies.get('yw_session');
    expect((await c.post('/api/auth/logout')).statusCode).toBe(204);
    const stale = new Client(ctx.app);
    stale.cookies.set('yw_session', token!);
    expect((await stale.get('/api/auth/me')).statusCode).toBe(401);
  });
});

describe('operations', () => {
  it('reports health with the database kind and migration version', async () => {
    const res = await new Client(ctx.app).get('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: ctx.database.kind, migration: expect.stringMatching(/^\d{4}_/) });
  });

  it('serves an OpenAPI document generated from the schemas', async () => {
    const res = await new Client(ctx.app).get('/api/docs/json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/cases', '/api/cases/{id}/approve', '/api/verify/{code}', '/api/auth/register']));
    expect(doc.paths['/api/auth/register'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('idNumber');
  });
});
