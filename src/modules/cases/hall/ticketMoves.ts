import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../../db/client.js';
import { notFound } from '../../../lib/errors.js';
import type { Actor } from '../../identity/index.js';
import { appendAudit } from '../../supervision/index.js';
import { assertTicketMove, MAX_CALLS, type TicketMove } from './policy.js';
import { hallTickets, hallWindowGroups, type TicketStatus } from './tables.js';
import { ownWindow } from './windowSeat.js';

/**
 * The window's moves on the ticket it called (recall, skip, serve, transfer, finish). Each is
 * refused at another clerk's window, for a ticket not called to this window (it looks not found)
 * and where the ticket's state does not allow it (a ticket never called cannot be finished).
 */
async function windowTicket(tx: Tx, actor: Actor, windowId: string, ticketId: string, move: TicketMove) {
  const w = await ownWindow(tx, actor, windowId);
  const [t] = await tx.select().from(hallTickets).where(eq(hallTickets.id, ticketId)).for('update').limit(1);
  if (!t || t.hallId !== w.hallId) throw notFound();
  assertTicketMove(t, move);
  if (t.windowId !== w.id) throw notFound();
  return { w, t };
}

async function record(tx: Tx, actor: Actor, action: string, t: { id: string; number: string }, detail: Record<string, unknown> = {}) {
  await appendAudit(tx, { actorAccountId: actor.accountId, action: `ticket.${action}`, entityType: 'ticket', entityId: t.id, detail: { number: t.number, ...detail } });
}

/** Calls the same number again (重呼); a recall after the third call skips the ticket (过号). */
export async function recallTicket(tx: Tx, actor: Actor, windowId: string, ticketId: string, now = new Date()): Promise<TicketStatus> {
  const { t } = await windowTicket(tx, actor, windowId, ticketId, 'recall');
  if (t.callCount >= MAX_CALLS) {
    await tx.update(hallTickets).set({ status: 'skipped', endedAt: now }).where(eq(hallTickets.id, t.id));
    await record(tx, actor, 'skip', t, { after: t.callCount });
    return 'skipped';
  }
  await tx.update(hallTickets).set({ callCount: t.callCount + 1, calledAt: now }).where(eq(hallTickets.id, t.id));
  await record(tx, actor, 'recall', t, { calls: t.callCount + 1 });
  return 'called';
}

/** The called person did not come: the clerk skips the number (过号). */
export async function skipTicket(tx: Tx, actor: Actor, windowId: string, ticketId: string, now = new Date()): Promise<void> {
  const { t } = await windowTicket(tx, actor, windowId, ticketId, 'skip');
  await tx.update(hallTickets).set({ status: 'skipped', endedAt: now }).where(eq(hallTickets.id, t.id));
  await record(tx, actor, 'skip', t);
}

/** The person is at the window: serving begins, the hall intake opens for them. */
export async function serveTicket(tx: Tx, actor: Actor, windowId: string, ticketId: string): Promise<void> {
  const { t } = await windowTicket(tx, actor, windowId, ticketId, 'serve');
  await tx.update(hallTickets).set({ status: 'serving' }).where(eq(hallTickets.id, t.id));
  await record(tx, actor, 'serve', t);
}

/** Sends the person to another window group of the hall: they wait there keeping number and place in time. */
export async function transferTicket(tx: Tx, actor: Actor, windowId: string, ticketId: string, groupId: string): Promise<void> {
  const { w, t } = await windowTicket(tx, actor, windowId, ticketId, 'transfer');
  const [target] = await tx.select({ id: hallWindowGroups.id }).from(hallWindowGroups).where(and(eq(hallWindowGroups.id, groupId), eq(hallWindowGroups.hallId, w.hallId))).limit(1);
  if (!target || target.id === t.groupId) throw notFound();
  await tx.update(hallTickets).set({ status: 'waiting', groupId: target.id, windowId: null, calledAt: null, callCount: 0 }).where(eq(hallTickets.id, t.id));
  await record(tx, actor, 'transfer', t, { from: t.groupId, to: target.id });
}

/** The person has been served (办结 at the window). */
export async function finishTicket(tx: Tx, actor: Actor, windowId: string, ticketId: string, now = new Date()): Promise<void> {
  const { t } = await windowTicket(tx, actor, windowId, ticketId, 'finish');
  await tx.update(hallTickets).set({ status: 'done', endedAt: now }).where(eq(hallTickets.id, t.id));
  await record(tx, actor, 'finish', t);
}
