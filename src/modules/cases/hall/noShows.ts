import { and, count, eq, gte, lt, max, or, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../../db/client.js';
import { addCalendarDays, shanghaiDate } from '../../../lib/calendar.js';
import { appendAudit } from '../../supervision/index.js';
import { halls, hallAppointments } from './tables.js';

export type BookingBlock = { blockedUntil: Date | null; noShows: number; limit: number; windowDays: number };

/** The no-show rules of the node's halls (the strictest hall's, when halls differ). */
async function rules(db: Executor) {
  const [r] = await db
    .select({ limit: sql<number>`coalesce(min(${halls.noShowLimit}), 3)::int`, windowDays: sql<number>`coalesce(max(${halls.noShowWindowDays}), 90)::int`, blockDays: sql<number>`coalesce(max(${halls.blockDays}), 30)::int` })
    .from(halls);
  return r!;
}

/**
 * A booking not checked in by its slot's end plus the hall's grace is a no-show (爽约), whether
 * or not the marking job has run yet. `limit` of them within `windowDays` block online booking
 * for `blockDays` from the latest one.
 */
export async function bookingBlock(db: Executor, accountId: string, now = new Date()): Promise<BookingBlock> {
  const r = await rules(db);
  const since = new Date(now.getTime() - r.windowDays * 86_400_000);
  const missed = or(
    eq(hallAppointments.status, 'no_show'),
    and(eq(hallAppointments.status, 'booked'), sql`${hallAppointments.slotEnd} + make_interval(mins => ${halls.graceMinutes}) < ${now.toISOString()}::timestamptz`),
  );
  const [row] = await db
    .select({ n: count(), latest: max(hallAppointments.slotEnd) })
    .from(hallAppointments)
    .innerJoin(halls, eq(halls.id, hallAppointments.hallId))
    .where(and(eq(hallAppointments.accountId, accountId), gte(hallAppointments.slotEnd, since), missed));
  const n = Number(row?.n ?? 0);
  let blockedUntil: Date | null = null;
  if (n >= r.limit && row?.latest) {
    const latest = new Date(row.latest as unknown as string | Date);
    // Blocked through the whole civil day `blockDays` after the latest no-show.
    const until = new Date(Date.parse(`${addCalendarDays(shanghaiDate(latest), r.blockDays)}T23:59:59+08:00`));
    if (until > now) blockedUntil = until;
  }
  return { blockedUntil, noShows: n, limit: r.limit, windowDays: r.windowDays };
}

/** Marks the bookings whose slot ended more than the grace ago without a check-in as no-shows. */
export async function markNoShows(tx: Tx, now = new Date()): Promise<number> {
  const rows = await tx
    .update(hallAppointments)
    .set({ status: 'no_show', endedAt: now })
    .where(
      and(
        eq(hallAppointments.status, 'booked'),
        lt(hallAppointments.slotEnd, now),
        sql`${hallAppointments.slotEnd} + make_interval(mins => (SELECT grace_minutes FROM halls WHERE halls.id = ${hallAppointments.hallId})) < ${now.toISOString()}::timestamptz`,
      ),
    )
    .returning({ id: hallAppointments.id, accountId: hallAppointments.accountId });
  for (const r of rows) {
    await appendAudit(tx, { actorAccountId: null, action: 'appointment.no_show', entityType: 'appointment', entityId: r.id, detail: {} });
  }
  return rows.length;
}
