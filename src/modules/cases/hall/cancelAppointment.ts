import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../../db/client.js';
import { DomainError } from '../../../lib/errors.js';
import type { Actor } from '../../identity/index.js';
import { appendAudit } from '../../supervision/index.js';
import { assertOwn } from './policy.js';
import { hallAppointments, hallSlotCounts } from './tables.js';

/** The citizen cancels their own booking before its slot starts; the place returns to the slot. */
export async function cancelAppointment(tx: Tx, actor: Actor, id: string, now = new Date()) {
  const [appt] = await tx.select().from(hallAppointments).where(eq(hallAppointments.id, id)).for('update').limit(1);
  assertOwn(actor, appt);
  if (appt.status !== 'booked' || appt.slotStart <= now) throw new DomainError('HALL_SLOT_UNAVAILABLE');
  await tx.update(hallAppointments).set({ status: 'cancelled', endedAt: now }).where(eq(hallAppointments.id, id));
  await tx
    .update(hallSlotCounts)
    .set({ booked: sql`${hallSlotCounts.booked} - 1` })
    .where(and(eq(hallSlotCounts.groupId, appt.groupId), eq(hallSlotCounts.slotStart, appt.slotStart)));
  await appendAudit(tx, { actorAccountId: actor.accountId, action: 'appointment.cancel', entityType: 'appointment', entityId: id, detail: {} });
}
