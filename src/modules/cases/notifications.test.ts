import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { Client, createTestApp, samplePdf, type TestContext } from '../../test/app.js';
import { createDepartment, createItem, createLicenceTypeFor, createPerson, createStaff, signIn, type TestPerson, type TestStaff } from '../../test/factories.js';
import { notificationSms, notifications } from '../notify/tables.js';
import { loadActor } from '../identity/index.js';
import { requestSupplement } from './requestSupplement.js';

/**
 * What the applicant hears when their case moves: every transition that concerns them leaves one
 * message in their message centre (the principal's, when an agent applied), none for staff, written
 * in the transition's transaction.
 */
let ctx: TestContext;
let dept: Awaited<ReturnType<typeof createDepartment>>;
let item: Awaited<ReturnType<typeof createItem>>;
let licensedItem: Awaited<ReturnType<typeof createItem>>;
let clerk: TestStaff;
let approver: TestStaff;

beforeAll(async () => {
  ctx = await createTestApp();
  const { db } = ctx.database;
  dept = await createDepartment(db);
  clerk = await createStaff(db, dept.id, ['clerk']);
  approver = await createStaff(db, dept.id, ['approver']);
  item = await createItem(db, dept.id, { name: { zh: '食品经营许可', en: 'Food business licence' } });
  const type = await createLicenceTypeFor(db, dept.id);
  licensedItem = await createItem(db, dept.id, { name: { zh: '测试证明开具', en: 'Test certificate' }, licenceTypeCode: type.code });
});
afterAll(() => ctx.close());

async function apply(applicant: Client, itemId = item.id): Promise<{ id: string; caseNo: string }> {
  const upload = (await applicant.upload('id.pdf', samplePdf('n'), 'application/pdf')).json().id;
  const res = await applicant.post('/api/cases', { itemId, form: { purpose: '经营' }, materials: [{ code: 'M01', uploadId: upload }] });
  expect(res.statusCode).toBe(201);
  return res.json();
}

const inbox = async (c: Client) => (await c.get('/api/notifications')).json().items as { kind: string; caseId: string; caseNo: string; title: string; body: string }[];
const staffInbox = async (...staff: TestStaff[]) => (await Promise.all(staff.map(async (s) => inbox(await signIn(ctx.app, s))))).flat();

describe('notifications of case transitions', () => {
  it('tells the applicant of every step once, in order, and no staff member of any', async () => {
    const person = await createPerson(ctx.database.db);
    const citizen = await signIn(ctx.app, person);
    const c = await apply(citizen, licensedItem.id);
    const clerkC = await signIn(ctx.app, clerk);
    const approverC = await signIn(ctx.app, approver);
    // Submitting is the applicant's own act: the receipt is the answer, no message.
    expect(await inbox(citizen)).toEqual([]);

    expect((await clerkC.post(`/api/cases/${c.id}/supplement`, { items: [{ materialCode: 'M01', reason: '扫描件不清晰' }], note: '请上传彩色扫描件' })).statusCode).toBe(200);
    const upload = (await citizen.upload('id2.pdf', samplePdf('n2'), 'application/pdf')).json().id;
    expect((await citizen.post(`/api/cases/${c.id}/resubmit`, { form: { purpose: '经营' }, materials: [{ code: 'M01', uploadId: upload }] })).statusCode).toBe(200);
    expect((await clerkC.post(`/api/cases/${c.id}/accept`, {})).statusCode).toBe(200);
    expect((await approverC.post(`/api/cases/${c.id}/approve`, { opinion: '符合条件' })).statusCode).toBe(200);

    const got = await inbox(citizen);
    // Newest first: approval (with the certificate in the wallet), acceptance, resubmission, supplement.
    expect(got.map((n) => n.kind)).toEqual(['completed', 'accepted', 'resubmission_received', 'supplement_requested']);
    expect(got.every((n) => n.caseId === c.id && n.caseNo === c.caseNo)).toBe(true);
    expect(got[0]!.body).toBe(`您申请的“测试证明开具”（办件编号 ${c.caseNo}）已办结，准予许可。电子证照已存入您的证照夹。`);
    // The one-time notice lists each missing material with its reason, and the window's note.
    expect(got[3]!.body).toBe(`您申请的“测试证明开具”（办件编号 ${c.caseNo}）需要补正以下材料：身份证明：扫描件不清晰。请一次性补齐后重新提交。窗口说明：请上传彩色扫描件`);
    expect(await staffInbox(clerk, approver)).toEqual([]);
  });

  it('tells the applicant of a rejection and a denial with the reason given', async () => {
    const citizen = await signIn(ctx.app, await createPerson(ctx.database.db));
    const rejected = await apply(citizen);
    const denied = await apply(citizen);
    const clerkC = await signIn(ctx.app, clerk);
    await clerkC.post(`/api/cases/${rejected.id}/reject`, { reason: '不属于本部门职权范围' });
    await clerkC.post(`/api/cases/${denied.id}/accept`, {});
    await (await signIn(ctx.app, approver)).post(`/api/cases/${denied.id}/deny`, { opinion: '经营场所不符合要求' });

    const got = await inbox(citizen);
    expect(got.map((n) => [n.kind, n.caseNo])).toEqual([
      ['denied', denied.caseNo],
      ['accepted', denied.caseNo],
      ['rejected', rejected.caseNo],
    ]);
    expect(got[0]!.body).toBe(`您申请的“食品经营许可”（办件编号 ${denied.caseNo}）经审查不予许可。理由：经营场所不符合要求`);
    expect(got[2]!.title).toBe('办件不予受理');
    expect(got[2]!.body).toContain('理由：不属于本部门职权范围');
  });

  it("sends an agent's case to the principal's message centre, not the agent's own", async () => {
    const principal = await createPerson(ctx.database.db);
    const agentPerson = await createPerson(ctx.database.db);
    const principalC = await signIn(ctx.app, principal);
    const granted = await principalC.post('/api/authorisations', {
      principalId: principal.id,
      agent: { idNumber: agentPerson.idNumber, name: agentPerson.name },
      validUntil: '2099-12-31',
    });
    expect(granted.statusCode, granted.body).toBe(201);
    const agent = await signIn(ctx.app, agentPerson);
    expect((await agent.request('PUT', '/api/auth/acting-for', { authorisationId: granted.json().id })).statusCode).toBe(200);
    const c = await apply(agent);
    await (await signIn(ctx.app, clerk)).post(`/api/cases/${c.id}/accept`, {});

    expect((await inbox(principalC)).map((n) => [n.kind, n.caseNo])).toEqual([['accepted', c.caseNo]]);
    // Acting for the principal, the agent reads the principal's messages; as themselves, they have none.
    expect((await inbox(agent)).map((n) => n.kind)).toEqual(['accepted']);
    // …but may not change the principal's SMS choices.
    const prefs = await agent.request('PUT', '/api/notifications/preferences', { items: [{ kind: 'accepted', sms: true }] });
    expect(prefs.json().code).toBe('ACTING_AS_OTHER');
    await agent.request('PUT', '/api/auth/acting-for', { authorisationId: null });
    expect(await inbox(agent)).toEqual([]);
  });

  it('an approval step that is not the last one tells the applicant nothing; the last one tells them it is completed', async () => {
    const step = (zh: string) => ({ task: { department: null, role: 'approver' as const, name: { zh, en: zh }, mode: 'single' as const } });
    const twoSteps = await createItem(ctx.database.db, dept.id, { name: { zh: '两级审批事项', en: 'Two-step item' }, flow: [step('初审'), step('复审')] });
    const second = await createStaff(ctx.database.db, dept.id, ['approver']);
    const citizen = await signIn(ctx.app, await createPerson(ctx.database.db));
    const c = await apply(citizen, twoSteps.id);
    await (await signIn(ctx.app, clerk)).post(`/api/cases/${c.id}/accept`, {});
    expect((await (await signIn(ctx.app, approver)).post(`/api/cases/${c.id}/approve`, { opinion: '初审同意' })).statusCode).toBe(200);
    expect((await inbox(citizen)).map((n) => n.kind)).toEqual(['accepted']);
    expect((await (await signIn(ctx.app, second)).post(`/api/cases/${c.id}/approve`, { opinion: '复审同意' })).statusCode).toBe(200);
    expect((await inbox(citizen)).map((n) => n.kind)).toEqual(['completed', 'accepted']);
  });

  it('a transition that rolls back leaves no message and no SMS', async () => {
    const person: TestPerson = await createPerson(ctx.database.db);
    const c = await apply(await signIn(ctx.app, person));
    const actor = (await loadActor(ctx.database.db, clerk.id))!;
    const before = await ctx.database.db.select().from(notificationSms);
    await expect(
      ctx.database.db.transaction(async (tx) => {
        await requestSupplement(tx, actor, c.id, { items: [{ materialCode: 'M01', reason: '不清晰' }] });
        throw new Error('the request failed after the transition');
      }),
    ).rejects.toThrow('the request failed');
    expect(await ctx.database.db.select().from(notifications).where(eq(notifications.caseId, c.id))).toEqual([]);
    expect((await ctx.database.db.select().from(notificationSms)).length).toBe(before.length);

    // The same transition committed: one message, and one SMS queued (补正 sends SMS by default).
    await ctx.database.db.transaction((tx) => requestSupplement(tx, actor, c.id, { items: [{ materialCode: 'M01', reason: '不清晰' }] }));
    const written = await ctx.database.db.select().from(notifications).where(eq(notifications.caseId, c.id));
    expect(written.map((n) => [n.kind, n.recipientAccountId])).toEqual([['supplement_requested', person.id]]);
    const queued = await ctx.database.db.select().from(notificationSms).where(eq(notificationSms.notificationId, written[0]!.id));
    expect(queued.map((s) => s.status)).toEqual(['pending']);
  });
});
