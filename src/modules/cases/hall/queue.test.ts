import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../db/client.js';
import { DomainError } from '../../../lib/errors.js';
import { loadActor, type Actor } from '../../identity/index.js';
import { accountPhone } from '../../identity/index.js';
import { createSmsGateway, deliverPendingSms, lastMessageTo, listNotifications } from '../../notify/index.js';
import { notificationPreferences } from '../../notify/tables.js';
import { demoRegistryPeople } from '../../registry/index.js';
import { Client, createTestApp, samplePdf, type TestContext } from '../../../test/app.js';
import { createDepartment, createItem, createPerson, createStaff, signIn, type TestPerson } from '../../../test/factories.js';
import { bookAppointment } from './bookAppointment.js';
import { callNext } from './callNext.js';
import { cancelAppointment } from './cancelAppointment.js';
import { checkInAppointment } from './checkIn.js';
import { markNoShows } from './noShows.js';
import { listSlots, myAppointments } from './readAppointments.js';
import { windowPanel } from './readQueue.js';
import { remindAppointments } from './reminders.js';
import { addWindow, addWindowGroup, createHall } from './setupHall.js';
import { takeKioskTicket, takePhoneTicket } from './takeTicket.js';
import { finishTicket, recallTicket, skipTicket, transferTicket } from './ticketMoves.js';
import { sitAtWindow } from './windowSeat.js';

let ctx: TestContext;
let db: Db;
beforeAll(async () => {
  ctx = await createTestApp();
  db = ctx.database.db;
});
afterAll(() => ctx.close());

// Monday 2026-09-21, 10:00 in Shanghai: a working day (the slots' clock is passed in, never waited for).
const MONDAY_10 = new Date('2026-09-21T02:00:00Z');
const at = (iso: string) => new Date(iso);

let serial = 0;
/** A hall open all day with groups A (the item) and B (another item), windows 1 (A), 2 (A) and 3 (B). */
async function setUpHall(opts: { capacity?: number; noShowLimit?: number } = {}) {
  const dept = await createDepartment(db);
  const item = await createItem(db, dept.id);
  const other = await createItem(db, dept.id);
  const code = `T-${Date.now().toString(36).toUpperCase()}${++serial}`;
  return db.transaction(async (tx) => {
    const { id: hallId } = await createHall(tx, null, {
      code,
      name: { zh: '测试大厅', en: 'Test hall' },
      regionCode: '620100',
      address: { zh: '测试地址', en: 'Test address' },
      hours: [{ from: '00:00', to: '24:00' }],
      slotMinutes: 30,
      ...(opts.noShowLimit ? { noShowLimit: opts.noShowLimit } : {}),
    });
    const a = await addWindowGroup(tx, null, hallId, { letter: 'A', name: { zh: '综合窗口', en: 'General' }, itemIds: [item.id], slotCapacity: opts.capacity ?? 2 });
    const b = await addWindowGroup(tx, null, hallId, { letter: 'B', name: { zh: '税务窗口', en: 'Tax' }, itemIds: [other.id] });
    const w1 = await addWindow(tx, null, hallId, { groupId: a.id, number: 1 });
    const w2 = await addWindow(tx, null, hallId, { groupId: a.id, number: 2 });
    const w3 = await addWindow(tx, null, hallId, { groupId: b.id, number: 3 });
    return { dept, item, other, code, hallId, groupA: a.id, groupB: b.id, w1: w1.id, w2: w2.id, w3: w3.id };
  });
}
type Hall = Awaited<ReturnType<typeof setUpHall>>;

const actorOf = async (id: string): Promise<Actor> => (await loadActor(db, id))!;
const person = async (): Promise<{ p: TestPerson; actor: Actor }> => {
  const p = await createPerson(db);
  return { p, actor: await actorOf(p.id) };
};
async function clerkAt(hall: Hall, windowId: string) {
  const s = await createStaff(db, hall.dept.id, ['clerk']);
  const actor = await actorOf(s.id);
  await db.transaction((tx) => sitAtWindow(tx, actor, windowId));
  return { s, actor };
}
const book = (actor: Actor, hall: Hall, slotStart: string, now = MONDAY_10, itemId = hall.item.id) =>
  db.transaction((tx) => bookAppointment(tx, actor, { itemId, hallId: hall.hallId, slotStart }, now));
const codeOf = (e: unknown) => (e instanceof DomainError ? e.code : String(e));

describe('appointments', () => {
  it('gives the last place of a slot to exactly one of two bookings made at once', async () => {
    const hall = await setUpHall({ capacity: 1 });
    const [a, b] = [await person(), await person()];
    const results = await Promise.allSettled([book(a.actor, hall, '2026-09-21T03:00:00Z'), book(b.actor, hall, '2026-09-21T03:00:00Z')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => codeOf((r as PromiseRejectedResult).reason))).toEqual(['HALL_SLOT_FULL']);
    const slots = await listSlots(db, a.actor, 'zh-CN', hall.item.id, MONDAY_10);
    expect(slots.options[0]!.days[0]!.slots.find((s) => s.start === '2026-09-21T03:00:00.000Z')!.remaining).toBe(0);
  });

  it('holds one open booking per person, item and day; a cancelled one frees its place', async () => {
    const hall = await setUpHall({ capacity: 1 });
    const { actor } = await person();
    const first = await book(actor, hall, '2026-09-21T04:00:00Z');
    await expect(book(actor, hall, '2026-09-21T06:00:00Z')).rejects.toMatchObject({ code: 'HALL_ALREADY_BOOKED' });
    await book(actor, hall, '2026-09-22T04:00:00Z'); // another day is fine
    await db.transaction((tx) => cancelAppointment(tx, actor, first.id, MONDAY_10));
    const { actor: other } = await person();
    await book(other, hall, '2026-09-21T04:00:00Z'); // the place went back to the slot
    await book(actor, hall, '2026-09-21T06:00:00Z');
  });

  it('offers no slot on a holiday, in the past or for an item the hall does not serve', async () => {
    const hall = await setUpHall();
    const { actor } = await person();
    await expect(book(actor, hall, '2026-10-01T02:00:00Z', at('2026-09-28T02:00:00Z'))).rejects.toMatchObject({ code: 'HALL_SLOT_UNAVAILABLE' });
    await expect(book(actor, hall, '2026-09-21T01:00:00Z')).rejects.toMatchObject({ code: 'HALL_SLOT_UNAVAILABLE' }); // ended before 10:00
    await expect(book(actor, hall, '2026-09-21T03:10:00Z')).rejects.toMatchObject({ code: 'HALL_SLOT_UNAVAILABLE' }); // not a slot start
    const stranger = await createItem(db, hall.dept.id);
    await expect(book(actor, hall, '2026-09-21T03:00:00Z', MONDAY_10, stranger.id)).rejects.toMatchObject({ code: 'HALL_ITEM_NOT_SERVED' });
    const slots = await listSlots(db, actor, 'zh-CN', hall.item.id, at('2026-09-28T02:00:00Z'));
    expect(slots.options[0]!.days.filter((d) => d.slots.length === 0).map((d) => d.day)).toEqual(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04']);
  });

  it('blocks online booking for 30 days after three no-shows within 90 days, and says so', async () => {
    const hall = await setUpHall();
    const { actor } = await person();
    for (const day of ['2026-09-21', '2026-09-22', '2026-09-23']) await book(actor, hall, `${day}T03:00:00Z`, at(`${day}T02:00:00Z`));
    // The third slot ends 11:30 Shanghai; with 15 minutes' grace it is a no-show from 11:45.
    await db.transaction((tx) => markNoShows(tx, at('2026-09-23T03:40:00Z')));
    const before = await myAppointments(db, actor, 'zh-CN', at('2026-09-23T03:40:00Z'));
    expect(before.appointments.map((a) => a.status)).toEqual(['booked', 'no_show', 'no_show']);
    expect(before.block).toMatchObject({ noShows: 2, blockedUntil: null });
    await db.transaction((tx) => markNoShows(tx, at('2026-09-23T03:50:00Z')));
    const later = at('2026-09-24T02:00:00Z');
    const mine = await myAppointments(db, actor, 'zh-CN', later);
    expect(mine.appointments.map((a) => a.status)).toEqual(['no_show', 'no_show', 'no_show']);
    expect(mine.block).toMatchObject({ noShows: 3, limit: 3, blockedUntil: '2026-10-23T15:59:59.000Z' }); // through 2026-10-23 in Shanghai
    await expect(book(actor, hall, '2026-09-24T03:00:00Z', later)).rejects.toMatchObject({ code: 'HALL_BOOKING_BLOCKED', params: { count: 3, until: '2026-10-23' } });
    await book(actor, hall, '2026-10-26T03:00:00Z', at('2026-10-26T02:00:00Z')); // the block is over
  });

  it('checks a booking against the no-show rule of the hall being booked, not the strictest hall’s', async () => {
    // One strict hall (blocks after 2 no-shows) and one with the usual rule (3).
    const strict = await setUpHall({ noShowLimit: 2 });
    const usual = await setUpHall();
    const { actor } = await person();
    for (const day of ['2026-09-21', '2026-09-22']) await book(actor, usual, `${day}T03:00:00Z`, at(`${day}T02:00:00Z`));
    await db.transaction((tx) => markNoShows(tx, at('2026-09-22T04:00:00Z')));
    const later = at('2026-09-23T02:00:00Z');
    // Two no-shows: the strict hall refuses, the usual one still books (and the slot page says so per hall).
    await expect(book(actor, strict, '2026-09-23T03:00:00Z', later)).rejects.toMatchObject({ code: 'HALL_BOOKING_BLOCKED', params: { count: 2 } });
    await book(actor, usual, '2026-09-23T03:00:00Z', later);
    const strictSlots = await listSlots(db, actor, 'zh-CN', strict.item.id, later);
    expect(strictSlots.options.map((o) => [o.hallId, o.block.noShows, o.block.limit, !!o.block.blockedUntil])).toEqual([[strict.hallId, 2, 2, true]]);
    expect(strictSlots.block.blockedUntil).not.toBeNull();
    const usualSlots = await listSlots(db, actor, 'zh-CN', usual.item.id, later);
    expect(usualSlots.options[0]!.block).toMatchObject({ noShows: 2, limit: 3, blockedUntil: null });
    expect(usualSlots.block.blockedUntil).toBeNull();
  });

  it('reminds the day before through the message centre and by SMS with when and where only, once', async () => {
    const hall = await setUpHall();
    const { p, actor } = await person();
    const appt = await book(actor, hall, '2026-09-22T05:30:00Z'); // Tuesday 13:30
    const sms = createSmsGateway('sandbox', db);
    const deliver = () => deliverPendingSms(db, { gateway: sms, phoneOf: (id) => accountPhone(db, id) });
    const r = await remindAppointments(db, at('2026-09-21T10:07:00Z'));
    expect(r.reminded).toBeGreaterThanOrEqual(1);
    await deliver();
    const text = (await lastMessageTo(db, p.phone))!;
    expect(text).toContain('09月22日');
    expect(text).toContain('13:30');
    expect(text).toContain('测试大厅');
    expect(text).not.toContain(p.name);
    expect(text).not.toContain('测试事项');
    // The message centre has it too, about the appointment (not a case).
    const inbox = (await listNotifications(db, actor.accountId, { unread: false, page: { limit: 10 } })).rows;
    expect(inbox.map((n) => [n.kind, n.appointmentId, n.caseId])).toEqual([['appointment_reminder', appt.id, null]]);
    // Once reminded, not again.
    const again = await remindAppointments(db, at('2026-09-21T11:07:00Z'));
    expect(again.reminded).toBe(0);
    expect((await listNotifications(db, actor.accountId, { unread: false, page: { limit: 10 } })).rows).toHaveLength(1);
  });

  it('keeps the reminder to the message centre for a person who turned its SMS off', async () => {
    const hall = await setUpHall();
    const { p, actor } = await person();
    await db.insert(notificationPreferences).values({ accountId: actor.accountId, kind: 'appointment_reminder', sms: false, updatedAt: new Date() });
    await book(actor, hall, '2026-09-22T06:00:00Z');
    expect((await remindAppointments(db, at('2026-09-21T10:07:00Z'))).sms).toBe(0);
    await deliverPendingSms(db, { gateway: createSmsGateway('sandbox', db), phoneOf: (id) => accountPhone(db, id) });
    expect(await lastMessageTo(db, p.phone)).toBeNull();
    expect((await listNotifications(db, actor.accountId, { unread: false, page: { limit: 10 } })).rows.map((n) => n.kind)).toEqual(['appointment_reminder']);
  });
});

describe('queue tickets and calling', () => {
  it('calls checked-in appointments before walk-ins, then by ticket time', async () => {
    const hall = await setUpHall();
    const { actor: citizen } = await person();
    const { actor: booker } = await person();
    const appt = await book(booker, hall, '2026-09-21T02:30:00Z', at('2026-09-21T01:00:00Z'));
    const code = (await ctx.database.query<{ code: string }>('SELECT code FROM hall_appointments WHERE id = $1', [appt.id]))[0]!.code;
    const walkIn = await db.transaction((tx) => takeKioskTicket(tx, { hallCode: hall.code, groupId: hall.groupA }, at('2026-09-21T02:20:00Z')));
    const byPhone = await db.transaction((tx) => takePhoneTicket(tx, citizen, { hallCode: hall.code, groupId: hall.groupA }, at('2026-09-21T02:21:00Z')));
    const priority = await db.transaction((tx) => checkInAppointment(tx, { hallCode: hall.code, code }, at('2026-09-21T02:25:00Z')));
    const { actor: clerk } = await clerkAt(hall, hall.w1);
    const order: string[] = [];
    for (const _ of [1, 2, 3]) {
      const id = await db.transaction((tx) => callNext(tx, clerk, hall.w1, at('2026-09-21T02:30:00Z')));
      order.push(id);
      const panel = await windowPanel(db, clerk, 'zh-CN', hall.w1, at('2026-09-21T02:30:00Z'));
      expect(panel.current!.id).toBe(id);
      await db.transaction((tx) => finishTicket(tx, clerk, hall.w1, id));
    }
    expect(order).toEqual([priority, walkIn, byPhone]);
    await expect(db.transaction((tx) => callNext(tx, clerk, hall.w1, at('2026-09-21T02:30:00Z')))).rejects.toMatchObject({ code: 'HALL_QUEUE_EMPTY' });
  });

  it('checks an appointment in only within its slot and grace', async () => {
    const hall = await setUpHall();
    const { actor } = await person();
    await book(actor, hall, '2026-09-21T06:00:00Z'); // 14:00–14:30
    const code = (await ctx.database.query<{ code: string }>('SELECT code FROM hall_appointments WHERE account_id = $1', [actor.accountId]))[0]!.code;
    await expect(db.transaction((tx) => checkInAppointment(tx, { hallCode: hall.code, code }, at('2026-09-21T05:40:00Z')))).rejects.toMatchObject({ code: 'HALL_CHECK_IN_TIME' });
    await expect(db.transaction((tx) => checkInAppointment(tx, { hallCode: hall.code, code: 'ZZZZZZZZ' }, at('2026-09-21T06:00:00Z')))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await db.transaction((tx) => checkInAppointment(tx, { hallCode: hall.code, code }, at('2026-09-21T05:46:00Z')));
    await expect(db.transaction((tx) => checkInAppointment(tx, { hallCode: hall.code, code }, at('2026-09-21T05:50:00Z')))).rejects.toMatchObject({ code: 'NOT_FOUND' }); // once
  });

  it('recalls up to three calls, then skips; transfers keep the number; illegal moves are refused', async () => {
    const hall = await setUpHall();
    const now = at('2026-09-21T02:00:00Z');
    const t1 = await db.transaction((tx) => takeKioskTicket(tx, { hallCode: hall.code, groupId: hall.groupA }, now));
    const t2 = await db.transaction((tx) => takeKioskTicket(tx, { hallCode: hall.code, groupId: hall.groupA }, at('2026-09-21T02:01:00Z')));
    const { actor: clerk } = await clerkAt(hall, hall.w1);
    const { actor: neighbour } = await clerkAt(hall, hall.w2);
    const { actor: taxClerk } = await clerkAt(hall, hall.w3);

    // A ticket never called cannot be finished, and nobody calls at someone else's window.
    await expect(db.transaction((tx) => finishTicket(tx, clerk, hall.w1, t1))).rejects.toMatchObject({ code: 'HALL_TICKET_MOVE' });
    await expect(db.transaction((tx) => callNext(tx, neighbour, hall.w1, now))).rejects.toMatchObject({ code: 'HALL_NOT_YOUR_WINDOW' });
    await expect(db.transaction((tx) => sitAtWindow(tx, neighbour, hall.w1))).rejects.toMatchObject({ code: 'HALL_WINDOW_TAKEN' });

    expect(await db.transaction((tx) => callNext(tx, clerk, hall.w1, now))).toBe(t1);
    await expect(db.transaction((tx) => callNext(tx, clerk, hall.w1, now))).rejects.toMatchObject({ code: 'HALL_TICKET_OPEN', params: { number: 'A001' } });
    await expect(db.transaction((tx) => skipTicket(tx, neighbour, hall.w2, t1))).rejects.toMatchObject({ code: 'NOT_FOUND' }); // not called to that window
    expect(await db.transaction((tx) => recallTicket(tx, clerk, hall.w1, t1, now))).toBe('called'); // second call
    expect(await db.transaction((tx) => recallTicket(tx, clerk, hall.w1, t1, now))).toBe('called'); // third call
    expect(await db.transaction((tx) => recallTicket(tx, clerk, hall.w1, t1, now))).toBe('skipped'); // 过号
    await expect(db.transaction((tx) => recallTicket(tx, clerk, hall.w1, t1, now))).rejects.toMatchObject({ code: 'HALL_TICKET_MOVE' });

    expect(await db.transaction((tx) => callNext(tx, clerk, hall.w1, now))).toBe(t2);
    await expect(db.transaction((tx) => transferTicket(tx, clerk, hall.w1, t2, hall.groupA))).rejects.toMatchObject({ code: 'NOT_FOUND' }); // same group
    await db.transaction((tx) => transferTicket(tx, clerk, hall.w1, t2, hall.groupB));
    expect((await windowPanel(db, clerk, 'zh-CN', hall.w1, now)).current).toBeNull();
    const taxPanel = await windowPanel(db, taxClerk, 'zh-CN', hall.w3, now);
    expect(taxPanel.waiting.map((w) => w.number)).toEqual(['A002']);
    expect(await db.transaction((tx) => callNext(tx, taxClerk, hall.w3, now))).toBe(t2);
    await db.transaction((tx) => skipTicket(tx, taxClerk, hall.w3, t2, now)); // the clerk may skip at once
    await expect(windowPanel(db, clerk, 'zh-CN', hall.w3, now)).rejects.toMatchObject({ code: 'HALL_NOT_YOUR_WINDOW' });
  });
});

describe('the hall over HTTP', () => {
  it('seeds the demo city’s hall with its business types for the kiosk', async () => {
    const kiosk = (await new Client(ctx.app).get('/api/hall/halls/LZ-ZWZX/kiosk')).json();
    expect(kiosk).toMatchObject({ name: '兰州市政务服务中心', groups: [{ letter: 'A', name: '综合窗口' }, { letter: 'B', name: '市场监管窗口' }] });
    expect((await new Client(ctx.app).get('/api/hall/halls/NOPE-1/display')).statusCode).toBe(404);
  });

  it('shows and cancels a booking only for its owner (others get not found)', async () => {
    const hall = await setUpHall();
    const owner = await person();
    const appt = await book(owner.actor, hall, '2026-09-21T03:00:00Z');
    const other = await signIn(ctx.app, (await person()).p);
    expect((await other.get(`/api/hall/appointments/${appt.id}`)).statusCode).toBe(404);
    expect((await other.post(`/api/hall/appointments/${appt.id}/cancel`)).statusCode).toBe(404);
    expect((await other.get('/api/hall/appointments')).json().appointments).toEqual([]);
    const mine = await signIn(ctx.app, owner.p);
    const seen = await mine.get(`/api/hall/appointments/${appt.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ status: 'booked', time: '11:00–11:30', hall: { name: '测试大厅' } });
    const clerk = await signIn(ctx.app, await createStaff(db, hall.dept.id, ['clerk']));
    expect((await clerk.post('/api/hall/appointments', { itemId: hall.item.id, hallId: hall.hallId, slotStart: '2026-09-21T03:00:00Z' })).statusCode).toBe(403);
    expect((await new Client(ctx.app).get('/api/hall/appointments')).statusCode).toBe(401);
    expect((await clerk.post('/api/hall/halls', { code: 'XX-1', name: { zh: 'x', en: 'x' }, regionCode: '620100', address: { zh: 'x', en: 'x' }, hours: [{ from: '09:00', to: '12:00' }] })).statusCode).toBe(403);
  });

  it('takes a kiosk ticket, calls it to the display (numbers only), serves the person and links the case to the ticket', async () => {
    const hall = await setUpHall();
    const kiosk = new Client(ctx.app);
    const ticket = await kiosk.post('/api/hall/kiosk/tickets', { hallCode: hall.code, groupId: hall.groupA });
    expect(ticket.statusCode).toBe(201);
    expect(ticket.json()).toMatchObject({ number: 'A001', status: 'waiting', ahead: 0, priority: false, groupName: '综合窗口' });

    const staff = await createStaff(db, hall.dept.id, ['clerk']);
    const clerk = await signIn(ctx.app, staff);
    expect((await clerk.get('/api/hall/windows')).json().seat).toBeNull();
    expect((await clerk.post(`/api/hall/windows/${hall.w2}/sit`)).statusCode).toBe(200);
    const called = await clerk.post(`/api/hall/windows/${hall.w2}/call-next`);
    expect(called.json().current).toMatchObject({ number: 'A001', status: 'called', windowNumber: 2, applicantName: null });

    const display = await new Client(ctx.app).get(`/api/hall/halls/${hall.code}/display`);
    expect(display.statusCode).toBe(200);
    expect(display.json().calls[0]).toMatchObject({ number: 'A001', window: 2 });
    expect(display.json().waiting).toEqual([
      { letter: 'A', name: '综合窗口', count: 0 },
      { letter: 'B', name: '税务窗口', count: 0 },
    ]);

    const ticketId = called.json().current.id;
    expect((await clerk.post(`/api/hall/windows/${hall.w2}/tickets/${ticketId}/serve`)).json().current.status).toBe('serving');
    const visit = await clerk.post('/api/hall/visits', { idNumber: demoRegistryPeople.wangFang.idNumber, cardChecked: true, ticketId });
    expect(visit.statusCode).toBe(201);
    const up = await clerk.upload('scan.pdf', samplePdf(), 'application/pdf');
    const applied = await clerk.post(`/api/hall/visits/${visit.json().id}/cases`, { itemId: hall.item.id, form: { purpose: '测试' }, materials: [{ code: 'M01', uploadId: up.json().id }] });
    expect(applied.statusCode).toBe(201);
    const panel = (await clerk.get(`/api/hall/windows/${hall.w2}`)).json();
    expect(panel.current).toMatchObject({ number: 'A001', caseNo: applied.json().caseNo, caseId: applied.json().id });
    expect(JSON.stringify((await new Client(ctx.app).get(`/api/hall/halls/${hall.code}/display`)).json())).not.toContain('王芳');
    expect((await clerk.post(`/api/hall/windows/${hall.w2}/tickets/${ticketId}/finish`)).json().current).toBeNull();

    // Another clerk cannot open a visit under a ticket that is not theirs.
    const stranger = await signIn(ctx.app, await createStaff(db, hall.dept.id, ['clerk']));
    expect((await stranger.post('/api/hall/visits', { idNumber: demoRegistryPeople.wangFang.idNumber, cardChecked: true, ticketId })).statusCode).toBe(404);
    expect((await stranger.get(`/api/hall/windows/${hall.w2}`)).statusCode).toBe(403);
  });
});
