import { blindIndex, blindIndexes, openPii, sealPii } from '../../lib/pii.js';
import { and, desc, gt, inArray, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { DomainError } from '../../lib/errors.js';
import { maskPhone } from '../../lib/mask.js';
import { uuidv7 } from '../../lib/uuid.js';
import { assertWithinSendingLimits, renderTemplate, smsPhoneSchema, type SmsGateway, type SmsTemplate } from './gateway.js';
import { smsOutbox } from './tables.js';

/** Per-number limits of the sandbox, the common defaults of commercial gateways. */
export const SANDBOX_MIN_INTERVAL_SECONDS = 60;
export const SANDBOX_DAILY_LIMIT = 10;
const DAY_MS = 24 * 3600_000;

/**
 * A gateway that behaves like a real one (templates, number check, per-number limits) but only
 * writes each message to the `sms_outbox` table. For development, demos and tests; never in
 * production.
 */
export function createSandboxGateway(db: Db, opts: { now?: () => Date } = {}): SmsGateway {
  const now = opts.now ?? (() => new Date());
  return {
    kind: 'sandbox',
    async send(to, template, params) {
      if (!smsPhoneSchema.safeParse(to).success) throw new DomainError('SMS_INVALID_NUMBER');
      const text = renderTemplate(template, params);
      const at = now();
      const id = uuidv7();
      await db.transaction(async (tx) => {
        // Two sends to one number at once must not both pass the interval check.
        await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`sms:${to}`}))`);
        const since = new Date(at.getTime() - DAY_MS);
        const recent = await tx
          .select({ createdAt: smsOutbox.createdAt })
          .from(smsOutbox)
          .where(and(inArray(smsOutbox.phoneBidx, blindIndexes('phone', to)), gt(smsOutbox.createdAt, since)))
          .orderBy(desc(smsOutbox.createdAt));
        assertWithinSendingLimits(recent.map((r) => r.createdAt), at, SANDBOX_MIN_INTERVAL_SECONDS, SANDBOX_DAILY_LIMIT);
        await tx.insert(smsOutbox).values({ id, phoneBidx: blindIndex('phone', to), phoneEnc: sealPii(`sms:${id}`, 'phone', to), template, text, createdAt: at });
      });
      return { messageId: id };
    },
  };
}

export type OutboxItem = { id: string; createdAt: Date; maskedPhone: string; template: SmsTemplate; text: string };

/** The newest sandbox messages, phones masked (the page operators and demo users read). */
export async function listOutbox(db: Executor, limit = 100): Promise<OutboxItem[]> {
  const rows = await db.select().from(smsOutbox).orderBy(desc(smsOutbox.createdAt), desc(smsOutbox.id)).limit(limit);
  return rows.map((r) => ({ id: r.id, createdAt: r.createdAt, maskedPhone: outboxPhoneMasked(r.id, r.phoneEnc), template: r.template as SmsTemplate, text: r.text }));
}

/** Masked number of an outbox row; a row sealed under a master key since removed shows as unknown. */
function outboxPhoneMasked(id: string, sealed: string): string {
  try {
    return maskPhone(openPii(`sms:${id}`, 'phone', sealed));
  } catch {
    return '***********';
  }
}

/** The text of the last sandbox message to a number, or null. */
export async function lastMessageTo(db: Executor, phone: string): Promise<string | null> {
  const [row] = await db
    .select({ text: smsOutbox.text })
    .from(smsOutbox)
    .where(inArray(smsOutbox.phoneBidx, blindIndexes('phone', phone)))
    .orderBy(desc(smsOutbox.createdAt), desc(smsOutbox.id))
    .limit(1);
  return row?.text ?? null;
}

/** The verification code in the last sandbox message to a number (tests and demo helpers read it like a person would). */
export async function lastCodeSentTo(db: Executor, phone: string): Promise<string | null> {
  const text = await lastMessageTo(db, phone);
  return text?.match(/验证码为(\d{6})/)?.[1] ?? null;
}
