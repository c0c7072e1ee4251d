import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../../tables.js';

export const otpPurposes = ['sign_in', 'second_factor', 'step_up'] as const;
export type OtpPurpose = (typeof otpPurposes)[number];

/**
 * One-time codes sent by SMS. Neither the code nor the phone is stored: the code as an HMAC under
 * a per-challenge random salt, the phone as a hash (to find the live challenge and count sends).
 * A request for an unknown number still gets a row (account_id null, nothing sent), so limits and
 * answers are the same whether or not an account exists.
 */
export const otpChallenges = pgTable(
  'otp_challenges',
  {
    id: uuid('id').primaryKey(),
    purpose: text('purpose').$type<OtpPurpose>().notNull(),
    accountId: uuid('account_id').references(() => accounts.id),
    phoneHash: text('phone_hash').notNull(),
    /** The sign-in throttle key failures are counted against (identity's signInKey). */
    throttleKey: text('throttle_key').notNull(),
    salt: text('salt').notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
  },
  (t) => [index('otp_challenges_phone_idx').on(t.phoneHash, t.createdAt)],
);
