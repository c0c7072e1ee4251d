import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import type { NotificationParams } from '../../lib/i18n/notificationMessages.js';
import { uuidv7 } from '../../lib/uuid.js';
import { notificationChannels, type NotificationKind } from './kinds.js';
import { notificationPreferences, notificationSms, notifications } from './tables.js';

export type NotifyInput = {
  recipientAccountId: string;
  kind: NotificationKind;
  about: { caseId: string; caseNo: string };
  /** What the message says beyond the case number: the item's name (both languages), a reason, the missing materials. */
  params: NotificationParams & { itemName: { zh: string; en: string } };
};

/**
 * Tells an applicant about their case: a message in their message centre and, if they chose SMS
 * for this kind, an SMS queued for delivery after the commit. Runs in the caller's transaction, so a
 * change that rolls back tells nobody anything.
 */
export async function notify(tx: Tx, input: NotifyInput): Promise<{ id: string; sms: boolean }> {
  const now = new Date();
  const id = uuidv7();
  await tx.insert(notifications).values({
    id,
    recipientAccountId: input.recipientAccountId,
    kind: input.kind,
    caseId: input.about.caseId,
    caseNo: input.about.caseNo,
    params: input.params,
    createdAt: now,
  });
  const [chosen] = await tx
    .select({ sms: notificationPreferences.sms })
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.accountId, input.recipientAccountId), eq(notificationPreferences.kind, input.kind)))
    .limit(1);
  const channel = notificationChannels[input.kind];
  const sms = chosen?.sms ?? channel.smsByDefault;
  if (sms) {
    await tx.insert(notificationSms).values({
      id: uuidv7(),
      notificationId: id,
      recipientAccountId: input.recipientAccountId,
      template: channel.sms,
      // An SMS carries the case number and the item's name only: never a name or an ID number.
      params: { caseNo: input.about.caseNo, itemName: input.params.itemName.zh },
      status: 'pending',
      nextAttemptAt: now,
      createdAt: now,
    });
  }
  return { id, sms };
}
