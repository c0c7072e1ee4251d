import { and, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import type { NotificationParams } from '../../lib/i18n/notificationMessages.js';
import { uuidv7 } from '../../lib/uuid.js';
import { notificationChannels, type AppointmentNotificationKind, type CaseNotificationKind } from './kinds.js';
import { notificationPreferences, notificationSms, notifications } from './tables.js';

/** A message about a case: the SMS carries the case number and the item's name. */
export type CaseNotifyInput = {
  recipientAccountId: string;
  kind: CaseNotificationKind;
  about: { caseId: string; caseNo: string };
  /** What the message says beyond the case number: the item's name (both languages), a reason, the missing materials. */
  params: NotificationParams & { itemName: { zh: string; en: string } };
};

/** A message about a hall appointment: the SMS carries only when and where (`sms`, the template's variables). */
export type AppointmentNotifyInput = {
  recipientAccountId: string;
  kind: AppointmentNotificationKind;
  about: { appointmentId: string };
  params: NotificationParams;
  sms: Record<string, string>;
};

export type NotifyInput = CaseNotifyInput | AppointmentNotifyInput;

/** Rows per INSERT, well under PostgreSQL's 65 535 bind parameters. */
const CHUNK = 1000;
const chunks = <T>(xs: T[]) => Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));

/**
 * Tells an applicant about their case or appointment: a message in their message centre and, if they
 * chose SMS for this kind (or left the kind's default on), an SMS queued for delivery after the
 * commit. Runs in the caller's transaction, so a change that rolls back tells nobody anything.
 */
export async function notify(tx: Tx, input: NotifyInput): Promise<{ id: string; sms: boolean }> {
  return (await notifyMany(tx, [input]))[0]!;
}

/**
 * `notify` for many messages at once (a scheduled job telling thousands): the messages in one
 * INSERT, the recipients' channel choices in one SELECT and the SMS in one INSERT per 1 000, whatever
 * the number of messages. Answers per input, in order.
 */
export async function notifyMany(tx: Tx, inputs: NotifyInput[]): Promise<{ id: string; sms: boolean }[]> {
  if (!inputs.length) return [];
  const now = new Date();
  const rows = inputs.map((input) => ({ id: uuidv7(), input }));
  for (const part of chunks(rows)) {
    await tx.insert(notifications).values(
      part.map(({ id, input }) => ({
        id,
        recipientAccountId: input.recipientAccountId,
        kind: input.kind,
        ...('caseId' in input.about ? { caseId: input.about.caseId, caseNo: input.about.caseNo } : { appointmentId: input.about.appointmentId }),
        params: input.params,
        createdAt: now,
      })),
    );
  }
  const chosen = new Map<string, boolean>();
  const accounts = [...new Set(inputs.map((i) => i.recipientAccountId))];
  const kinds = [...new Set(inputs.map((i) => i.kind))];
  for (const part of chunks(accounts)) {
    const prefs = await tx
      .select()
      .from(notificationPreferences)
      .where(and(inArray(notificationPreferences.accountId, part), inArray(notificationPreferences.kind, kinds)));
    for (const p of prefs) chosen.set(`${p.accountId} ${p.kind}`, p.sms);
  }
  const answers = rows.map(({ id, input }) => ({ id, sms: chosen.get(`${input.recipientAccountId} ${input.kind}`) ?? notificationChannels[input.kind].smsByDefault }));
  const sms = rows.flatMap(({ id, input }, i) =>
    answers[i]!.sms
      ? [
          {
            id: uuidv7(),
            notificationId: id,
            recipientAccountId: input.recipientAccountId,
            template: notificationChannels[input.kind].sms,
            // A case's SMS carries the case number and the item's name only, an appointment's when and
            // where only: never a name or an ID number.
            params: 'caseId' in input.about ? { caseNo: input.about.caseNo, itemName: (input as CaseNotifyInput).params.itemName.zh } : (input as AppointmentNotifyInput).sms,
            status: 'pending' as const,
            nextAttemptAt: now,
            createdAt: now,
          },
        ]
      : [],
  );
  for (const part of chunks(sms)) await tx.insert(notificationSms).values(part);
  return answers;
}
