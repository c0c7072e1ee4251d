import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { DomainError } from '../../lib/errors.js';
import type { SmsGateway } from './gateway.js';
import { notificationSms } from './tables.js';

/** Tries per message before it is given up (a gateway's own "wait N seconds" does not count). */
export const SMS_MAX_ATTEMPTS = 6;
/** Wait before the next try after the n-th failure: 30 s, 1 min, 2 min, … */
const backoffSeconds = (attempt: number) => 30 * 2 ** (attempt - 1);
/** How long a claimed message is left to its sender before another instance may take it again. */
const LEASE_SECONDS = 120;

export type SmsDelivery = {
  gateway: SmsGateway;
  /** The recipient's mobile number (identity owns it), or null when the account has none. */
  phoneOf: (accountId: string) => Promise<string | null>;
  now?: () => Date;
  batch?: number;
};

export type DeliveryResult = { sent: number; retrying: number; failed: number; skipped: number };

/**
 * Sends the notification SMS that are due, after the transactions that queued them committed. Each
 * message is first claimed (a short lease, SKIP LOCKED, so instances never send one twice at once),
 * then sent outside any transaction: a slow or failing gateway holds up no case. A refused send is
 * tried again later: when the gateway says how long to wait (per-number limits), after that;
 * otherwise with a growing back-off, until SMS_MAX_ATTEMPTS.
 */
export async function deliverPendingSms(db: Db, opts: SmsDelivery): Promise<DeliveryResult> {
  const now = (opts.now ?? (() => new Date()))();
  const due = db
    .select({ id: notificationSms.id })
    .from(notificationSms)
    .where(and(eq(notificationSms.status, 'pending'), lte(notificationSms.nextAttemptAt, now)))
    .orderBy(asc(notificationSms.nextAttemptAt))
    .limit(opts.batch ?? 50)
    .for('update', { skipLocked: true });
  const claimed = await db
    .update(notificationSms)
    .set({ attempts: sql`${notificationSms.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + LEASE_SECONDS * 1000) })
    .where(inArray(notificationSms.id, due))
    .returning();
  const result: DeliveryResult = { sent: 0, retrying: 0, failed: 0, skipped: 0 };
  for (const m of claimed) {
    const set = (values: Partial<typeof notificationSms.$inferInsert>) => db.update(notificationSms).set(values).where(eq(notificationSms.id, m.id));
    const phone = await opts.phoneOf(m.recipientAccountId);
    if (!phone) {
      await set({ status: 'skipped', lastError: 'NO_PHONE' });
      result.skipped++;
      continue;
    }
    try {
      const { messageId } = await opts.gateway.send(phone, m.template, m.params);
      await set({ status: 'sent', messageId, sentAt: new Date(), lastError: null });
      result.sent++;
    } catch (err) {
      const code = err instanceof DomainError ? err.code : 'GATEWAY_ERROR';
      if (code === 'SMS_TOO_FREQUENT' || code === 'SMS_DAILY_LIMIT') {
        const seconds = Number((err as DomainError).params.seconds) || 60;
        await set({ attempts: m.attempts - 1, nextAttemptAt: new Date(now.getTime() + seconds * 1000), lastError: code });
        result.retrying++;
      } else if (code === 'SMS_INVALID_NUMBER' || m.attempts >= SMS_MAX_ATTEMPTS) {
        await set({ status: 'failed', lastError: code });
        result.failed++;
      } else {
        await set({ nextAttemptAt: new Date(now.getTime() + backoffSeconds(m.attempts) * 1000), lastError: code });
        result.retrying++;
      }
    }
  }
  return result;
}

/**
 * Delivers queued notification SMS every `intervalMs` until stopped; `stop` waits for a round in
 * progress, so the database can close after it.
 */
export function startSmsDelivery(db: Db, opts: SmsDelivery & { intervalMs: number; onError: (err: unknown) => void }) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    running = deliverPendingSms(db, opts)
      .catch(opts.onError)
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, opts.intervalMs).unref();
      });
  };
  timer = setTimeout(tick, opts.intervalMs).unref();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
