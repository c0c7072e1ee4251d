import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { Client, createTestApp, samplePdf, type TestContext } from '../../../test/app.js';
import { createDepartment, createItem, createPerson, createStaff, signIn, type TestPerson, type TestStaff } from '../../../test/factories.js';
import { loadActor, type Actor } from '../../identity/index.js';
import { auditEvents } from '../../supervision/tables.js';
import { notificationSms, notifications } from '../../notify/tables.js';
import { caseEvents, cases } from '../tables.js';
import { acceptCase } from '../acceptCase.js';
import { requestSupplement } from '../requestSupplement.js';
import { resubmitCase } from '../resubmitCase.js';
import { startSpecialProcedure } from './startSpecialProcedure.js';
import { endSpecialProcedure } from './endSpecialProcedure.js';
import { requestExtension } from './requestExtension.js';
import { decideExtension } from './decideExtension.js';
import { watchDeadlines } from './watchDeadlines.js';
import { runDeadlineWatch } from './runDeadlineWatch.js';

/**
 * The two clocks of a case (受理时限, 承诺时限), their pauses (补正, 特别程序), extensions (延期) up to
 * the statutory limit, the deadline watch's colours and the lapse of an unanswered supplement notice.
 * Dates are passed in as the days they happen on (Asia/Shanghai), on the 2026 official calendar:
 * Spring Festival 02-15 to 02-23 off, Saturdays 02-14 and 02-28 make-up working days.
 */
let ctx: TestContext;
let person: TestPerson;
let citizen: Client;
let itemId: string;
const staff: Record<string, TestStaff> = {};
const actors: Record<string, Actor> = {};

beforeAll(async () => {
  ctx = await createTestApp();
  const { db } = ctx.database;
  const dept = await createDepartment(db);
  const other = await createDepartment(db);
  const supervision = await createDepartment(db);
  for (const role of ['clerk', 'approver', 'head'] as const) staff[role] = await createStaff(db, dept.id, [role]);
  staff.otherClerk = await createStaff(db, other.id, ['clerk']);
  staff.otherApprover = await createStaff(db, other.id, ['approver']);
  staff.otherHead = await createStaff(db, other.id, ['head']);
  staff.supervisor = await createStaff(db, supervision.id, ['supervisor']);
  for (const [k, s] of Object.entries(staff)) actors[k] = (await loadActor(db, s.id))!;
  // 10 promised, 20 statutory working days.
  itemId = (await createItem(db, dept.id, { promisedLimitDays: 10, legalLimitDays: 20 })).id;
  person = await createPerson(db, { name: '王五' });
  citizen = await signIn(ctx.app, person);
});
afterAll(() => ctx.close());

async function submit(): Promise<string> {
  const upload = (await citizen.upload('id.pdf', samplePdf('clock'), 'application/pdf')).json().id;
  const res = await citizen.post('/api/cases', { itemId, form: { purpose: '测试' }, materials: [{ code: 'M01', uploadId: upload }] });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

const tx = <T>(run: (tx: Parameters<Parameters<TestContext['database']['db']['transaction']>[0]>[0]) => Promise<T>) => ctx.database.db.transaction(run);
const row = async (id: string) => (await ctx.database.db.select().from(cases).where(eq(cases.id, id)))[0]!;

/** Accepted at 10:00 in Shanghai on `day`. */
async function acceptedOn(day: string): Promise<string> {
  const id = await submit();
  await tx((t) => acceptCase(t, actors.clerk!, id, new Date(`${day}T10:00:00+08:00`)));
  return id;
}

const special = { kind: 'expert_review' as const, reason: '需组织专家评审', expectedDays: 5 };

describe('the promised clock (承诺时限)', () => {
  it('counts 10 working days from acceptance over the Spring Festival and its make-up Saturdays, and warns at 80 %', async () => {
    const id = await acceptedOn('2026-02-09');
    const c = await row(id);
    // 02-10..02-13 (4), Sat 02-14 make-up (5), 02-15..02-23 off, 02-24..02-27 (9), Sat 02-28 make-up (10).
    expect(c.dueDate).toBe('2026-02-28');
    // 80 % of 10 = 8 working days: Thursday 02-26.
    expect(c.warnDate).toBe('2026-02-26');
    expect(c.clockColour).toBe('green');
  });

  it('pauses for a special procedure and resumes with the due date moved by the paused working days (weekend, holiday, make-up day)', async () => {
    const id = await acceptedOn('2026-02-09');
    await tx((t) => startSpecialProcedure(t, actors.approver!, id, special, '2026-02-12'));
    expect((await row(id)).pausedSince).toBe('2026-02-12');
    const approver = await signIn(ctx.app, staff.approver!);
    const paused = (await approver.get(`/api/cases/${id}`)).json();
    expect(paused.clock).toMatchObject({ kind: 'promised', paused: true, pauseKind: 'special' });
    expect(paused.allowedActions).toContain('special_end');
    expect(paused.allowedActions).not.toContain('special_start');
    await tx((t) => endSpecialProcedure(t, actors.approver!, id, { note: '评审完毕' }, '2026-02-25'));
    const c = await row(id);
    // Paused in (02-12, 02-25]: Fri 02-13, Sat 02-14 (make-up), 02-24, 02-25 = 4 working days; the festival and the weekend do not count.
    expect(c.pausedDays).toBe(4);
    expect(c.pausedSince).toBeNull();
    // 10 + 4 = 14 working days from 02-09: 02-28 is the 10th, then 03-02, 03-03, 03-04, 03-05.
    expect(c.dueDate).toBe('2026-03-05');
    expect(c.warnDate).toBe('2026-03-03');
    const detail = (await citizen.get(`/api/cases/${id}`)).json();
    expect(detail.clock).toMatchObject({ kind: 'promised', dueDate: '2026-03-05', paused: false, pausedDays: 4 });
    expect(detail.clock.history.map((e: { action: string }) => e.action)).toEqual(['special_start', 'special_end']);
    expect(detail.clock.history[0]).toMatchObject({ note: '需组织专家评审', detail: { kind: 'expert_review', expectedDays: 5 } });
  });

  it('moves a due date past the official calendar (2027 has no notice yet): provisional, 2027-01-01 a statutory day off', async () => {
    const id = await acceptedOn('2026-12-21');
    await tx((t) => startSpecialProcedure(t, actors.approver!, id, special, '2026-12-23'));
    await tx((t) => endSpecialProcedure(t, actors.approver!, id, {}, '2027-01-06'));
    const c = await row(id);
    // (12-23, 2027-01-06]: 12-24, 12-25, 12-28..12-31, (01-01 off, provisional), 01-04..01-06 = 9.
    expect(c.pausedDays).toBe(9);
    // 19 working days from 2026-12-21: 12-31 is the 8th, then 01-04 … 01-08, 01-11 … 01-15, 01-18 (19th).
    expect(c.dueDate).toBe('2027-01-18');
    const detail = (await citizen.get(`/api/cases/${id}`)).json();
    expect(detail.dueDateProvisional).toBe(true);
  });

  it('extends within the statutory limit once the head approves, and refuses to pass it', async () => {
    const id = await acceptedOn('2026-03-02');
    const approver = await signIn(ctx.app, staff.approver!);
    const head = await signIn(ctx.app, staff.head!);
    expect((await approver.post(`/api/cases/${id}/extension`, { days: 8, reason: '需补充现场核查' })).statusCode).toBe(200);
    // One request at a time.
    const twice = await approver.post(`/api/cases/${id}/extension`, { days: 1, reason: '再次申请' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('EXTENSION_PENDING');
    // The approver may not decide; the head may.
    expect((await approver.post(`/api/cases/${id}/extension/approve`, {})).statusCode).toBe(403);
    const approved = await head.post(`/api/cases/${id}/extension/approve`, { note: '同意' });
    expect(approved.statusCode).toBe(200);
    // 18 working days from Monday 03-02: Thursday 03-26 (no holiday in March 2026).
    expect(approved.json().clock).toMatchObject({ dueDate: '2026-03-26', extensionDays: 8, limitDays: 18, extensionRequest: null });
    // 10 + 8 + 3 > 20: refused with the room left.
    const beyond = await approver.post(`/api/cases/${id}/extension`, { days: 3, reason: '再延期' });
    expect(beyond.statusCode).toBe(422);
    expect(beyond.json().code).toBe('EXTENSION_BEYOND_LEGAL_LIMIT');
    expect(beyond.json().detail).toContain('2');
    expect((await approver.post(`/api/cases/${id}/extension`, { days: 2, reason: '最后延期' })).statusCode).toBe(200);
    const refused = await head.post(`/api/cases/${id}/extension/refuse`, { note: '不予延期' });
    expect(refused.json().clock).toMatchObject({ dueDate: '2026-03-26', extensionDays: 8, extensionRequest: null });
    expect(refused.json().clock.history.map((e: { action: string }) => e.action)).toEqual(['extension_request', 'extension_approve', 'extension_request', 'extension_refuse']);
    // The applicant heard of the approved extension, with the new due date (not of the refused one).
    const inbox = (await citizen.get('/api/notifications?limit=50')).json().items as { kind: string; body: string; caseNo?: string }[];
    const extended = inbox.filter((n) => n.kind === 'extended');
    expect(extended).toHaveLength(1);
    expect(extended[0]!.body).toContain('2026-03-26');
  });

  it('refuses what the clock does not allow: ending a procedure never started, another department, the wrong role', async () => {
    const id = await acceptedOn('2026-03-02');
    const approver = await signIn(ctx.app, staff.approver!);
    const notPaused = await approver.post(`/api/cases/${id}/special-procedure/end`, {});
    expect(notPaused.statusCode).toBe(409);
    expect(notPaused.json().code).toBe('CLOCK_NOT_PAUSED');
    for (const k of ['otherClerk', 'otherApprover', 'otherHead']) {
      // Not theirs: not found, as if the case did not exist.
      expect((await (await signIn(ctx.app, staff[k]!)).post(`/api/cases/${id}/special-procedure`, special)).statusCode).toBe(404);
    }
    // The case's own clerk handles intake, not special procedures.
    expect((await (await signIn(ctx.app, staff.clerk!)).post(`/api/cases/${id}/special-procedure`, special)).statusCode).toBe(403);
    expect((await approver.post(`/api/cases/${id}/special-procedure`, special)).statusCode).toBe(200);
    const again = await approver.post(`/api/cases/${id}/special-procedure`, special);
    expect(again.json().code).toBe('CLOCK_PAUSED');
    // No extension decision without a request.
    expect((await (await signIn(ctx.app, staff.head!)).post(`/api/cases/${id}/extension/approve`, {})).json().code).toBe('EXTENSION_NOT_PENDING');
  });
});

describe('the acceptance clock (受理时限) and the supplement deadline (补正期限)', () => {
  it('pauses while a supplement notice is open and resumes moved by the paused working days', async () => {
    const id = await submit();
    const before = await row(id);
    expect(before.acceptLimitDays).toBe(5);
    expect(before.acceptDueDate).not.toBeNull();
    // Open Friday 02-13, answered Tuesday 02-24: (02-13, 02-24] = Sat 02-14 (make-up) and 02-24 = 2 working days.
    await tx((t) => requestSupplement(t, actors.clerk!, id, { items: [{ materialCode: 'M01', reason: '证件模糊' }] }, '2026-02-13'));
    const open = await row(id);
    expect(open.pausedSince).toBe('2026-02-13');
    // The node default, 30 working days from 02-13.
    expect(open.supplementDeadline).toBe('2026-04-02');
    const upload = (await citizen.upload('id2.pdf', samplePdf('again'), 'application/pdf')).json().id;
    await tx(async (t) => resubmitCase(t, (await loadActor(t, person.id))!, id, { form: { purpose: '测试' }, materials: [{ code: 'M01', uploadId: upload }] }, '2026-02-24'));
    const after = await row(id);
    expect(after.pausedDays).toBe(2);
    expect(after.pausedSince).toBeNull();
    const { currentCalendar } = await import('../../../lib/calendar.js');
    expect(after.acceptDueDate).toBe(currentCalendar().addWorkingDays(before.acceptDueDate!, 2));
  });

  it('ends a case as lapsed when the deadline passes without resubmission, by the platform, with history and audit', async () => {
    const id = await submit();
    await tx((t) => requestSupplement(t, actors.clerk!, id, { items: [{ materialCode: 'M01', reason: '缺页' }], deadlineDays: 2 }, '2026-03-02'));
    expect((await row(id)).supplementDeadline).toBe('2026-03-04');
    expect((await runDeadlineWatch(ctx.database.db, '2026-03-04')).lapsed).toBe(0);
    expect((await row(id)).status).toBe('supplement_requested');
    expect((await runDeadlineWatch(ctx.database.db, '2026-03-05')).lapsed).toBe(1);
    expect((await row(id)).status).toBe('lapsed');
    const detail = (await citizen.get(`/api/cases/${id}`)).json();
    expect(detail.status).toBe('lapsed');
    expect(detail.statusLabel).toBe('补正逾期，办件终止');
    expect(detail.events.at(-1)).toMatchObject({ action: 'lapse', actorName: '平台（时限监察）' });
    const audit = await ctx.database.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, 'case.lapse')));
    expect(audit).toHaveLength(1);
    // The applicant is told, in the lapse's transaction.
    const told = (await citizen.get('/api/notifications')).json().items.filter((n: { caseId: string }) => n.caseId === id);
    expect(told[0]).toMatchObject({ kind: 'lapsed', title: '补正逾期，办件终止' });
    expect(told[0].body).toContain('补正期限：2026-03-04。');
    // Too late to resubmit.
    const upload = (await citizen.upload('late.pdf', samplePdf('late'), 'application/pdf')).json().id;
    const late = await citizen.post(`/api/cases/${id}/resubmit`, { form: { purpose: '测试' }, materials: [{ code: 'M01', uploadId: upload }] });
    expect(late.statusCode).toBe(409);
  });
});

describe('the warning before a supplement deadline (即将超期的补正)', () => {
  const messagesAbout = async (id: string) => ctx.database.db.select().from(notifications).where(and(eq(notifications.caseId, id), eq(notifications.kind, 'supplement_due_soon')));

  it('warns once per notice when the deadline is 3 working days away, by message centre and SMS, and a second run sends nothing', async () => {
    const id = await submit();
    // Monday 03-02, 10 working days: due Monday 03-16.
    await tx((t) => requestSupplement(t, actors.clerk!, id, { items: [{ materialCode: 'M01', reason: '缺页' }], deadlineDays: 10 }, '2026-03-02'));
    expect((await row(id)).supplementDeadline).toBe('2026-03-16');
    // Tuesday 03-10: four working days left (11, 12, 13, 16): not yet.
    await runDeadlineWatch(ctx.database.db, '2026-03-10');
    expect(await messagesAbout(id)).toHaveLength(0);
    // Wednesday 03-11: three left.
    expect((await runDeadlineWatch(ctx.database.db, '2026-03-11')).warned).toBeGreaterThanOrEqual(1);
    const [warned] = await messagesAbout(id);
    expect(warned).toBeDefined();
    const shown = (await citizen.get('/api/notifications')).json().items.find((n: { id: string }) => n.id === warned!.id);
    expect(shown.title).toBe('补正即将到期');
    expect(shown.body).toContain('补正期限：2026-03-16。');
    const sms = await ctx.database.db.select().from(notificationSms).where(eq(notificationSms.notificationId, warned!.id));
    expect(sms.map((m) => [m.template, m.params.caseNo])).toEqual([['CASE_SUPPLEMENT_DUE', (await row(id)).caseNo]]);
    // The same day again, and the next day: nothing more.
    await runDeadlineWatch(ctx.database.db, '2026-03-11');
    await runDeadlineWatch(ctx.database.db, '2026-03-12');
    expect(await messagesAbout(id)).toHaveLength(1);
    const audit = await ctx.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'case.supplement_warning'), eq(auditEvents.entityId, '2026-03-11')));
    expect(audit.flatMap((a) => (a.detail as { cases: { caseNo: string }[] }).cases.map((c) => c.caseNo))).toContain((await row(id)).caseNo);

    // Answered, then a second notice: that notice gets its own warning.
    const upload = (await citizen.upload('id3.pdf', samplePdf('warn'), 'application/pdf')).json().id;
    await tx(async (t) => resubmitCase(t, (await loadActor(t, person.id))!, id, { form: { purpose: '测试' }, materials: [{ code: 'M01', uploadId: upload }] }, '2026-03-12'));
    await tx((t) => requestSupplement(t, actors.clerk!, id, { items: [{ materialCode: 'M01', reason: '仍缺页' }], deadlineDays: 5 }, '2026-03-13'));
    expect((await row(id)).supplementDeadline).toBe('2026-03-20');
    await runDeadlineWatch(ctx.database.db, '2026-03-17');
    expect(await messagesAbout(id)).toHaveLength(2);
  });

  it('does not warn on the day of the notice itself, nor after the deadline', async () => {
    const id = await submit();
    // A short deadline: within 3 working days from the start.
    await tx((t) => requestSupplement(t, actors.clerk!, id, { items: [{ materialCode: 'M01', reason: '缺页' }], deadlineDays: 2 }, '2026-04-01'));
    await runDeadlineWatch(ctx.database.db, '2026-04-01');
    expect(await messagesAbout(id)).toHaveLength(0);
    await runDeadlineWatch(ctx.database.db, '2026-04-02');
    expect(await messagesAbout(id)).toHaveLength(1);
    const late = await submit();
    await tx((t) => requestSupplement(t, actors.clerk!, late, { items: [{ materialCode: 'M01', reason: '缺页' }], deadlineDays: 1 }, '2026-05-06'));
    // Lapsed by the same run that would have warned: no warning after the deadline.
    await runDeadlineWatch(ctx.database.db, '2026-05-08');
    expect((await row(late)).status).toBe('lapsed');
    expect(await messagesAbout(late)).toHaveLength(0);
  });
});

describe('the deadline watch', () => {
  it('turns a case yellow at exactly 80 % and red the day after its due date, writing only the rows that change', async () => {
    const id = await acceptedOn('2026-02-09'); // due 02-28, warn 02-26
    const colour = async () => (await row(id)).clockColour;
    await tx((t) => watchDeadlines(t, '2026-02-25'));
    expect(await colour()).toBe('green');
    const first = await tx((t) => watchDeadlines(t, '2026-02-26'));
    expect(await colour()).toBe('yellow');
    expect(first.yellow).toBeGreaterThanOrEqual(1);
    // The same day again: nothing changes, nothing is written.
    const stamp = (await row(id)).updatedAt;
    expect((await tx((t) => watchDeadlines(t, '2026-02-26'))).changed).toBe(0);
    expect((await row(id)).updatedAt).toEqual(stamp);
    // On the due date still yellow (not yet overdue); red the next day.
    await tx((t) => watchDeadlines(t, '2026-02-28'));
    expect(await colour()).toBe('yellow');
    await tx((t) => watchDeadlines(t, '2026-03-02'));
    expect(await colour()).toBe('red');
    const events = await ctx.database.db.select().from(caseEvents).where(eq(caseEvents.caseId, id));
    expect(events.filter((e) => e.action === 'clock_yellow')).toHaveLength(1);
    expect(events.filter((e) => e.action === 'clock_red')).toHaveLength(1);
    expect(events.find((e) => e.action === 'clock_red')!.actorAccountId).toBeNull();
  });

  it('leaves a paused case its colour', async () => {
    const id = await acceptedOn('2026-02-09');
    await tx((t) => watchDeadlines(t, '2026-02-26'));
    await tx((t) => startSpecialProcedure(t, actors.approver!, id, special, '2026-02-26'));
    await tx((t) => watchDeadlines(t, '2026-03-10'));
    expect((await row(id)).clockColour).toBe('yellow');
  });

  it('shows the colour in the lists, filtered server-side, and the supervisor sees red and yellow across departments', async () => {
    const red = await acceptedOn('2026-02-09');
    await tx((t) => watchDeadlines(t, '2026-03-02'));
    const approver = await signIn(ctx.app, staff.approver!);
    const reds = (await approver.get('/api/cases?scope=approval&colour=red&limit=100')).json().items;
    expect(reds.map((c: { id: string }) => c.id)).toContain(red);
    expect(reds.every((c: { clockColour: string }) => c.clockColour === 'red')).toBe(true);
    const greens = (await approver.get('/api/cases?scope=department&colour=green&limit=100')).json().items;
    expect(greens.map((c: { id: string }) => c.id)).not.toContain(red);
    const supervisor = await signIn(ctx.app, staff.supervisor!);
    const alarms = (await supervisor.get('/api/cases?scope=alarms&limit=100')).json().items;
    expect(alarms.map((c: { id: string }) => c.id)).toContain(red);
    expect(alarms.every((c: { clockColour: string }) => c.clockColour === 'red' || c.clockColour === 'yellow')).toBe(true);
    // Nobody else has an alarm list.
    expect((await approver.get('/api/cases?scope=alarms')).json().items).toEqual([]);
  });
});
