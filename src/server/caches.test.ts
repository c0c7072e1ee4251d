import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.js';
import { demoCitizens } from './demo/seed.js';
import { loadActor } from '../modules/identity/index.js';
import { revokeLicence } from '../modules/licences/index.js';
import { Client, createTestInstances, samplePdf } from '../test/app.js';

// Two app instances on one database (two processes behind a load balancer): an edit made
// through one must show at once through the other, so no process may cache a row that changes.
let database: Database;
let one: FastifyInstance;
let two: FastifyInstance;
let close: () => Promise<void>;
beforeAll(async () => {
  const instances = await createTestInstances(2, { rateLimit: false, config: { PUBLIC_URL: 'http://yiwang.localhost' } });
  ({ database, close } = instances);
  [one, two] = instances.apps as [FastifyInstance, FastifyInstance];
});
afterAll(() => close());

/** Logs a staff member in on an instance (the SMS sandbox reads the shared database). */
async function staff(app: FastifyInstance, username: string) {
  const c = new Client(app);
  await c.login(username);
  return c;
}

describe('what one instance changes, the other shows at once', () => {
  it('a department renamed through one is the new name on its service items through the other', async () => {
    const visitor = new Client(two);
    const item = (await visitor.get(`/api/catalog/items?q=${encodeURIComponent('无犯罪')}`)).json().items[0];
    const before = (await visitor.get(`/api/catalog/items/${item.id}`)).json();
    expect(before.department.name).toBe('兰州市公安局');

    const admin = await staff(one, 'zwfw.platform_admin');
    const renamed = await admin.request('PUT', `/api/admin/departments/${item.department.id}`, { name: { zh: '兰州市公安局（新）', en: 'Lanzhou Public Security Bureau (new)' } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect((await visitor.get(`/api/catalog/items/${item.id}`)).json().department.name).toBe('兰州市公安局（新）');
  });

  it('a certificate revoked or a licence type renamed through one is reported so by the other', async () => {
    const citizen = new Client(one);
    await citizen.login(demoCitizens[0]!.phone);
    const item = (await citizen.get(`/api/catalog/items?q=${encodeURIComponent('无犯罪')}`)).json().items[0];
    const upload = (await citizen.upload('id.pdf', samplePdf(), 'application/pdf')).json().id;
    const receipt = (await citizen.post('/api/cases', { itemId: item.id, form: { purpose: '就业' }, materials: [{ code: 'M01', uploadId: upload }] })).json();
    await (await staff(two, 'ga.clerk')).post(`/api/cases/${receipt.id}/accept`, {});
    const approver = await staff(one, 'ga.approver');
    const done = (await approver.post(`/api/cases/${receipt.id}/approve`, { opinion: '经查询，未发现犯罪记录。' })).json();
    const licence = (await citizen.get(`/api/licences/${done.licence.id}`)).json();
    const code = licence.verifyUrl.split('/verify/')[1] as string;
    const anyone = new Client(two);
    const first = (await anyone.get(`/api/verify/${code}`)).json();
    expect(first).toMatchObject({ valid: true, licence: { status: 'valid' } });

    // An operator corrects the type's name (the code, which is signed, stays).
    await database.db.execute(sql`UPDATE licence_types SET name = jsonb_set(name, '{zh}', '"无犯罪记录证明（更正）"') WHERE code = (SELECT t.code FROM licence_types t JOIN licences l ON l.type_id = t.id WHERE l.verify_code = ${code})`);
    expect((await anyone.get(`/api/verify/${code}`)).json()).toMatchObject({ valid: true, licence: { typeName: '无犯罪记录证明（更正）' } });

    const approverId = (await approver.get('/api/auth/me')).json().user.id;
    const approverActor = (await loadActor(database.db, approverId))!;
    await database.db.transaction((tx) => revokeLicence(tx, approverActor, { licenceId: licence.id, reason: '申请人隐瞒有关情况' }));
    expect((await anyone.get(`/api/verify/${code}`)).json()).toMatchObject({ valid: false, reason: 'revoked' });
  });

  it('an OIDC signing key rotated through one is in the other’s JWKS at once', async () => {
    const jwks = async (app: FastifyInstance) => ((await app.inject({ method: 'GET', url: '/oidc/jwks' })).json() as { keys: { kid: string }[] }).keys.map((k) => k.kid);
    const before = await jwks(two);
    expect(before.length).toBeGreaterThan(0);
    const admin = await staff(one, 'zwfw.platform_admin');
    const rotated = await admin.post('/api/admin/oidc/keys/rotate');
    expect(rotated.statusCode, rotated.body).toBe(200);
    const active = (rotated.json().items as { kid: string; retiredAt: string | null }[]).find((k) => !k.retiredAt)!;
    expect(before).not.toContain(active.kid);
    expect(await jwks(two)).toContain(active.kid);
  });
});
