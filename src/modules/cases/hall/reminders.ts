import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db, Executor, Tx } from '../../../db/client.js';
import { addCalendarDays, shanghaiDate } from '../../../lib/calendar.js';
import { notifyMany } from '../../notify/index.js';
import { appendAudit } from '../../supervision/index.js';
import { shanghaiTime } from './slots.js';
import { halls, hallAppointments } from './tables.js';

/** What a reminder SMS says: when and where, never who or for which service (no personal data). */
export type ReminderParams = { date: string; time: string; hall: string; count: string };

/** Tomorrow's open bookings not yet reminded, one reminder per person (their earliest slot). */
export async function dueReminders(db: Executor, now = new Date()) {
  const tomorrow = addCalendarDays(shanghaiDate(now), 1);
  const rows = await db
    .select({ id: hallAppointments.id, accountId: hallAppointments.accountId, slotStart: hallAppointments.slotStart, hallName: halls.name })
    .from(hallAppointments)
    .innerJoin(halls, eq(halls.id, hallAppointments.hallId))
    .where(and(eq(hallAppointments.day, tomorrow), eq(hallAppointments.status, 'booked'), isNull(hallAppointments.remindedAt)))
    .orderBy(asc(hallAppointments.slotStart));
  const byAccount = new Map<string, { accountId: string; ids: string[]; day: string; hall: { zh: string; en: string }; params: ReminderParams }>();
  for (const r of rows) {
    const seen = byAccount.get(r.accountId);
    if (seen) {
      seen.ids.push(r.id);
      seen.params.count = String(seen.ids.length);
    } else
      byAccount.set(r.accountId, {
        accountId: r.accountId,
        ids: [r.id],
        day: tomorrow,
        hall: { zh: r.hallName.zh, en: r.hallName.en },
        params: { date: tomorrow.slice(5).replace('-', '月') + '日', time: shanghaiTime(r.slotStart), hall: r.hallName.zh, count: '1' },
      });
  }
  return [...byAccount.values()];
}

/** Records that the reminders went out (and is audited). */
export async function markReminded(tx: Tx, ids: string[], now = new Date()): Promise<void> {
  if (ids.length === 0) return;
  await tx.update(hallAppointments).set({ remindedAt: now }).where(inArray(hallAppointments.id, ids));
  for (const id of ids) await appendAudit(tx, { actorAccountId: null, action: 'appointment.remind', entityType: 'appointment', entityId: id, detail: {} });
}

/**
 * The day-before reminder job: tells each person with a booking tomorrow once, through notify — a
 * message in their message centre about their (earliest) appointment, and an SMS with when and
 * where only if they keep SMS on for `appointment_reminder` (on by default). The SMS is queued in
 * the same transaction as the bookings' `reminded_at` and sent after the commit with notify's
 * retries (a number's sending limit is waited out there), so a run twice reminds once.
 */
export async function remindAppointments(db: Db, now = new Date()): Promise<{ reminded: number; sms: number }> {
  const due = await dueReminders(db, now);
  if (!due.length) return { reminded: 0, sms: 0 };
  return db.transaction(async (tx) => {
    // Only the bookings still not reminded once this transaction holds them (a concurrent run took the others).
    const claimed = new Set(
      (
        await tx
          .update(hallAppointments)
          .set({ remindedAt: now })
          .where(and(inArray(hallAppointments.id, due.flatMap((d) => d.ids)), isNull(hallAppointments.remindedAt)))
          .returning({ id: hallAppointments.id })
      ).map((r) => r.id),
    );
    const mine = due.filter((d) => d.ids.every((id) => claimed.has(id)));
    const sent = await notifyMany(
      tx,
      mine.map((d) => ({
        recipientAccountId: d.accountId,
        kind: 'appointment_reminder' as const,
        about: { appointmentId: d.ids[0]! },
        params: { date: d.day, time: d.params.time, hall: d.hall, count: d.ids.length },
        sms: d.params,
      })),
    );
    for (const d of mine) for (const id of d.ids) await appendAudit(tx, { actorAccountId: null, action: 'appointment.remind', entityType: 'appointment', entityId: id, detail: {} });
    return { reminded: mine.length, sms: sent.filter((s) => s.sms).length };
  });
}
