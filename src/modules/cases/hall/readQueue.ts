import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.js';
import { shanghaiDate } from '../../../lib/calendar.js';
import type { Lang } from '../../../lib/i18n/messages.js';
import { local } from '../../../lib/i18n/messages.js';
import { accountNames, type Actor } from '../../identity/index.js';
import type { DisplayView, HallView, KioskHall, MyWindows, TicketView, WindowPanel } from './contract.js';
import { assertMaySitAtWindow, assertOwnWindow } from './policy.js';
import { hallByCode, ticketViews } from './queue.js';
import { halls, hallTickets, hallWindowGroups, hallWindows } from './tables.js';
import { loadWindow } from './windowSeat.js';

/** Every hall with its groups and windows (for admins and clerks choosing a window). */
export async function listHalls(db: Executor, lang: Lang): Promise<HallView[]> {
  const hs = await db.select().from(halls).orderBy(halls.code);
  const gs = await db.select().from(hallWindowGroups).orderBy(hallWindowGroups.letter);
  const ws = await db.select().from(hallWindows).orderBy(hallWindows.number);
  const names = await accountNames(db, ws.map((w) => w.clerkAccountId).filter((x): x is string => !!x));
  return hs.map((h) => ({
    id: h.id,
    code: h.code,
    name: local(lang, h.name),
    address: local(lang, h.address),
    hours: h.hours,
    slotMinutes: h.slotMinutes,
    groups: gs.filter((g) => g.hallId === h.id).map((g) => ({ id: g.id, letter: g.letter, name: local(lang, g.name), itemIds: g.itemIds, slotCapacity: g.slotCapacity })),
    windows: ws.filter((w) => w.hallId === h.id).map((w) => ({ id: w.id, number: w.number, groupId: w.groupId, clerkName: w.clerkAccountId ? (names.get(w.clerkAccountId) ?? null) : null })),
  }));
}

async function waitingCounts(db: Executor, hallId: string, day: string) {
  const rows = await db
    .select({ groupId: hallTickets.groupId, n: sql<number>`count(*)::int` })
    .from(hallTickets)
    .where(and(eq(hallTickets.hallId, hallId), eq(hallTickets.day, day), eq(hallTickets.status, 'waiting')))
    .groupBy(hallTickets.groupId);
  return new Map(rows.map((r) => [r.groupId, r.n]));
}

/** The kiosk's 取号 screen: the hall's business types and how many wait for each. */
export async function kioskHall(db: Executor, lang: Lang, code: string, now = new Date()): Promise<KioskHall> {
  const hall = await hallByCode(db, code);
  const gs = await db.select().from(hallWindowGroups).where(eq(hallWindowGroups.hallId, hall.id)).orderBy(hallWindowGroups.letter);
  const waiting = await waitingCounts(db, hall.id, shanghaiDate(now));
  return { code: hall.code, name: local(lang, hall.name), groups: gs.map((g) => ({ id: g.id, letter: g.letter, name: local(lang, g.name), waiting: waiting.get(g.id) ?? 0 })) };
}

/**
 * The waiting-room display (public): numbers being called with their windows, latest first,
 * and how many wait per business type. Ticket numbers only: no name, no item.
 */
export async function hallDisplay(db: Executor, lang: Lang, code: string, now = new Date()): Promise<DisplayView> {
  const hall = await hallByCode(db, code);
  const day = shanghaiDate(now);
  const calls = await db
    .select({ id: hallTickets.id, number: hallTickets.number, window: hallWindows.number, calledAt: hallTickets.calledAt, callCount: hallTickets.callCount })
    .from(hallTickets)
    .innerJoin(hallWindows, eq(hallWindows.id, hallTickets.windowId))
    .where(and(eq(hallTickets.hallId, hall.id), eq(hallTickets.day, day), inArray(hallTickets.status, ['called', 'serving']), isNotNull(hallTickets.calledAt)))
    .orderBy(desc(hallTickets.calledAt))
    .limit(8);
  const gs = await db.select().from(hallWindowGroups).where(eq(hallWindowGroups.hallId, hall.id)).orderBy(hallWindowGroups.letter);
  const waiting = await waitingCounts(db, hall.id, day);
  return {
    hallName: local(lang, hall.name),
    now: now.toISOString(),
    calls: calls.map((c) => ({ id: c.id, number: c.number, window: c.window, calledAt: c.calledAt!.toISOString(), callCount: c.callCount })),
    waiting: gs.map((g) => ({ letter: g.letter, name: local(lang, g.name), count: waiting.get(g.id) ?? 0 })),
  };
}

/** The windows a clerk may sign in at, and the one they are at. */
export async function myWindows(db: Executor, actor: Actor, lang: Lang): Promise<MyWindows> {
  assertMaySitAtWindow(actor);
  const all = await listHalls(db, lang);
  const windows = all.flatMap((h) => h.windows.map((w) => ({ id: w.id, number: w.number, hallName: h.name, groupName: h.groups.find((g) => g.id === w.groupId)?.name ?? '', clerkName: w.clerkName })));
  const [seat] = await db.select({ id: hallWindows.id }).from(hallWindows).where(eq(hallWindows.clerkAccountId, actor.accountId)).limit(1);
  return { seat: seat ? { windowId: seat.id } : null, windows };
}

/** The calling panel of the clerk's own window: its current ticket and who waits for its group. */
export async function windowPanel(db: Executor, actor: Actor, lang: Lang, windowId: string, now = new Date()): Promise<WindowPanel> {
  const w = await loadWindow(db, windowId);
  assertOwnWindow(actor, w);
  const [hall] = await db.select().from(halls).where(eq(halls.id, w.hallId));
  const gs = await db.select().from(hallWindowGroups).where(eq(hallWindowGroups.hallId, w.hallId)).orderBy(hallWindowGroups.letter);
  const [cur] = await db
    .select()
    .from(hallTickets)
    .where(and(eq(hallTickets.windowId, w.id), inArray(hallTickets.status, ['called', 'serving'])))
    .limit(1);
  let current: WindowPanel['current'] = null;
  if (cur) {
    const [v] = await ticketViews(db, lang, [cur]);
    const name = cur.accountId ? ((await accountNames(db, [cur.accountId])).get(cur.accountId) ?? null) : null;
    current = { ...(v as TicketView), applicantName: name };
  }
  const waiting = await db
    .select({ number: hallTickets.number, priority: hallTickets.priority, takenAt: hallTickets.takenAt })
    .from(hallTickets)
    .where(and(eq(hallTickets.groupId, w.groupId), eq(hallTickets.day, shanghaiDate(now)), eq(hallTickets.status, 'waiting')))
    .orderBy(desc(hallTickets.priority), asc(hallTickets.takenAt), asc(hallTickets.id))
    .limit(50);
  const group = gs.find((g) => g.id === w.groupId)!;
  return {
    window: { id: w.id, number: w.number, hallCode: hall!.code, hallName: local(lang, hall!.name), groupId: group.id, groupName: local(lang, group.name) },
    current,
    waiting: waiting.map((t) => ({ number: t.number, priority: t.priority > 0, takenAt: t.takenAt.toISOString() })),
    groups: gs.map((g) => ({ id: g.id, letter: g.letter, name: local(lang, g.name) })),
  };
}

/** The citizen's own tickets of today (by phone or from an appointment). */
export async function myTickets(db: Executor, actor: Actor, lang: Lang, now = new Date()): Promise<TicketView[]> {
  const rows = await db
    .select()
    .from(hallTickets)
    .where(and(eq(hallTickets.accountId, actor.accountId), eq(hallTickets.day, shanghaiDate(now))))
    .orderBy(desc(hallTickets.takenAt));
  return ticketViews(db, lang, rows);
}
