import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../../db/client.js';
import { shanghaiDate } from '../../../lib/calendar.js';
import { DomainError } from '../../../lib/errors.js';
import type { Actor } from '../../identity/index.js';
import { appendAudit } from '../../supervision/index.js';
import { hallTickets } from './tables.js';
import { ownWindow } from './windowSeat.js';

/**
 * Calls the next person to the clerk's window (叫号): checked-in appointments first, then by the
 * time the ticket was taken. The window's current ticket must be finished, skipped or transferred
 * first. Two windows of a group calling at once never get the same ticket (SKIP LOCKED).
 */
export async function callNext(tx: Tx, actor: Actor, windowId: string, now = new Date()): Promise<string> {
  const w = await ownWindow(tx, actor, windowId);
  const [open] = await tx
    .select({ number: hallTickets.number })
    .from(hallTickets)
    .where(and(eq(hallTickets.windowId, w.id), inArray(hallTickets.status, ['called', 'serving'])))
    .limit(1);
  if (open) throw new DomainError('HALL_TICKET_OPEN', { number: open.number });
  const [next] = await tx
    .select({ id: hallTickets.id, number: hallTickets.number })
    .from(hallTickets)
    .where(and(eq(hallTickets.groupId, w.groupId), eq(hallTickets.day, shanghaiDate(now)), eq(hallTickets.status, 'waiting')))
    .orderBy(desc(hallTickets.priority), asc(hallTickets.takenAt), asc(hallTickets.id))
    .limit(1)
    .for('update', { skipLocked: true });
  if (!next) throw new DomainError('HALL_QUEUE_EMPTY');
  await tx.update(hallTickets).set({ status: 'called', windowId: w.id, calledAt: now, callCount: 1 }).where(eq(hallTickets.id, next.id));
  await appendAudit(tx, { actorAccountId: actor.accountId, action: 'ticket.call', entityType: 'ticket', entityId: next.id, detail: { number: next.number, window: w.number } });
  return next.id;
}
