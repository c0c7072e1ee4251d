import { and, count, eq, gte, lt, max, or, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../../db/client.js';
import { addCalendarDays, shanghaiDate } from '../../../lib/calendar.js';
import { appendAudit } from '../../supervision/index.js';
import { halls, hallAppointments } from './tables.js';

export type BookingBlock = { blockedUntil: Date | null; noShows: number; limit: number; windowDays: number };

/** A hall's no-show rule (爽约规则), as its admin set it. */
export type NoShowRule = { noShowLimit: number; noShowWindowDays: number; blockDays: number };

/** The strictest rule of the node's halls: what "blocked" means where no one hall is in question (my appointments). */
export async function strictestRule(db: Executor): Promise<NoShowRule> {
  const [r] = await db
    .select({ noShowLimit: sql<number>`coalesce(min(${halls.noShowLimit}), 3)::int`, noShowWindowDays: sql<number>`coalesce(max(${halls.noShowWindowDays}), 90)::int`, blockDays: sql<number>`coalesce(max(${halls.blockDays}), 30)::int` })
    .from(halls);
  return r!;
}

/**
 * A booking not checked in by its slot's end plus its hall's grace is a no-show (爽约), whether
 * or not the marking job has run yet. Under a hall's rule, `noShowLimit` of the person's no-shows
 * (at any hall of the node: it is the person's record) within `noShowWindowDays` block online
 * booking at that hall for `blockDays` from the latest one. A booking is checked against the rule
 * of the hall being booked, so a hall with a lenient rule still takes a person another hall blocks.
 */
export async function bookingBlock(db: Executor, accountId: string, rule: NoShowRule, now = new Date()): Promise<BookingBlock> {
  const r = { limit: rule.noShowLimit, windowDays: rule.noShowWindowDays, blockDays: rule.blockDays };
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
