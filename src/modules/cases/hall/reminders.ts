import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db, Executor, Tx } from '../../../db/client.js';
import { addCalendarDays, shanghaiDate } from '../../../lib/calendar.js';
import { accountPhone } from '../../identity/index.js';
import { appendAudit } from '../../supervision/index.js';
import { shanghaiTime } from './slots.js';
import { halls, hallAppointments } from './tables.js';

/** What a reminder SMS says: when and where, never who or for which service (no personal data). */
export type ReminderParams = { date: string; time: string; hall: string; count: string };
/** Sends one reminder (the composition root wires the SMS gateway's APPOINTMENT_REMINDER template). */
export type SendReminder = (phone: string, params: ReminderParams) => Promise<void>;

/** Tomorrow's open bookings not yet reminded, one reminder per person (their earliest slot). */
export async function dueReminders(db: Executor, now = new Date()) {
  const tomorrow = addCalendarDays(shanghaiDate(now), 1);
  const rows = await db
    .select({ id: hallAppointments.id, accountId: hallAppointments.accountId, slotStart: hallAppointments.slotStart, hallName: halls.name })
    .from(hallAppointments)
    .innerJoin(halls, eq(halls.id, hallAppointments.hallId))
    .where(and(eq(hallAppointments.day, tomorrow), eq(hallAppointments.status, 'booked'), isNull(hallAppointments.remindedAt)))
    .orderBy(asc(hallAppointments.slotStart));
  const byAccount = new Map<string, { accountId: string; ids: string[]; params: ReminderParams }>();
  for (const r of rows) {
    const seen = byAccount.get(r.accountId);
    if (seen) {
      seen.ids.push(r.id);
      seen.params.count = String(seen.ids.length);
    } else byAccount.set(r.accountId, { accountId: r.accountId, ids: [r.id], params: { date: tomorrow.slice(5).replace('-', '月') + '日', time: shanghaiTime(r.slotStart), hall: r.hallName.zh, count: '1' } });
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
 * The day-before reminder job: texts each person with a booking tomorrow once. A message the
 * gateway refuses (a number's sending limit) stays due for the job's next run.
 */
export async function remindAppointments(db: Db, send: SendReminder, now = new Date()): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (const due of await dueReminders(db, now)) {
    const phone = await accountPhone(db, due.accountId);
    if (!phone) continue;
    try {
      await send(phone, due.params);
    } catch {
      failed++;
      continue;
    }
    await db.transaction((tx) => markReminded(tx, due.ids, now));
    sent++;
  }
  return { sent, failed };
}
