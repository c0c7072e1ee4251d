import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../../db/client.js';
import { DomainError, notFound } from '../../../lib/errors.js';
import { appendAudit } from '../../supervision/index.js';
import { hallByCode, issueTicket } from './queue.js';
import { shanghaiTime } from './slots.js';
import { hallAppointments } from './tables.js';

/**
 * Check-in at the kiosk with the booking code (预约签到): within the slot (from the grace before
 * its start to the grace after its end) the booking becomes a priority ticket of its group,
 * called before walk-ins. The code is the only thing typed: the slip shows a number, no name.
 */
export async function checkInAppointment(tx: Tx, input: { hallCode: string; code: string }, now = new Date()): Promise<string> {
  const hall = await hallByCode(tx, input.hallCode);
  const [appt] = await tx
    .select()
    .from(hallAppointments)
    .where(and(eq(hallAppointments.code, input.code), eq(hallAppointments.hallId, hall.id)))
    .for('update')
    .limit(1);
  if (!appt || appt.status !== 'booked') throw notFound();
  const grace = hall.graceMinutes * 60_000;
  const from = new Date(appt.slotStart.getTime() - grace);
  const to = new Date(appt.slotEnd.getTime() + grace);
  if (now < from || now > to) throw new DomainError('HALL_CHECK_IN_TIME', { from: `${appt.day} ${shanghaiTime(from)}`, to: shanghaiTime(to) });
  await tx.update(hallAppointments).set({ status: 'checked_in', endedAt: now }).where(eq(hallAppointments.id, appt.id));
  await appendAudit(tx, { actorAccountId: null, action: 'appointment.check_in', entityType: 'appointment', entityId: appt.id, detail: {} });
  return issueTicket(tx, { hallId: hall.id, groupId: appt.groupId, day: appt.day, source: 'appointment', accountId: appt.accountId, appointmentId: appt.id, actorAccountId: null }, now);
}
