import { eq } from 'drizzle-orm';
import type { Executor, Tx } from '../../../db/client.js';
import { DomainError, notFound } from '../../../lib/errors.js';
import type { Actor } from '../../identity/index.js';
import { appendAudit } from '../../supervision/index.js';
import { assertMaySitAtWindow, assertOwnWindow } from './policy.js';
import { hallWindows } from './tables.js';

export async function loadWindow(db: Executor, windowId: string, lock = false) {
  const q = db.select().from(hallWindows).where(eq(hallWindows.id, windowId)).limit(1);
  const [w] = lock ? await q.for('update') : await q;
  if (!w) throw notFound();
  return w;
}

/** The window the clerk works at, locked for the move: refused at anybody else's window. */
export async function ownWindow(tx: Tx, actor: Actor, windowId: string) {
  const w = await loadWindow(tx, windowId, true);
  assertOwnWindow(actor, w);
  return w;
}

/** A clerk signs in at a free window (leaving any other window they were at). */
export async function sitAtWindow(tx: Tx, actor: Actor, windowId: string): Promise<void> {
  assertMaySitAtWindow(actor);
  const w = await loadWindow(tx, windowId, true);
  if (w.clerkAccountId === actor.accountId) return;
  if (w.clerkAccountId) throw new DomainError('HALL_WINDOW_TAKEN');
  await tx.update(hallWindows).set({ clerkAccountId: null }).where(eq(hallWindows.clerkAccountId, actor.accountId));
  await tx.update(hallWindows).set({ clerkAccountId: actor.accountId }).where(eq(hallWindows.id, windowId));
  await appendAudit(tx, { actorAccountId: actor.accountId, action: 'hall.window.sit', entityType: 'hall_window', entityId: windowId, detail: { number: w.number } });
}

/** The clerk signs out of their window. */
export async function leaveWindow(tx: Tx, actor: Actor, windowId: string): Promise<void> {
  const w = await ownWindow(tx, actor, windowId);
  await tx.update(hallWindows).set({ clerkAccountId: null }).where(eq(hallWindows.id, w.id));
  await appendAudit(tx, { actorAccountId: actor.accountId, action: 'hall.window.leave', entityType: 'hall_window', entityId: windowId, detail: { number: w.number } });
}
