import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeIdNumber } from '../../../../lib/identifiers.js';
import { demoRegistryPeople, syntheticPopulation } from '../../../registry/synthetic.js';
import { auditEventsFor } from '../../../supervision/audit.js';
import { Client, createTestApp, type TestContext } from '../../../../test/app.js';
import { codeFromOutbox, prepareStaffSignIn } from '../../../../test/sms.js';
import { SoftAuthenticator, expireWebauthnChallenge } from '../../../../test/webauthn.js';
import { DEMO_PASSWORD } from '../../../../server/demo/seed.js';

const ORIGIN = 'http://localhost:3000';
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp({ config: { PUBLIC_URL: ORIGIN } });
});
afterAll(() => ctx.close());

const PASSWORD = 'Lanzhou#2026';
let phoneSeq = 13711110000;

async function register(name: string, idNumber: string) {
  const c = new Client(ctx.app);
  const res = await c.post('/api/auth/register', { name, idNumber, phone: String(++phoneSeq), password: PASSWORD });
  expect(res.statusCode).toBe(201);
  return { c, user: res.json().user as { id: string; level: number } };
}

/** Adds a passkey the way the browser does: options, the authenticator's answer, verification. */
async function addPasskey(c: Client, device: SoftAuthenticator, name = '我的手机') {
  const start = await c.post('/api/auth/passkeys/register/options');
  expect(start.statusCode).toBe(200);
  const { challengeId, options } = start.json();
  return c.post('/api/auth/passkeys/register', { challengeId, name, response: device.create(options) });
}

async function signInWithPasskey(c: Client, device: SoftAuthenticator) {
  const start = await c.post('/api/auth/passkeys/sign-in/options');
  expect(start.statusCode).toBe(200);
  const { challengeId, options } = start.json();
  return c.post('/api/auth/passkeys/sign-in', { challengeId, response: device.get(options) });
}

const uniqueIdNumber = (seq: number) => completeIdNumber(`62010220000101${String(100 + seq)}`);

describe('passkeys', () => {
  it('raises an L2 account to L3 when it adds a passkey, audited in the same step, and signs in with the passkey alone', async () => {
    const { wangFang } = demoRegistryPeople;
    const { c, user } = await register(wangFang.name, wangFang.idNumber);
    expect(user.level).toBe(2);
    const device = new SoftAuthenticator(ORIGIN);

    const added = await addPasskey(c, device, '王芳的手机');
    expect(added.statusCode).toBe(201);
    expect(added.json().user.level).toBe(3);
    expect(added.json().passkey).toMatchObject({ name: '王芳的手机', lastUsedAt: null });
    expect((await c.get('/api/auth/me')).json().user.level).toBe(3);

    const audit = (await auditEventsFor(ctx.database.db, 'account', user.id)).map((e) => ({ action: e.action, detail: e.detail }));
    expect(audit.map((e) => e.action)).toEqual(['account.register', 'auth.login', 'passkey.added', 'account.level_raised']);
    expect(audit[3]!.detail).toEqual({ from: 2, to: 3, how: 'passkey' });

    // Signed out, a new browser signs in with nothing but the passkey.
    await c.post('/api/auth/logout');
    const fresh = new Client(ctx.app);
    const res = await signInWithPasskey(fresh, device);
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ id: user.id, level: 3, name: wangFang.name });
    expect((await fresh.get('/api/auth/me')).json().user.id).toBe(user.id);
    const list = (await fresh.get('/api/auth/passkeys')).json().items;
    expect(list).toHaveLength(1);
    expect(list[0].lastUsedAt).not.toBeNull();
    const logins = (await auditEventsFor(ctx.database.db, 'account', user.id)).filter((e) => e.action === 'auth.login');
    expect(logins.at(-1)!.detail).toEqual({ method: 'passkey' });
  });

  it('leaves an L1 account at L1: a passkey proves a device, not who the person is', async () => {
    const { c, user } = await register('路人乙', uniqueIdNumber(1));
    expect(user.level).toBe(1);
    const added = await addPasskey(c, new SoftAuthenticator(ORIGIN));
    expect(added.statusCode).toBe(201);
    expect(added.json().user.level).toBe(1);
    const actions = (await auditEventsFor(ctx.database.db, 'account', user.id)).map((e) => e.action);
    expect(actions).toContain('passkey.added');
    expect(actions).not.toContain('account.level_raised');
  });

  it('refuses a cloned authenticator whose counter does not move forward', async () => {
    const { c, user } = await register('路人丙', uniqueIdNumber(2));
    const device = new SoftAuthenticator(ORIGIN);
    expect((await addPasskey(c, device)).statusCode).toBe(201);
    expect((await signInWithPasskey(new Client(ctx.app), device)).statusCode).toBe(200);

    // A copy of the key with the counter where the original last stood.
    device.counter -= 1;
    const clone = new Client(ctx.app);
    const res = await signInWithPasskey(clone, device);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'PASSKEY_INVALID', title: '通行密钥验证未通过' });
    expect((await clone.get('/api/auth/me')).statusCode).toBe(401);
    const failed = (await auditEventsFor(ctx.database.db, 'account', user.id)).filter((e) => e.action === 'auth.login_failed');
    expect(failed.at(-1)!.detail).toMatchObject({ method: 'passkey' });
  });

  it('answers each challenge once, and only within five minutes', async () => {
    const { c } = await register('路人丁', uniqueIdNumber(3));
    const device = new SoftAuthenticator(ORIGIN);
    expect((await addPasskey(c, device)).statusCode).toBe(201);

    const browser = new Client(ctx.app);
    const { challengeId, options } = (await browser.post('/api/auth/passkeys/sign-in/options')).json();
    expect((await browser.post('/api/auth/passkeys/sign-in', { challengeId, response: device.get(options) })).statusCode).toBe(200);
    // The same challenge again, even with a fresh valid signature: refused.
    const again = new Client(ctx.app);
    const reused = await again.post('/api/auth/passkeys/sign-in', { challengeId, response: device.get(options) });
    expect(reused.statusCode).toBe(400);
    expect(reused.json().code).toBe('PASSKEY_CHALLENGE_EXPIRED');
    expect((await again.get('/api/auth/me')).statusCode).toBe(401);

    const late = new Client(ctx.app);
    late.lang = 'en';
    const start = (await late.post('/api/auth/passkeys/sign-in/options')).json();
    await expireWebauthnChallenge(ctx.database.db, start.challengeId);
    const expired = await late.post('/api/auth/passkeys/sign-in', { challengeId: start.challengeId, response: device.get(start.options) });
    expect(expired.statusCode).toBe(400);
    expect(expired.json().detail).toBe('This passkey request has expired (after 5 minutes) or was already used. Please start again.');
  });

  it('refuses an answer made for another site (phishing origin)', async () => {
    const { c } = await register('路人戊', uniqueIdNumber(4));
    const device = new SoftAuthenticator(ORIGIN);
    expect((await addPasskey(c, device)).statusCode).toBe(201);
    const browser = new Client(ctx.app);
    const { challengeId, options } = (await browser.post('/api/auth/passkeys/sign-in/options')).json();
    const res = await browser.post('/api/auth/passkeys/sign-in', { challengeId, response: device.get(options, { origin: 'http://localhost:3000.evil.example' }) });
    expect(res.statusCode).toBe(401);
  });

  it("lists, renames and removes one's own passkeys; another account's passkey is not found", async () => {
    const a = await register('路人己', uniqueIdNumber(5));
    const b = await register('路人庚', uniqueIdNumber(6));
    const device = new SoftAuthenticator(ORIGIN);
    const pk = (await addPasskey(a.c, device, '旧名字')).json().passkey;

    expect((await b.c.request('DELETE', `/api/auth/passkeys/${pk.id}`)).statusCode).toBe(404);
    expect((await b.c.request('PUT', `/api/auth/passkeys/${pk.id}`, { name: '偷来的' })).statusCode).toBe(404);
    expect((await b.c.get('/api/auth/passkeys')).json().items).toEqual([]);

    const renamed = await a.c.request('PUT', `/api/auth/passkeys/${pk.id}`, { name: '办公室电脑' });
    expect(renamed.json().passkey.name).toBe('办公室电脑');
    expect((await a.c.get('/api/auth/passkeys')).json().items.map((p: { name: string }) => p.name)).toEqual(['办公室电脑']);

    // The same device cannot be added twice.
    const twice = await addPasskey(a.c, device);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('PASSKEY_EXISTS');

    expect((await a.c.request('DELETE', `/api/auth/passkeys/${pk.id}`)).statusCode).toBe(204);
    expect((await a.c.get('/api/auth/passkeys')).json().items).toEqual([]);
    // A removed passkey signs no one in.
    expect((await signInWithPasskey(new Client(ctx.app), device)).statusCode).toBe(401);
    const actions = (await auditEventsFor(ctx.database.db, 'account', a.user.id)).map((e) => e.action);
    expect(actions.filter((x) => x.startsWith('passkey.'))).toEqual(['passkey.added', 'passkey.renamed', 'passkey.removed']);
  });

  it('counts failed passkey sign-ins toward the same lockout as passwords', async () => {
    const idNumber = uniqueIdNumber(7);
    const { c } = await register('路人辛', idNumber);
    const device = new SoftAuthenticator(ORIGIN);
    expect((await addPasskey(c, device)).statusCode).toBe(201);
    for (let i = 0; i < 5; i++) {
      const browser = new Client(ctx.app);
      const { challengeId, options } = (await browser.post('/api/auth/passkeys/sign-in/options')).json();
      const answer = device.get(options);
      answer.response.signature = answer.response.signature.slice(0, -4) + 'AAAA';
      expect((await browser.post('/api/auth/passkeys/sign-in', { challengeId, response: answer })).statusCode).toBe(401);
    }
    const password = await new Client(ctx.app).post('/api/auth/login', { username: idNumber, password: PASSWORD });
    expect(password.statusCode).toBe(429);
    expect(password.json().code).toBe('ACCOUNT_LOCKED');
    const passkey = await signInWithPasskey(new Client(ctx.app), device);
    expect(passkey.json().code).toBe('ACCOUNT_LOCKED');
  });

  it('lets a staff member with a passkey answer the second step with it, never the password alone', async () => {
    const username = 'scjg.approver';
    const staff = new Client(ctx.app);
    await staff.login(username);
    const device = new SoftAuthenticator(ORIGIN);
    const added = await addPasskey(staff, device, '工作电脑');
    expect(added.statusCode).toBe(201);
    expect(added.json().user.level).toBe(3); // staff levels are not touched

    // The passkey alone does not sign a staff member in.
    const alone = new Client(ctx.app);
    const refused = await signInWithPasskey(alone, device);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('PASSKEY_STAFF_NEEDS_PASSWORD');
    expect((await alone.get('/api/auth/me')).statusCode).toBe(401);

    const prepared = (await prepareStaffSignIn(ctx.database.db, username))!;
    const browser = new Client(ctx.app);
    const step1 = await browser.post('/api/auth/login', { username, password: DEMO_PASSWORD });
    expect(step1.json()).toMatchObject({ secondFactor: 'sms', methods: ['sms', 'passkey'] });
    expect((await browser.get('/api/auth/me')).statusCode).toBe(401);

    const start = await browser.post('/api/auth/passkeys/second-factor/options', { challengeId: step1.json().challengeId });
    expect(start.statusCode).toBe(200);
    expect(start.json().options.allowCredentials.map((c: { id: string }) => c.id)).toEqual([device.id]);
    const done = await browser.post('/api/auth/passkeys/second-factor', { challengeId: start.json().challengeId, response: device.get(start.json().options) });
    expect(done.statusCode).toBe(200);
    expect(done.json().user.roles).toContain('approver');
    expect((await browser.get('/api/auth/me')).statusCode).toBe(200);

    // The SMS code of that step is spent too.
    const code = await codeFromOutbox(ctx.database.db, prepared.phone);
    const late = await new Client(ctx.app).post('/api/auth/login/second-factor', { challengeId: step1.json().challengeId, code });
    expect(late.json().code).toBe('OTP_INVALID');

    // A staff member without a passkey is offered the SMS code only.
    await prepareStaffSignIn(ctx.database.db, 'scjg.clerk');
    const other = await new Client(ctx.app).post('/api/auth/login', { username: 'scjg.clerk', password: DEMO_PASSWORD });
    expect(other.json().methods).toEqual(['sms']);
    const none = await new Client(ctx.app).post('/api/auth/passkeys/second-factor/options', { challengeId: other.json().challengeId });
    expect(none.statusCode).toBe(404);
  });

  it("will not answer one staff member's second step with another's passkey", async () => {
    const owner = new Client(ctx.app);
    await owner.login('ga.approver');
    const ownersDevice = new SoftAuthenticator(ORIGIN);
    expect((await addPasskey(owner, ownersDevice)).statusCode).toBe(201);
    const other = new Client(ctx.app);
    await other.login('mz.clerk');
    expect((await addPasskey(other, new SoftAuthenticator(ORIGIN))).statusCode).toBe(201);

    await prepareStaffSignIn(ctx.database.db, 'mz.clerk');
    const browser = new Client(ctx.app);
    const step1 = await browser.post('/api/auth/login', { username: 'mz.clerk', password: DEMO_PASSWORD });
    const { challengeId, options } = (await browser.post('/api/auth/passkeys/second-factor/options', { challengeId: step1.json().challengeId })).json();
    const res = await browser.post('/api/auth/passkeys/second-factor', { challengeId, response: ownersDevice.get(options) });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('PASSKEY_INVALID');
    expect((await browser.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('keeps passkeys one’s own: an agent acting for the person can neither list, rename nor remove them', async () => {
    const person = syntheticPopulation(300)[11]!;
    const { c: principal, user } = await register(person.name, person.idNumber);
    const added = await addPasskey(principal, new SoftAuthenticator(ORIGIN), '本人的手机');
    expect(added.statusCode).toBe(201);
    const passkeyId = added.json().passkey.id as string;

    const agentPerson = syntheticPopulation(300)[12]!;
    const { c: agent } = await register(agentPerson.name, agentPerson.idNumber);
    const granted = await principal.post('/api/authorisations', { principalId: user.id, agent: { idNumber: agentPerson.idNumber, name: agentPerson.name }, itemCodes: null });
    expect(granted.statusCode).toBe(201);
    expect((await agent.request('PUT', '/api/auth/acting-for', { authorisationId: granted.json().id })).statusCode).toBe(200);

    const listed = await agent.get('/api/auth/passkeys');
    expect(listed.statusCode).toBe(409);
    expect(listed.json().code).toBe('ACTING_AS_OTHER');
    expect((await agent.request('PUT', `/api/auth/passkeys/${passkeyId}`, { name: '被改名' })).json().code).toBe('ACTING_AS_OTHER');
    expect((await agent.request('DELETE', `/api/auth/passkeys/${passkeyId}`)).json().code).toBe('ACTING_AS_OTHER');
    expect((await principal.get('/api/auth/passkeys')).json().items).toEqual([expect.objectContaining({ id: passkeyId, name: '本人的手机' })]);
  });
});
