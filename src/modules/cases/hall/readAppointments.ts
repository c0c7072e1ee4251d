import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.js';
import type { Lang } from '../../../lib/i18n/messages.js';
import { local } from '../../../lib/i18n/messages.js';
import { notFound } from '../../../lib/errors.js';
import { getItems, getServiceItem } from '../../catalog/index.js';
import type { Actor } from '../../identity/index.js';
import type { AppointmentView, MyAppointments, SlotsView } from './contract.js';
import { bookingBlock, strictestRule, type BookingBlock } from './noShows.js';
import { daysFrom, shanghaiTime, slotsOn } from './slots.js';
import { halls, hallAppointments, hallSlotCounts, hallWindowGroups } from './tables.js';

const blockView = (b: BookingBlock) => ({ blockedUntil: b.blockedUntil?.toISOString() ?? null, noShows: b.noShows, limit: b.limit });

/** The open slots of every hall group serving the item, day by day within each hall's booking period. */
export async function listSlots(db: Executor, actor: Actor, lang: Lang, itemId: string, now = new Date()): Promise<SlotsView> {
  const item = await getServiceItem(db, itemId);
  if (!item) throw notFound();
  const groups = await db
    .select({ group: hallWindowGroups, hall: halls })
    .from(hallWindowGroups)
    .innerJoin(halls, eq(halls.id, hallWindowGroups.hallId))
    .where(sql`${hallWindowGroups.itemIds} @> ${JSON.stringify([itemId])}::jsonb`)
    .orderBy(halls.code, hallWindowGroups.letter);
  const options: SlotsView['options'] = [];
  for (const { group, hall } of groups) {
    if (options.some((o) => o.hallId === hall.id)) continue; // one group per hall takes the item's bookings
    const days = daysFrom(now, hall.bookingDays).map((day) => ({ day, slots: slotsOn(day, hall.hours, hall.slotMinutes).filter((s) => s.end > now) }));
    const starts = days.flatMap((d) => d.slots.map((s) => s.start));
    const counts = starts.length
      ? await db
          .select({ start: hallSlotCounts.slotStart, booked: hallSlotCounts.booked })
          .from(hallSlotCounts)
          .where(and(eq(hallSlotCounts.groupId, group.id), inArray(hallSlotCounts.slotStart, starts)))
      : [];
    const booked = new Map(counts.map((c) => [new Date(c.start).getTime(), c.booked]));
    options.push({
      block: blockView(await bookingBlock(db, actor.accountId, hall, now)),
      hallId: hall.id,
      hallCode: hall.code,
      groupId: group.id,
      hallName: local(lang, hall.name),
      address: local(lang, hall.address),
      groupName: local(lang, group.name),
      days: days.map((d) => ({
        day: d.day,
        slots: d.slots.map((s) => ({ start: s.start.toISOString(), end: s.end.toISOString(), time: shanghaiTime(s.start), remaining: Math.max(0, group.slotCapacity - (booked.get(s.start.getTime()) ?? 0)) })),
      })),
    });
  }
  // The page's block: booking is blocked only where every hall offered blocks it (each option says for its own hall).
  const blocked = options.length > 0 && options.every((o) => o.block.blockedUntil);
  const block = blocked ? options.reduce((a, o) => (o.block.blockedUntil! < a.blockedUntil! ? o.block : a), options[0]!.block) : { ...(options[0]?.block ?? blockView(await bookingBlock(db, actor.accountId, await strictestRule(db), now))), blockedUntil: null };
  return { item: { id: item.id, name: local(lang, item.name) }, options, block };
}

type AppointmentRow = typeof hallAppointments.$inferSelect;

export async function appointmentViews(db: Executor, lang: Lang, rows: AppointmentRow[]): Promise<AppointmentView[]> {
  if (rows.length === 0) return [];
  const hallRows = await db.select().from(halls).where(inArray(halls.id, [...new Set(rows.map((r) => r.hallId))]));
  const groupRows = await db.select().from(hallWindowGroups).where(inArray(hallWindowGroups.id, [...new Set(rows.map((r) => r.groupId))]));
  const items = await getItems(db, [...new Set(rows.map((r) => r.itemId))]);
  const hallOf = new Map(hallRows.map((h) => [h.id, h]));
  const groupOf = new Map(groupRows.map((g) => [g.id, g]));
  return rows.map((r) => {
    const h = hallOf.get(r.hallId)!;
    return {
      id: r.id,
      code: r.code,
      status: r.status,
      day: r.day,
      start: r.slotStart.toISOString(),
      end: r.slotEnd.toISOString(),
      time: `${shanghaiTime(r.slotStart)}–${shanghaiTime(r.slotEnd)}`,
      hall: { code: h.code, name: local(lang, h.name), address: local(lang, h.address) },
      groupName: local(lang, groupOf.get(r.groupId)!.name),
      item: { id: r.itemId, name: items.get(r.itemId) ? local(lang, items.get(r.itemId)!.name) : '' },
    };
  });
}

/** The citizen's own bookings (newest slot first) and whether online booking is blocked for them (under the strictest hall's rule: each hall's booking page says for itself). */
export async function myAppointments(db: Executor, actor: Actor, lang: Lang, now = new Date()): Promise<MyAppointments> {
  const rows = await db.select().from(hallAppointments).where(eq(hallAppointments.accountId, actor.accountId)).orderBy(desc(hallAppointments.slotStart)).limit(50);
  return { appointments: await appointmentViews(db, lang, rows), block: blockView(await bookingBlock(db, actor.accountId, await strictestRule(db), now)) };
}

/** One of the citizen's own bookings; anybody else's is not found. */
export async function readAppointment(db: Executor, actor: Actor, lang: Lang, id: string): Promise<AppointmentView> {
  const [row] = await db.select().from(hallAppointments).where(and(eq(hallAppointments.id, id), eq(hallAppointments.accountId, actor.accountId))).limit(1);
  if (!row) throw notFound();
  return (await appointmentViews(db, lang, [row]))[0]!;
}
