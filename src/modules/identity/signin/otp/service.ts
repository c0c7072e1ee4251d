import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db, Executor, Tx } from '../../../../db/client.js';
import { DomainError } from '../../../../lib/errors.js';
import { maskPhone } from '../../../../lib/mask.js';
import { uuidv7 } from '../../../../lib/uuid.js';
import {
  accountPhone,
  assertSignInAllowed,
  clearSignInFailures,
  findAccountByPhone,
  loadActor,
  recordSignInFailure,
  signInKey,
  type SignInMethod,
} from '../../service.js';
import { needsSecondFactor } from '../../policy.js';
import { Refusal } from '../../refusal.js';
import { assertWithinSendingLimits, type SmsGateway, type SmsTemplate } from '../../../notify/index.js';
import { appendAudit } from '../../../supervision/index.js';
import { otpChallenges, type OtpPurpose } from './tables.js';

export const OTP_TTL_SECONDS = 300;
export const OTP_MAX_ATTEMPTS = 5;
/** The platform's own per-number sending limits (the gateway has its own as well). */
export const OTP_RESEND_SECONDS = 60;
export const OTP_DAILY_LIMIT = 10;
const DAY_MS = 24 * 3600_000;

const phoneHash = (phone: string) => createHash('sha256').update('otp-phone:').update(phone.trim()).digest('hex');
const codeHash = (salt: string, code: string) => createHmac('sha256', Buffer.from(salt, 'base64url')).update(code).digest();

/** Six digits, uniformly from a CSPRNG. */
export function newCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

type Clock = { now?: Date };

/**
 * Writes a new challenge for a phone, superseding that phone's live challenges of the same purpose.
 * Per-number limits apply whether or not an account exists (1 per minute, 10 per day).
 */
async function issueChallenge(db: Db, input: { purpose: OtpPurpose; accountId: string | null; phone: string; throttleKey: string; now: Date }) {
  const code = newCode();
  const salt = randomBytes(16).toString('base64url');
  const id = uuidv7();
  const ph = phoneHash(input.phone);
  const { now } = input;
  await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`otp:${ph}`}))`);
    const recent = await tx
      .select({ createdAt: otpChallenges.createdAt })
      .from(otpChallenges)
      .where(and(eq(otpChallenges.phoneHash, ph), gt(otpChallenges.createdAt, new Date(now.getTime() - DAY_MS))))
      .orderBy(desc(otpChallenges.createdAt));
    assertWithinSendingLimits(recent.map((r) => r.createdAt), now, OTP_RESEND_SECONDS, OTP_DAILY_LIMIT);
    await tx
      .update(otpChallenges)
      .set({ consumedAt: now })
      .where(and(eq(otpChallenges.phoneHash, ph), eq(otpChallenges.purpose, input.purpose), isNull(otpChallenges.consumedAt)));
    await tx.insert(otpChallenges).values({
      id,
      purpose: input.purpose,
      accountId: input.accountId,
      phoneHash: ph,
      throttleKey: input.throttleKey,
      salt,
      codeHash: codeHash(salt, code).toString('hex'),
      createdAt: now,
      expiresAt: new Date(now.getTime() + OTP_TTL_SECONDS * 1000),
    });
    if (!input.accountId) {
      // Nothing is sent to a number without an account; the request is still on record.
      await appendAudit(tx, { actorAccountId: null, action: 'auth.code_not_sent', entityType: 'otp_challenge', entityId: id, detail: { purpose: input.purpose, reason: 'no_account' } });
    }
  });
  return { id, code };
}

/** Sends the code, then records that it was sent (never the code or the number). */
async function deliver(db: Db, sms: SmsGateway, c: { id: string; code: string; accountId: string; purpose: OtpPurpose; phone: string; template: SmsTemplate }) {
  let messageId: string;
  try {
    ({ messageId } = await sms.send(c.phone, c.template, { code: c.code }));
  } catch (e) {
    await db.transaction(async (tx) => {
      await tx.update(otpChallenges).set({ consumedAt: new Date() }).where(eq(otpChallenges.id, c.id));
      await appendAudit(tx, {
        actorAccountId: c.accountId,
        action: 'auth.code_send_failed',
        entityType: 'otp_challenge',
        entityId: c.id,
        detail: { purpose: c.purpose, error: e instanceof DomainError ? e.code : 'GATEWAY' },
      });
    });
    throw e;
  }
  await db.transaction((tx) =>
    appendAudit(tx, { actorAccountId: c.accountId, action: 'auth.code_sent', entityType: 'otp_challenge', entityId: c.id, detail: { purpose: c.purpose, template: c.template, messageId } }),
  );
}

/**
 * "Send me a sign-in code": citizens and enterprises by their mobile number. The caller gets the
 * same answer whether or not the number has an account; only an account's number gets a message.
 * Staff accounts never sign in by SMS alone (that would be one factor).
 */
export async function requestSignInCode(db: Db, sms: SmsGateway, phone: string, clock: Clock = {}): Promise<void> {
  const now = clock.now ?? new Date();
  const account = await findAccountByPhone(db, phone);
  const target = account && account.active && !needsSecondFactor(account.kind) ? account : null;
  const c = await issueChallenge(db, { purpose: 'sign_in', accountId: target?.id ?? null, phone, throttleKey: signInKey(phone), now });
  if (target) await deliver(db, sms, { ...c, accountId: target.id, purpose: 'sign_in', phone, template: 'SIGN_IN_CODE' });
}

type ChallengeRow = typeof otpChallenges.$inferSelect;

function codeMatches(row: ChallengeRow, code: string): boolean {
  const expected = Buffer.from(row.codeHash, 'hex');
  const given = codeHash(row.salt, code);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * Checks a code against a challenge: live, not exhausted, matching. A wrong code counts toward the
 * challenge's attempts and the sign-in name's lockout (returned as a refusal, so the count stays);
 * a right one consumes the challenge (once).
 */
async function redeem(tx: Tx, row: ChallengeRow | undefined, code: string, key: string, method: SignInMethod, now: Date): Promise<string | Refusal> {
  const live = row && !row.consumedAt && row.expiresAt > now && row.attempts < OTP_MAX_ATTEMPTS;
  if (!row || !live || !row.accountId || !codeMatches(row, code)) {
    if (row && live) await tx.update(otpChallenges).set({ attempts: sql`${otpChallenges.attempts} + 1` }).where(eq(otpChallenges.id, row.id));
    await recordSignInFailure(tx, { key, accountId: row?.accountId ?? null, method, now });
    return new Refusal(new DomainError('OTP_INVALID'));
  }
  // Single use, also under a race: only one request can flip consumed_at.
  const used = await tx
    .update(otpChallenges)
    .set({ consumedAt: now })
    .where(and(eq(otpChallenges.id, row.id), isNull(otpChallenges.consumedAt)))
    .returning({ id: otpChallenges.id });
  if (used.length !== 1) throw new DomainError('OTP_INVALID');
  await clearSignInFailures(tx, key);
  return row.accountId;
}

/** Signs in with a phone and the code sent to it; returns the account id (or the refusal to throw after commit). */
export async function signInWithCode(tx: Tx, phone: string, code: string, clock: Clock = {}): Promise<string | Refusal> {
  const now = clock.now ?? new Date();
  const key = signInKey(phone);
  await assertSignInAllowed(tx, key, now);
  const [row] = await tx
    .select()
    .from(otpChallenges)
    .where(and(eq(otpChallenges.phoneHash, phoneHash(phone)), eq(otpChallenges.purpose, 'sign_in')))
    .orderBy(desc(otpChallenges.createdAt))
    .limit(1);
  const accountId = await redeem(tx, row, code, key, 'sms', now);
  if (accountId instanceof Refusal) return accountId;
  const actor = await loadActor(tx, accountId);
  if (!actor || needsSecondFactor(actor.kind)) throw new DomainError('OTP_INVALID');
  return accountId;
}

/**
 * After a staff member's correct password: sends a code to the phone on file and returns the
 * challenge the second step must answer. No session exists until then.
 */
export async function startSecondFactor(db: Db, sms: SmsGateway, accountId: string, key: string, clock: Clock = {}) {
  const now = clock.now ?? new Date();
  const phone = await accountPhone(db, accountId);
  if (!phone) {
    await db.transaction((tx) =>
      appendAudit(tx, { actorAccountId: accountId, action: 'auth.second_factor_unavailable', entityType: 'account', entityId: accountId }),
    );
    throw new DomainError('SECOND_FACTOR_UNAVAILABLE');
  }
  const c = await issueChallenge(db, { purpose: 'second_factor', accountId, phone, throttleKey: key, now });
  await deliver(db, sms, { ...c, accountId, purpose: 'second_factor', phone, template: 'STAFF_SIGN_IN_CODE' });
  return { challengeId: c.id, maskedPhone: maskPhone(phone) };
}

/** The second step: the code for a challenge started by a correct password; returns the account id (or the refusal to throw after commit). */
export async function completeSecondFactor(tx: Tx, challengeId: string, code: string, clock: Clock = {}): Promise<string | Refusal> {
  const now = clock.now ?? new Date();
  const [row] = await tx
    .select()
    .from(otpChallenges)
    .where(and(eq(otpChallenges.id, challengeId), eq(otpChallenges.purpose, 'second_factor')))
    .limit(1);
  if (!row) throw new DomainError('OTP_INVALID');
  await assertSignInAllowed(tx, row.throttleKey, now);
  return redeem(tx, row, code, row.throttleKey, 'second_factor', now);
}

/**
 * A live second-factor challenge (the password step is done, no answer yet) for another way of
 * answering it (a passkey): its account and the sign-in name's throttle key, or null.
 */
export async function openSecondFactor(db: Executor, challengeId: string, now = new Date()) {
  const [row] = await db
    .select({ accountId: otpChallenges.accountId, throttleKey: otpChallenges.throttleKey, expiresAt: otpChallenges.expiresAt, consumedAt: otpChallenges.consumedAt })
    .from(otpChallenges)
    .where(and(eq(otpChallenges.id, challengeId), eq(otpChallenges.purpose, 'second_factor')))
    .limit(1);
  if (!row || !row.accountId || row.consumedAt || row.expiresAt <= now) return null;
  return { accountId: row.accountId, throttleKey: row.throttleKey };
}

/** Closes a second-factor challenge answered another way, once: false if it was already used or expired. */
export async function closeSecondFactor(db: Executor, challengeId: string, now = new Date()): Promise<boolean> {
  const used = await db
    .update(otpChallenges)
    .set({ consumedAt: now })
    .where(and(eq(otpChallenges.id, challengeId), eq(otpChallenges.purpose, 'second_factor'), isNull(otpChallenges.consumedAt), gt(otpChallenges.expiresAt, now)))
    .returning({ id: otpChallenges.id });
  return used.length === 1;
}

/** For tests and operators: a challenge's state (never its code). */
export async function challengeState(db: Executor, id: string) {
  const [row] = await db
    .select({ attempts: otpChallenges.attempts, expiresAt: otpChallenges.expiresAt, consumedAt: otpChallenges.consumedAt })
    .from(otpChallenges)
    .where(eq(otpChallenges.id, id))
    .limit(1);
  return row ?? null;
}
