import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCitizens, demoEntity, demoUnclaimedEntity } from '../../server/demo/seed.js';
import { auditEventsFor } from '../supervision/audit.js';
import { Client, createTestApp, samplePdf, samplePng, type TestContext } from '../../test/app.js';

let ctx: TestContext;
let items: { id: string; code: string }[];
beforeAll(async () => {
  ctx = await createTestApp();
  items = (await new Client(ctx.app).get('/api/catalog/items')).json().items;
});
afterAll(() => ctx.close());

const [zhang, li] = demoCitizens as [(typeof demoCitizens)[0], (typeof demoCitizens)[0]];
const FOOD = '000101002000'; // persons and entities
const NO_CRIMINAL_RECORD = '000120005000'; // persons only
const itemId = (code: string) => items.find((i) => i.code === code)!.id;

async function as(username: string) {
  const c = new Client(ctx.app);
  await c.login(username);
  return c;
}

async function applyFood(c: Client) {
  const m = (name: string) => c.upload(name, name.endsWith('.png') ? samplePng() : samplePdf(), name.endsWith('.png') ? 'image/png' : 'application/pdf').then((r) => r.json().id as string);
  return c.post('/api/cases', {
    itemId: itemId(FOOD),
    form: { operatorName: '兰州黄河牛肉面餐饮有限公司', address: '七里河区西津西路 1 号', category: '餐饮服务经营者', items: '热食类食品制售', safetyManager: '王五' },
    materials: [
      { code: 'M01', uploadId: await m('id.pdf') },
      { code: 'M02', uploadId: await m('plan.png') },
      { code: 'M03', uploadId: await m('health.pdf') },
    ],
  });
}

describe('enterprises and their agents', () => {
  it('lets only the registered legal representative claim an enterprise, with clear errors otherwise', async () => {
    const zhangC = await as(zhang.phone);
    const wrongPerson = await zhangC.post('/api/entities', { creditCode: demoUnclaimedEntity.creditCode, name: demoUnclaimedEntity.name });
    expect(wrongPerson.statusCode).toBe(422);
    expect(wrongPerson.json().code).toBe('ENTITY_MISMATCH');
    const badCheck = await zhangC.post('/api/entities', { creditCode: demoUnclaimedEntity.creditCode.slice(0, 17) + (demoUnclaimedEntity.creditCode.endsWith('1') ? '2' : '1'), name: demoUnclaimedEntity.name });
    expect(badCheck.statusCode).toBe(400);
    expect(badCheck.json().errors[0]).toMatchObject({ path: 'creditCode', message: '统一社会信用代码校验码错误。' });

    const liC = await as(li.phone);
    const claimed = await liC.post('/api/entities', { creditCode: demoUnclaimedEntity.creditCode, name: demoUnclaimedEntity.name });
    expect(claimed.statusCode).toBe(201);
    const mine = (await liC.get('/api/authorisations')).json();
    expect(mine.received).toEqual([expect.objectContaining({ kind: 'legal_representative', principal: expect.objectContaining({ name: demoUnclaimedEntity.name, kind: 'entity' }) })]);
  });

  it('an agent switches into the enterprise, applies for it within the items granted, and every record names both', async () => {
    const liC = await as(li.phone);
    const entityId = (await liC.get('/api/authorisations')).json().received.find((a: { principal: { name: string } }) => a.principal.name === demoUnclaimedEntity.name).principal.id;
    // A name that does not fit the number authorises nobody.
    const typo = await liC.post('/api/authorisations', { principalId: entityId, agent: { idNumber: zhang.idNumber, name: '张叁' }, itemCodes: [FOOD] });
    expect(typo.json().code).toBe('AGENT_UNKNOWN');
    const granted = await liC.post('/api/authorisations', { principalId: entityId, agent: { idNumber: zhang.idNumber, name: zhang.name }, itemCodes: [FOOD], validUntil: '2099-12-31' });
    expect(granted.statusCode).toBe(201);

    const agent = await as(zhang.phone);
    const offer = (await agent.get('/api/authorisations')).json().received.find((a: { id: string }) => a.id === granted.json().id);
    expect(offer).toMatchObject({ kind: 'agent', itemCodes: [FOOD], principal: { name: demoUnclaimedEntity.name } });
    const switched = await agent.request('PUT', '/api/auth/acting-for', { authorisationId: offer.id });
    expect(switched.statusCode).toBe(200);
    expect(switched.json().user).toMatchObject({ name: zhang.name, actingFor: { id: entityId, kind: 'entity', name: demoUnclaimedEntity.name } });

    const notGranted = await agent.post('/api/cases', { itemId: itemId(NO_CRIMINAL_RECORD), form: { purpose: '就业' }, materials: [] });
    expect(notGranted.json().code).toBe('APPLICANT_KIND');
    expect(notGranted.json().detail).toBe('该事项的服务对象为自然人，当前申请主体不能办理。');
    const res = await applyFood(agent);
    expect(res.statusCode).toBe(201);
    const c = (await agent.get(`/api/cases/${res.json().id}`)).json();
    expect(c).toMatchObject({ applicantName: demoUnclaimedEntity.name, submittedBy: { name: zhang.name } });
    expect(c.events[0]).toMatchObject({ action: 'submit', actorName: zhang.name });
    const audit = await auditEventsFor(ctx.database.db, 'case', c.id);
    expect(audit[0]!.detail).toMatchObject({ onBehalfOf: entityId });
    expect(audit[0]!.actorAccountId).not.toBe(entityId);

    // The enterprise's cases are the enterprise's: back as himself, 张三 does not see it among his own.
    await agent.request('PUT', '/api/auth/acting-for', { authorisationId: null });
    const own = (await agent.get('/api/cases')).json().items.map((i: { id: string }) => i.id);
    expect(own).not.toContain(c.id);
    expect((await agent.get(`/api/cases/${c.id}`)).statusCode).toBe(404);
  });

  it('revoking an authorisation ends acting at once; agents cannot manage authorisations while acting', async () => {
    const liC = await as(li.phone);
    const entityId = (await liC.get('/api/authorisations')).json().received.find((a: { principal: { name: string } }) => a.principal.name === demoUnclaimedEntity.name).principal.id;
    const id = (await liC.post('/api/authorisations', { principalId: entityId, agent: { idNumber: zhang.idNumber, name: zhang.name }, itemCodes: null })).json().id;
    const agent = await as(zhang.phone);
    await agent.request('PUT', '/api/auth/acting-for', { authorisationId: id });
    const whileActing = await agent.post('/api/authorisations', { principalId: entityId, agent: { idNumber: li.idNumber, name: li.name }, itemCodes: null });
    expect(whileActing.json().code).toBe('ACTING_AS_OTHER');

    expect((await liC.request('DELETE', `/api/authorisations/${id}`)).statusCode).toBe(204);
    const me = (await agent.get('/api/auth/me')).json().user;
    expect(me.actingFor).toBeUndefined();
    expect((await agent.request('PUT', '/api/auth/acting-for', { authorisationId: id })).statusCode).toBe(404);
    // Someone else's authorisation id is simply unknown to 张三's own principal.
    const other = await as(zhang.phone);
    expect((await other.request('DELETE', `/api/authorisations/${id}`)).statusCode).toBe(204); // the agent may decline; already revoked is a no-op
    const audit = await auditEventsFor(ctx.database.db, 'authorisation', id);
    expect(audit.map((e) => e.action)).toEqual(['authorisation.granted', 'authorisation.revoked']);
  });

  it('a person authorises another person, e.g. for an elderly parent', async () => {
    const parent = await as(li.phone);
    const me = (await parent.get('/api/auth/me')).json().user;
    const grant = await parent.post('/api/authorisations', { principalId: me.id, agent: { idNumber: zhang.idNumber, name: zhang.name }, itemCodes: [NO_CRIMINAL_RECORD], validUntil: '2099-01-01' });
    expect(grant.statusCode).toBe(201);
    const child = await as(zhang.phone);
    await child.request('PUT', '/api/auth/acting-for', { authorisationId: grant.json().id });
    const up = (await child.upload('id.pdf', samplePdf(), 'application/pdf')).json().id;
    const res = await child.post('/api/cases', { itemId: itemId(NO_CRIMINAL_RECORD), form: { purpose: '就业' }, materials: [{ code: 'M01', uploadId: up }] });
    expect(res.statusCode).toBe(201);
    expect((await parent.get('/api/cases')).json().items.map((i: { id: string }) => i.id)).toContain(res.json().id);
    // Someone who manages neither principal cannot grant for it.
    const stranger = await as(zhang.phone);
    const steal = await stranger.post('/api/authorisations', { principalId: me.id, agent: { idNumber: zhang.idNumber, name: zhang.name }, itemCodes: null });
    expect(steal.statusCode).toBe(404);
    void demoEntity;
  });
});
