import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { notFound } from '../../lib/errors.js';
import { notifications } from './tables.js';

/** Marks one of the caller's messages read (again: no change). Another account's message is not found. */
export async function markNotificationRead(tx: Tx, accountId: string, id: string): Promise<void> {
  const [row] = await tx
    .select({ readAt: notifications.readAt })
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.recipientAccountId, accountId)))
    .limit(1);
  if (!row) throw notFound();
  if (!row.readAt) await tx.update(notifications).set({ readAt: new Date() }).where(eq(notifications.id, id));
}

/** Marks every unread message of the caller read; answers how many were unread. */
export async function markAllNotificationsRead(tx: Tx, accountId: string): Promise<number> {
  const marked = await tx
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.recipientAccountId, accountId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return marked.length;
}
