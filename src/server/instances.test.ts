import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, type Database } from '../db/client.js';
import { DEMO_PASSWORD, demoCitizens } from './demo/seed.js';
import { installKeyring, parseKeyring } from '../lib/secretbox.js';
import { loadActor } from '../modules/identity/index.js';
import { revokeLicence } from '../modules/licences/index.js';
import { TEST_MASTER_KEYS } from '../test/global-setup.js';
import { createEmptyPostgresDatabase, HttpClient, multiInstanceSkipReason, startServerProcess, type ServerProcess } from '../test/instances.js';
import { codeFromOutbox, prepareStaffSignIn } from '../test/sms.js';
import { samplePdf } from '../test/app.js';

/**
 * Two real server processes on one PostgreSQL database, reached over HTTP like a load balancer
 * would spread one person's requests: whatever one instance knows, the other must know too.
 */
const skipReason = multiInstanceSkipReason();
if (skipReason) console.warn(`two-instance test skipped: ${skipReason}`);

let a: ServerProcess;
let b: ServerProcess;
let database: Database;
let dropDatabase: () => Promise<void>;

beforeAll(async () => {
  if (skipReason) return;
  installKeyring(parseKeyring(TEST_MASTER_KEYS));
  const empty = await createEmptyPostgresDatabase();
  dropDatabase = empty.drop;
  // Started together on an empty database, as a deployment rolls out: both migrate, one seeds.
  const common = { DATABASE_URL: empty.url, PUBLIC_URL: 'http://yiwang.localhost', JOBS: 'true' };
  const started = await Promise.allSettled([startServerProcess({ ...common, SEED_DEMO: 'true' }), startServerProcess({ ...common, SEED_DEMO: 'false' })]);
  const [sa, sb] = started;
  if (sa!.status === 'fulfilled') a = sa!.value;
  if (sb!.status === 'fulfilled') b = sb!.value;
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  database = await openPostgres(empty.url, 2);
}, 180_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await database?.close();
  await dropDatabase?.();
}, 60_000);

/** Password, then the SMS code, each step sent to the instance given. */
async function staffSignIn(client: HttpClient, username: string, passwordAt: string, codeAt: string) {
  const staff = (await prepareStaffSignIn(database.db, username))!;
  const first = await client.post('/api/auth/login', { username, password: DEMO_PASSWORD }, passwordAt);
  expect(first.status, first.text).toBe(200);
  const code = await codeFromOutbox(database.db, staff.phone);
  const second = await client.post('/api/auth/login/second-factor', { challengeId: first.json.challengeId, code }, codeAt);
  expect(second.status, second.text).toBe(200);
  return second.json.user as { id: string };
}

describe('two server processes on one PostgreSQL', () => {
  it('keep a session made on one usable on the other, and a staff sign-in started on one finishes on the other', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    const citizen = new HttpClient(a.url);
    const signedIn = await citizen.post('/api/auth/login', { username: demoCitizens[0]!.phone, password: DEMO_PASSWORD }, a.url);
    expect(signedIn.status, signedIn.text).toBe(200);
    const me = await citizen.get('/api/auth/me', b.url);
    expect(me.status).toBe(200);
    expect(me.json.user.id).toBe(signedIn.json.user.id);

    const clerk = new HttpClient(a.url);
    const user = await staffSignIn(clerk, 'ga.clerk', a.url, b.url);
    expect((await clerk.get('/api/auth/me', a.url)).json.user.id).toBe(user.id);
    // Signing out on one ends the session on both (the old cookie, replayed, gets nothing).
    const replay = new HttpClient(a.url);
    replay.cookies = new Map(clerk.cookies);
    expect((await clerk.post('/api/auth/logout', {}, b.url)).status).toBe(204);
    expect((await replay.get('/api/auth/me', a.url)).status).toBe(401);
  });

  it('handle one case alternately, and verify its certificate the same on both, revocation included', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    const citizen = new HttpClient(a.url);
    expect((await citizen.post('/api/auth/login', { username: demoCitizens[0]!.phone, password: DEMO_PASSWORD }, b.url)).status).toBe(200);
    const item = (await citizen.get(`/api/catalog/items?q=${encodeURIComponent('无犯罪')}`, a.url)).json.items[0];
    const upload = await citizen.upload('id.pdf', samplePdf(), 'application/pdf', b.url);
    expect(upload.status, upload.text).toBe(201);
    const receipt = await citizen.post('/api/cases', { itemId: item.id, form: { purpose: '就业' }, materials: [{ code: 'M01', uploadId: upload.json.id }] }, a.url);
    expect(receipt.status, receipt.text).toBe(201);

    const clerk = new HttpClient(b.url);
    await staffSignIn(clerk, 'ga.clerk', b.url, a.url);
    const detail = (await clerk.get(`/api/cases/${receipt.json.id}`, a.url)).json;
    expect((await clerk.get(`/api/materials/${detail.materials[0].id}`, b.url)).status).toBe(200);
    const accepted = await clerk.post(`/api/cases/${receipt.json.id}/accept`, {}, b.url);
    expect(accepted.json.status, accepted.text).toBe('accepted');

    const approver = new HttpClient(a.url);
    const approverUser = await staffSignIn(approver, 'ga.approver', a.url, b.url);
    const done = await approver.post(`/api/cases/${receipt.json.id}/approve`, { opinion: '经查询，未发现犯罪记录。' }, a.url);
    expect(done.status, done.text).toBe(200);

    const licence = (await citizen.get(`/api/licences/${done.json.licence.id}`, b.url)).json;
    const code = (licence.verifyUrl as string).split('/verify/')[1]!;
    const anyone = new HttpClient(a.url);
    for (const at of [a.url, b.url]) {
      expect((await anyone.get(`/api/verify/${code}`, at)).json).toMatchObject({ valid: true, licence: { status: 'valid', holderName: '张*' } });
    }
    const approverActor = (await loadActor(database.db, approverUser.id))!;
    await database.db.transaction((tx) => revokeLicence(tx, approverActor, { licenceId: licence.id, reason: '申请人隐瞒有关情况' }));
    for (const at of [b.url, a.url]) {
      expect((await anyone.get(`/api/verify/${code}`, at)).json).toMatchObject({ valid: false, reason: 'revoked' });
    }
  });

  it('count a rate limit over both: the eleventh registration attempt in a minute is refused wherever it lands', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    // Registration allows 10 attempts a minute from one address (the limit counts refused ones too).
    const visitor = new HttpClient(a.url);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await visitor.post('/api/auth/register', {}, i % 2 === 0 ? a.url : b.url)).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(400));
    expect(statuses[10]).toBe(429);
    const refused = await visitor.post('/api/auth/register', {}, b.url);
    expect(refused.status).toBe(429);
    expect(refused.json.code).toBe('RATE_LIMITED');
  });

  it('lock a sign-in name after wrong passwords spread over both, on both', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    const guesser = new HttpClient(a.url);
    const name = demoCitizens[1]!.phone;
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) codes.push((await guesser.post('/api/auth/login', { username: name, password: `wrong-${i}` }, i % 2 === 0 ? a.url : b.url)).json.code);
    expect(codes).toEqual(['BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'BAD_CREDENTIALS']);
    // Five failures lock the name: even the right password is refused, on either instance.
    for (const at of [b.url, a.url]) {
      const res = await new HttpClient(at).post('/api/auth/login', { username: name, password: DEMO_PASSWORD }, at);
      expect(res.status).toBe(429);
      expect(res.json.code).toBe('ACCOUNT_LOCKED');
    }
  });
});
