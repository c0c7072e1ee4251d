import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { Client, createTestApp, samplePdf, type TestContext } from '../../test/app.js';
import { createDepartment, createItem, createPerson, createStaff, signIn, type TestDepartment, type TestPerson, type TestStaff } from '../../test/factories.js';
import type { FlowStep } from '../catalog/index.js';
import { serviceItems } from '../catalog/tables.js';
import { auditEvents } from '../supervision/tables.js';
import { cases } from './tables.js';

/**
 * 移送 (a case in intake to another department) and 转办 (an approver's task to another
 * department): who may, when, to where, and what each side sees afterwards.
 */
let ctx: TestContext;
let own: TestDepartment;
let impl: TestDepartment;
let third: TestDepartment;
let part: TestDepartment;
let person: TestPerson;
let shared: { id: string };
let sharedElsewhere: { id: string; currentVersionId: string | null };
let solo: { id: string };
let parallel: { id: string };
const s: Record<string, TestStaff> = {};
const t = (zh: string, en: string) => ({ zh, en });

beforeAll(async () => {
  ctx = await createTestApp();
  const { db } = ctx.database;
  [own, impl, third, part] = [await createDepartment(db), await createDepartment(db), await createDepartment(db), await createDepartment(db)];
  s.ownClerk = await createStaff(db, own.id, ['clerk']);
  s.ownApprover = await createStaff(db, own.id, ['approver']);
  s.implClerk = await createStaff(db, impl.id, ['clerk'], { name: '受理员乙' });
  s.thirdClerk = await createStaff(db, third.id, ['clerk']);
  s.thirdApprover = await createStaff(db, third.id, ['approver']);
  s.partApprover = await createStaff(db, part.id, ['approver']);
  person = await createPerson(db);
  // Two implementations of one basic item (基本目录): own's, and impl's promising 3 working days.
  shared = await createItem(db, own.id);
  const other = await createItem(db, impl.id, { promisedLimitDays: 3 });
  const [basic] = await db.select({ basicItemId: serviceItems.basicItemId }).from(serviceItems).where(eq(serviceItems.id, shared.id));
  await db.update(serviceItems).set({ basicItemId: basic!.basicItemId }).where(eq(serviceItems.id, other.id));
  const [elsewhere] = await db.select({ id: serviceItems.id, currentVersionId: serviceItems.currentVersionId }).from(serviceItems).where(eq(serviceItems.id, other.id));
  sharedElsewhere = elsewhere!;
  solo = await createItem(db, own.id);
  const flow: FlowStep[] = [
    {
      parallel: {
        name: t('联合审查', 'Joint review'),
        tasks: [
          { department: null, role: 'approver', name: t('本部门审查', 'Own review'), mode: 'single' },
          { department: part.code, role: 'approver', name: t('协办审查', 'Partner review'), mode: 'single' },
        ],
      },
    },
  ];
  parallel = await createItem(db, own.id, { flow });
});
afterAll(() => ctx.close());

const as = (who: string) => (who === 'citizen' ? signIn(ctx.app, person) : signIn(ctx.app, s[who]!));
const ids = async (c: Client, scope: string) => ((await c.get(`/api/cases?scope=${scope}`)).json().items as { id: string }[]).map((x) => x.id);

async function apply(itemId: string) {
  const citizen = await as('citizen');
  const upload = (await citizen.upload('id.pdf', samplePdf('transfer'), 'application/pdf')).json().id;
  const res = await citizen.post('/api/cases', { itemId, form: { purpose: '开店' }, materials: [{ code: 'M01', uploadId: upload }] });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}
async function accepted(itemId: string) {
  const id = await apply(itemId);
  expect((await (await as('ownClerk')).post(`/api/cases/${id}/accept`, {})).statusCode).toBe(200);
  return id;
}
const row = async (id: string) => (await ctx.database.db.select().from(cases).where(eq(cases.id, id)))[0]!;
const messages = async (caseId: string) => ((await (await as('citizen')).get('/api/notifications')).json().items as { kind: string; caseId: string; title: string; body: string }[]).filter((n) => n.caseId === caseId);

describe('移送 in intake', () => {
  it('goes only to the other implementers of the basic item, and the case takes on their current version', async () => {
    const id = await apply(shared.id);
    const before = await row(id);
    const clerk = await as('ownClerk');
    const targets = (await clerk.get(`/api/cases/${id}/transfer-targets`)).json();
    expect(targets).toMatchObject({ action: 'transfer', restricted: true, fromDepartment: { id: own.id } });
    expect(targets.targets.map((x: { departmentId: string; item: { id: string } }) => [x.departmentId, x.item.id])).toEqual([[impl.id, sharedElsewhere.id]]);
    // A department that does not implement the item is refused, in the request's language.
    const wrong = await clerk.post(`/api/cases/${id}/transfer`, { departmentId: third.id, reason: '不属本部门管辖' }, { 'accept-language': 'en' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({ code: 'TRANSFER_TARGET', title: 'Cannot transfer to that department' });

    const res = await clerk.post(`/api/cases/${id}/transfer`, { departmentId: impl.id, reason: '申请人住所属乙区管辖' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id, status: 'submitted', toDepartment: { id: impl.id }, stillVisible: false });
    const after = await row(id);
    expect(after).toMatchObject({ departmentId: impl.id, itemId: sharedElsewhere.id, itemVersionId: sharedElsewhere.currentVersionId, status: 'submitted' });
    // The clock keeps running: the acceptance due date is the one the case was submitted with.
    expect(after.acceptDueDate).toBe(before.acceptDueDate);
    expect(after.pausedSince).toBeNull();

    // The sender lost it; the receiver has it in intake and accepts it under its own version (3 days promised).
    expect((await clerk.get(`/api/cases/${id}`)).statusCode).toBe(404);
    expect(await ids(clerk, 'intake')).not.toContain(id);
    const receiver = await as('implClerk');
    expect(await ids(receiver, 'intake')).toContain(id);
    const page = (await receiver.get(`/api/cases/${id}`)).json();
    const event = page.events.at(-1);
    expect(event).toMatchObject({ action: 'transfer', actionLabel: '移送', note: '申请人住所属乙区管辖', departmentName: own.name.zh, transfer: { from: own.name.zh, to: impl.name.zh } });
    expect(event.actorName).not.toBe('');
    expect((await receiver.post(`/api/cases/${id}/accept`, {})).statusCode).toBe(200);
    expect((await row(id)).dueLimitDays).toBe(3);

    // The applicant is told; an audit event records it.
    const told = await messages(id);
    expect(told.map((n) => n.kind)).toContain('transferred');
    expect(told.find((n) => n.kind === 'transferred')).toMatchObject({ title: '办件已移送' });
    expect(told.find((n) => n.kind === 'transferred')!.body).toContain(impl.name.zh);
    const audit = await ctx.database.db.select().from(auditEvents).where(eq(auditEvents.entityId, id));
    expect(audit.find((a) => a.action === 'case.transfer')?.detail).toMatchObject({ fromDepartmentId: own.id, toDepartmentId: impl.id });
  });

  it('offers any other department when nobody else implements the item, and keeps a resubmitted case resubmitted', async () => {
    const id = await apply(solo.id);
    const clerk = await as('ownClerk');
    const targets = (await clerk.get(`/api/cases/${id}/transfer-targets`)).json();
    expect(targets.restricted).toBe(false);
    const offered = targets.targets.map((x: { departmentId: string }) => x.departmentId);
    expect(offered).toEqual(expect.arrayContaining([impl.id, third.id, part.id]));
    expect(offered).not.toContain(own.id);
    expect((await clerk.post(`/api/cases/${id}/supplement`, { items: [{ materialCode: 'M01', reason: '不清晰' }] })).statusCode).toBe(200);
    // Not while a supplement is open.
    expect((await clerk.post(`/api/cases/${id}/transfer`, { departmentId: third.id, reason: '管辖' })).statusCode).toBe(409);
    const citizen = await as('citizen');
    const upload = (await citizen.upload('id2.pdf', samplePdf('again'), 'application/pdf')).json().id;
    expect((await citizen.post(`/api/cases/${id}/resubmit`, { form: { purpose: '开店' }, materials: [{ code: 'M01', uploadId: upload }] })).statusCode).toBe(200);
    expect((await clerk.post(`/api/cases/${id}/transfer`, { departmentId: third.id, reason: '管辖' })).statusCode).toBe(200);
    expect(await row(id)).toMatchObject({ departmentId: third.id, itemId: solo.id, status: 'resubmitted' });
    expect(await ids(await as('thirdClerk'), 'intake')).toContain(id);
  });

  it('needs a reason, a clerk of the case’s department, and a case in intake', async () => {
    const id = await apply(solo.id);
    const clerk = await as('ownClerk');
    expect((await clerk.post(`/api/cases/${id}/transfer`, { departmentId: third.id })).statusCode).toBe(400);
    const blank = await clerk.post(`/api/cases/${id}/transfer`, { departmentId: third.id, reason: '  ' }, { 'accept-language': 'en' });
    expect(blank.statusCode).toBe(400);
    expect(blank.headers['content-type']).toContain('application/problem+json');
    expect((await (await as('ownApprover')).post(`/api/cases/${id}/transfer`, { departmentId: third.id, reason: '管辖' })).statusCode).toBe(403);
    expect((await (await as('ownApprover')).get(`/api/cases/${id}/transfer-targets`)).statusCode).toBe(403);
    expect((await (await as('thirdClerk')).post(`/api/cases/${id}/transfer`, { departmentId: third.id, reason: '管辖' })).statusCode).toBe(404);
    expect((await (await as('citizen')).post(`/api/cases/${id}/transfer`, { departmentId: third.id, reason: '管辖' })).statusCode).toBe(403);
    expect((await row(id)).departmentId).toBe(own.id);
    // Once accepted, 移送 is over: the task is handed on instead (转办).
    expect((await clerk.post(`/api/cases/${id}/accept`, {})).statusCode).toBe(200);
    const late = await clerk.post(`/api/cases/${id}/transfer`, { departmentId: third.id, reason: '管辖' });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('ILLEGAL_TRANSITION');
  });
});

describe('转办 of an approval task', () => {
  it('hands the own department’s task, and the case with it, to another department', async () => {
    const id = await accepted(solo.id);
    const approver = await as('ownApprover');
    expect((await approver.get(`/api/cases/${id}`)).json().allowedActions).toContain('transfer_task');
    expect((await (await as('ownClerk')).post(`/api/cases/${id}/transfer-task`, { departmentId: third.id, reason: '职能调整' })).statusCode).toBe(403);
    expect((await approver.post(`/api/cases/${id}/transfer-task`, { departmentId: third.id })).statusCode).toBe(400);
    expect((await approver.get(`/api/cases/${id}/transfer-targets`)).json()).toMatchObject({ action: 'transfer_task', restricted: false });
    const res = await approver.post(`/api/cases/${id}/transfer-task`, { departmentId: third.id, reason: '职能调整' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'accepted', toDepartment: { id: third.id }, stillVisible: false });
    expect((await approver.get(`/api/cases/${id}`)).statusCode).toBe(404);
    expect((await (await as('ownClerk')).get(`/api/cases/${id}`)).statusCode).toBe(404);
    expect(await ids(approver, 'approval')).not.toContain(id);
    const receiver = await as('thirdApprover');
    expect(await ids(receiver, 'approval')).toContain(id);
    const page = (await receiver.get(`/api/cases/${id}`)).json();
    expect(page.flow.steps[0].tasks[0]).toMatchObject({ status: 'open', department: { id: third.id } });
    expect(page.events.at(-1)).toMatchObject({ action: 'transfer_task', note: '职能调整', transfer: { from: own.name.zh, to: third.name.zh } });
    expect((await messages(id)).map((n) => n.kind)).toContain('transferred');
    expect((await receiver.post(`/api/cases/${id}/approve`, { opinion: '同意' })).json().status).toBe('completed');
  });

  it('hands a partner’s task of a parallel step on, the case staying with its department', async () => {
    const id = await accepted(parallel.id);
    const partner = await as('partApprover');
    const targets = (await partner.get(`/api/cases/${id}/transfer-targets`)).json();
    const offered = targets.targets.map((x: { departmentId: string }) => x.departmentId);
    // Not the sender, and not the owner, who holds an open task of the same step.
    expect(offered).toContain(third.id);
    expect(offered).not.toContain(part.id);
    expect(offered).not.toContain(own.id);
    expect((await partner.post(`/api/cases/${id}/transfer-task`, { departmentId: own.id, reason: '职能调整' })).json().code).toBe('TRANSFER_TARGET');
    expect((await partner.post(`/api/cases/${id}/transfer-task`, { departmentId: third.id, reason: '职能调整' })).statusCode).toBe(200);
    expect((await partner.get(`/api/cases/${id}`)).statusCode).toBe(404);
    expect((await row(id)).departmentId).toBe(own.id);
    expect((await (await as('ownApprover')).get(`/api/cases/${id}`)).statusCode).toBe(200);
    expect(await ids(await as('thirdApprover'), 'approval')).toContain(id);
    // The step now waits for own and third; both agreeing completes the case.
    expect((await (await as('ownApprover')).post(`/api/cases/${id}/approve`, { opinion: '同意' })).json().status).toBe('accepted');
    expect((await (await as('thirdApprover')).post(`/api/cases/${id}/approve`, { opinion: '同意' })).json().status).toBe('completed');
  });
});
