import { eq, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/client.js';
import { appendAudit } from '../supervision/index.js';
import { notificationChannels, notificationKinds, type NotificationKind } from './kinds.js';
import { notificationPreferences } from './tables.js';

export type ChannelChoice = { kind: NotificationKind; site: true; sms: boolean; smsByDefault: boolean };

/** The account's channels per kind: the message centre always, SMS as chosen or by the kind's default. */
export async function readPreferences(db: Executor, accountId: string): Promise<ChannelChoice[]> {
  const rows = await db.select().from(notificationPreferences).where(eq(notificationPreferences.accountId, accountId));
  const chosen = new Map(rows.map((r) => [r.kind, r.sms]));
  return notificationKinds.map((kind) => {
    const smsByDefault = notificationChannels[kind].smsByDefault;
    return { kind, site: true, sms: chosen.get(kind) ?? smsByDefault, smsByDefault };
  });
}

/** Sets SMS on or off for the kinds given (others keep their choice), audited. */
export async function setPreferences(tx: Tx, accountId: string, choices: { kind: NotificationKind; sms: boolean }[]): Promise<ChannelChoice[]> {
  const now = new Date();
  if (choices.length) {
    await tx
      .insert(notificationPreferences)
      .values(choices.map((c) => ({ accountId, kind: c.kind, sms: c.sms, updatedAt: now })))
      .onConflictDoUpdate({ target: [notificationPreferences.accountId, notificationPreferences.kind], set: { sms: sql`excluded.sms`, updatedAt: now } });
    await appendAudit(tx, {
      actorAccountId: accountId,
      action: 'notify.preferences',
      entityType: 'account',
      entityId: accountId,
      detail: { sms: Object.fromEntries(choices.map((c) => [c.kind, c.sms])) },
    });
  }
  return readPreferences(tx, accountId);
}
