import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { notFound } from '../../lib/errors.js';
import { appendAudit } from '../supervision/index.js';
import { notifications } from './tables.js';

/** Whose message centre (`owner`) and who reads it (`reader`: the agent, when acting for the owner). */
export type Reading = { owner: string; reader: string };

const AUDIT_CHUNK = 500;

/**
 * Marks one of the owner's messages read, audited as `notify.read` (an auditor can show when the
 * applicant opened, say, a supplement notice); reading it again changes nothing and writes nothing.
 * Another account's message is not found.
 */
export async function markNotificationRead(tx: Tx, who: Reading, id: string): Promise<void> {
  const [row] = await tx
    .select({ readAt: notifications.readAt, kind: notifications.kind, caseNo: notifications.caseNo, appointmentId: notifications.appointmentId })
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.recipientAccountId, who.owner)))
    .limit(1);
  if (!row) throw notFound();
  if (row.readAt) return;
  await tx.update(notifications).set({ readAt: new Date() }).where(eq(notifications.id, id));
  await appendAudit(tx, {
    actorAccountId: who.reader,
    action: 'notify.read',
    entityType: 'notification',
    entityId: id,
    detail: { kind: row.kind, ...(row.caseNo ? { caseNo: row.caseNo } : { appointmentId: row.appointmentId }), ...(who.reader !== who.owner ? { onBehalfOf: who.owner } : {}) },
  });
}

/**
 * Marks every unread message of the owner read; answers how many were unread. Audited as
 * `notify.read_all` naming the messages (500 per event); nothing unread writes nothing.
 */
export async function markAllNotificationsRead(tx: Tx, who: Reading): Promise<number> {
  const marked = await tx
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.recipientAccountId, who.owner), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  for (let i = 0; i < marked.length; i += AUDIT_CHUNK) {
    await appendAudit(tx, {
      actorAccountId: who.reader,
      action: 'notify.read_all',
      entityType: 'account',
      entityId: who.owner,
      detail: { notifications: marked.slice(i, i + AUDIT_CHUNK).map((m) => m.id), ...(who.reader !== who.owner ? { onBehalfOf: who.owner } : {}) },
    });
  }
  return marked.length;
}
