import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { blindIndexes } from '../../lib/pii.js';
import { Client, createTestApp, samplePdf, type TestContext } from '../../test/app.js';
import { createDepartment, createItem, createPerson, createStaff, signIn, type TestPerson, type TestStaff } from '../../test/factories.js';
import { accountPhone } from '../identity/index.js';
import { DomainError } from '../../lib/errors.js';
import type { SmsGateway } from './gateway.js';
import { deliverPendingSms, SMS_MAX_ATTEMPTS } from './deliverSms.js';
import { notify } from './notify.js';
import { createSandboxGateway } from './sandbox.js';
import { notificationSms, smsOutbox } from './tables.js';

/**
 * The message centre as the applicant uses it (list, unread count, mark read, language), their
 * SMS choices, and SMS delivery after commit through the gateway, with retries.
 */
let ctx: TestContext;
let item: Awaited<ReturnType<typeof createItem>>;
let clerk: TestStaff;

beforeAll(async () => {
  ctx = await createTestApp();
  const { db } = ctx.database;
  const dept = await createDepartment(db);
  clerk = await createStaff(db, dept.id, ['clerk']);
  item = await createItem(db, dept.id, { name: { zh: '个体工商户登记', en: 'Sole trader registration' } });
});
afterAll(() => ctx.close());

async function applyAndAsk(person: TestPerson, action: 'supplement' | 'accept' = 'supplement') {
  const citizen = await signIn(ctx.app, person);
  const upload = (await citizen.upload('id.pdf', samplePdf('m'), 'application/pdf')).json().id;
  const c = (await citizen.post('/api/cases', { itemId: item.id, form: { purpose: '经营' }, materials: [{ code: 'M01', uploadId: upload }] })).json();
  const clerkC = await signIn(ctx.app, clerk);
  const body = action === 'supplement' ? { items: [{ materialCode: 'M01', reason: '照片模糊' }] } : {};
  expect((await clerkC.post(`/api/cases/${c.id}/${action}`, body)).statusCode).toBe(200);
  return { citizen, caseId: c.id as string, caseNo: c.caseNo as string };
}

const count = async (c: Client) => (await c.get('/api/notifications/unread-count')).json().count as number;
const sandbox = (now?: Date) => createSandboxGateway(ctx.database.db, now ? { now: () => now } : {});
const deliver = (gateway: SmsGateway = sandbox(), now?: Date) =>
  deliverPendingSms(ctx.database.db, { gateway, phoneOf: (id) => accountPhone(ctx.database.db, id), ...(now ? { now: () => now } : {}) });
const outboxTo = async (phone: string) => ctx.database.db.select().from(smsOutbox).where(inArray(smsOutbox.phoneBidx, blindIndexes('phone', phone)));

describe('the message centre', () => {
  it('counts unread messages, lists unread first on request, and marks one or all read', async () => {
    const person = await createPerson(ctx.database.db);
    const first = await applyAndAsk(person, 'accept');
    const second = await applyAndAsk(person);
    const { citizen } = second;
    expect(await count(citizen)).toBe(2);
    const all = (await citizen.get('/api/notifications')).json();
    expect(all.items.map((n: { caseNo: string }) => n.caseNo)).toEqual([second.caseNo, first.caseNo]);
    expect(all.items.every((n: { readAt: string | null }) => n.readAt === null)).toBe(true);

    expect((await citizen.post(`/api/notifications/${all.items[1].id}/read`)).statusCode).toBe(204);
    expect(await count(citizen)).toBe(1);
    const unread = (await citizen.get('/api/notifications?unread=true')).json().items;
    expect(unread.map((n: { caseNo: string }) => n.caseNo)).toEqual([second.caseNo]);
    // Marking a read message again changes nothing.
    expect((await citizen.post(`/api/notifications/${all.items[1].id}/read`)).statusCode).toBe(204);
    expect((await citizen.post('/api/notifications/read-all')).json()).toEqual({ marked: 1 });
    expect(await count(citizen)).toBe(0);
    expect((await citizen.get('/api/notifications?unread=true')).json().items).toEqual([]);
    expect((await citizen.get('/api/notifications')).json().items).toHaveLength(2);
    // Each reading is in the audit chain, by the reader, once: the second read of a read message wrote nothing.
    const audits = await ctx.database.query<{ action: string; actor_account_id: string; entity_id: string; detail: Record<string, unknown> }>(
      `SELECT action, actor_account_id, entity_id, detail FROM audit_events WHERE action IN ('notify.read', 'notify.read_all') AND actor_account_id = $1 ORDER BY seq`,
      [person.id],
    );
    expect(audits.map((a) => [a.action, a.entity_id])).toEqual([
      ['notify.read', all.items[1].id],
      ['notify.read_all', person.id],
    ]);
    expect(audits[0]!.detail).toEqual({ kind: 'accepted', caseNo: first.caseNo });
    expect(audits[1]!.detail).toEqual({ notifications: [all.items[0].id] });
  });

  it('pages newest first', async () => {
    const person = await createPerson(ctx.database.db);
    const cases = [await applyAndAsk(person, 'accept'), await applyAndAsk(person, 'accept'), await applyAndAsk(person, 'accept')];
    const { citizen } = cases[0]!;
    const p1 = (await citizen.get('/api/notifications?limit=2')).json();
    expect(p1.items.map((n: { caseNo: string }) => n.caseNo)).toEqual([cases[2]!.caseNo, cases[1]!.caseNo]);
    const p2 = (await citizen.get(`/api/notifications?limit=2&cursor=${p1.nextCursor}`)).json();
    expect(p2).toMatchObject({ items: [{ caseNo: cases[0]!.caseNo }], nextCursor: null });
  });

  it("never shows or marks another account's message: it is not found", async () => {
    const owner = await applyAndAsk(await createPerson(ctx.database.db));
    const id = (await owner.citizen.get('/api/notifications')).json().items[0].id;
    const other = await signIn(ctx.app, await createPerson(ctx.database.db));
    expect((await other.get('/api/notifications')).json().items).toEqual([]);
    expect(await count(other)).toBe(0);
    const res = await other.post(`/api/notifications/${id}/read`);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
    expect((await other.post('/api/notifications/read-all')).json()).toEqual({ marked: 0 });
    expect(await count(owner.citizen)).toBe(1);
    // Signed out: nothing at all.
    expect((await new Client(ctx.app).get('/api/notifications/unread-count')).statusCode).toBe(401);
  });

  it('renders each message in the language of the reader, at the time of reading', async () => {
    const { citizen, caseNo } = await applyAndAsk(await createPerson(ctx.database.db));
    const zh = (await citizen.get('/api/notifications')).json().items[0];
    expect(zh.title).toBe('请补正材料');
    expect(zh.body).toBe(`您申请的“个体工商户登记”（办件编号 ${caseNo}）需要补正以下材料：身份证明：照片模糊。请一次性补齐后重新提交。`);
    citizen.lang = 'en';
    const en = (await citizen.get('/api/notifications')).json().items[0];
    expect(en).toMatchObject({ id: zh.id, title: 'Please supplement your materials' });
    expect(en.body).toBe(`Your application for "Sole trader registration" (case ${caseNo}) needs these materials: Identity document: 照片模糊. Please provide them all and resubmit.`);
  });
});

describe('channels and SMS', () => {
  it('lists every kind with the message centre always on and SMS on by default where the applicant must act or the case ended', async () => {
    const citizen = await signIn(ctx.app, await createPerson(ctx.database.db));
    const prefs = (await citizen.get('/api/notifications/preferences')).json().items as { kind: string; site: boolean; sms: boolean }[];
    expect(prefs.every((p) => p.site)).toBe(true);
    expect(prefs.filter((p) => p.sms).map((p) => p.kind).sort()).toEqual(['appointment_reminder', 'completed', 'denied', 'lapsed', 'prereview_passed', 'rejected', 'supplement_due_soon', 'supplement_requested', 'theme_cancelled']);
    expect(prefs.map((p) => p.kind)).toEqual(expect.arrayContaining(['special_procedure', 'extended', 'delivered', 'resubmission_received', 'accepted']));
    // Staff have no case notifications to choose channels for.
    const staff = await signIn(ctx.app, clerk);
    expect((await staff.request('PUT', '/api/notifications/preferences', { items: [{ kind: 'accepted', sms: true }] })).statusCode).toBe(403);
  });

  it('sends SMS only for the kinds the applicant chose', async () => {
    const person = await createPerson(ctx.database.db);
    const citizen = await signIn(ctx.app, person);
    const put = await citizen.request('PUT', '/api/notifications/preferences', {
      items: [
        { kind: 'supplement_requested', sms: false },
        { kind: 'accepted', sms: true },
      ],
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().items.find((p: { kind: string }) => p.kind === 'accepted').sms).toBe(true);
    await applyAndAsk(person, 'supplement');
    const accepted = await applyAndAsk(person, 'accept');
    await deliver();
    const texts = (await outboxTo(person.phone)).map((m) => m.text);
    expect(texts).toEqual([`【一网通办】您申请的个体工商户登记（办件编号${accepted.caseNo}）已受理，请登录一网通办查看。`]);
    // The message centre still has both.
    expect(await count(citizen)).toBe(2);
  });

  it('delivers one SMS after commit, with the case number and item name and no personal data', async () => {
    const person = await createPerson(ctx.database.db, { name: '王小明' });
    const { caseNo } = await applyAndAsk(person);
    expect(await outboxTo(person.phone)).toEqual([]);
    expect(await deliver()).toMatchObject({ sent: 1 });
    // A second round finds nothing left to send.
    expect(await deliver()).toMatchObject({ sent: 0, retrying: 0 });
    const sent = await outboxTo(person.phone);
    expect(sent.map((m) => m.text)).toEqual([`【一网通办】您申请的个体工商户登记（办件编号${caseNo}）需要补正材料，请登录一网通办查看一次性告知并补齐。`]);
    for (const secret of [person.name, person.idNumber, person.idNumber.slice(-4), person.phone]) expect(sent[0]!.text).not.toContain(secret);
  });

  it('a rolled-back change queues no SMS; a committed one exactly one', async () => {
    const person = await createPerson(ctx.database.db);
    const { caseId, caseNo } = await applyAndAsk(person, 'accept');
    const input = { recipientAccountId: person.id, kind: 'completed' as const, about: { caseId, caseNo }, params: { itemName: { zh: '个体工商户登记', en: 'Sole trader registration' } } };
    await expect(
      ctx.database.db.transaction(async (tx) => {
        await notify(tx, input);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await deliver();
    expect(await outboxTo(person.phone)).toEqual([]);
    await ctx.database.db.transaction((tx) => notify(tx, input));
    await deliver();
    await deliver();
    expect((await outboxTo(person.phone)).map((m) => m.template)).toEqual(['CASE_COMPLETED']);
  });

  it("waits out the gateway's per-number limit and retries a failing gateway, then gives up", async () => {
    const person = await createPerson(ctx.database.db);
    // A sign-in code went to the number just now: the gateway allows the next SMS in a minute.
    await sandbox().send(person.phone, 'SIGN_IN_CODE', { code: '123456' });
    await applyAndAsk(person);
    const now = new Date();
    expect(await deliver(sandbox(now), now)).toMatchObject({ sent: 0, retrying: 1 });
    const [row] = await ctx.database.db.select().from(notificationSms).where(eq(notificationSms.recipientAccountId, person.id));
    expect(row).toMatchObject({ status: 'pending', attempts: 0, lastError: 'SMS_TOO_FREQUENT' });
    expect(row!.nextAttemptAt.getTime() - now.getTime()).toBeGreaterThan(50_000);
    expect(await deliver(sandbox(now), now)).toMatchObject({ sent: 0, retrying: 0 });
    const later = new Date(row!.nextAttemptAt.getTime() + 1000);
    expect(await deliver(sandbox(later), later)).toMatchObject({ sent: 1 });
    expect((await outboxTo(person.phone)).map((m) => m.template).sort()).toEqual(['CASE_SUPPLEMENT', 'SIGN_IN_CODE']);

    // A provider that is down: tried again with a growing wait, then given up.
    const other = await createPerson(ctx.database.db);
    await applyAndAsk(other);
    const down: SmsGateway = {
      kind: 'live',
      send: async () => {
        throw new Error('connect ECONNREFUSED');
      },
    };
    let at = new Date();
    for (let i = 1; i <= SMS_MAX_ATTEMPTS; i++) {
      const r = await deliver(down, at);
      expect(r).toMatchObject(i < SMS_MAX_ATTEMPTS ? { retrying: 1 } : { failed: 1 });
      const [s] = await ctx.database.db.select().from(notificationSms).where(eq(notificationSms.recipientAccountId, other.id));
      at = new Date(s!.nextAttemptAt.getTime() + 1000);
    }
    const [given] = await ctx.database.db.select().from(notificationSms).where(eq(notificationSms.recipientAccountId, other.id));
    expect(given).toMatchObject({ status: 'failed', attempts: SMS_MAX_ATTEMPTS, lastError: 'GATEWAY_ERROR' });
    // A number the gateway refuses is not tried again.
    const refusing: SmsGateway = { kind: 'live', send: async () => Promise.reject(new DomainError('SMS_INVALID_NUMBER')) };
    const third = await createPerson(ctx.database.db);
    await applyAndAsk(third);
    expect(await deliver(refusing)).toMatchObject({ failed: 1 });
  });
});
