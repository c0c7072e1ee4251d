import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../../tables.js';

/**
 * Passkeys (WebAuthn credentials) registered by an account. The public key is stored as the
 * authenticator sent it (COSE, base64url); nothing secret is kept here.
 */
export const passkeys = pgTable(
  'passkeys',
  {
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    /** The credential id the authenticator chose (base64url); unique across the platform. */
    credentialId: text('credential_id').notNull().unique(),
    publicKey: text('public_key').notNull(),
    /** The authenticator's signature counter (uint32; 0 when the authenticator keeps none). */
    counter: bigint('counter', { mode: 'number' }).notNull().default(0),
    transports: jsonb('transports').$type<string[]>().notNull().default([]),
    /** The name the person gave the device ("我的手机"). */
    name: text('name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [index('passkeys_account_idx').on(t.accountId)],
);

export const webauthnPurposes = ['register', 'sign_in', 'second_factor', 'step_up'] as const;
export type WebauthnPurpose = (typeof webauthnPurposes)[number];

/**
 * Challenges handed to the browser: each answers one ceremony, once, within five minutes.
 * A sign-in challenge has no account (the passkey tells who it is); a second-factor challenge
 * names the staff account and the SMS challenge its password step opened.
 */
export const webauthnChallenges = pgTable(
  'webauthn_challenges',
  {
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id').references(() => accounts.id),
    purpose: text('purpose').$type<WebauthnPurpose>().notNull(),
    challenge: text('challenge').notNull(),
    /** second_factor: the otp_challenges row of the password step this completes. */
    secondFactorOf: uuid('second_factor_of'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
  },
  (t) => [index('webauthn_challenges_expires_idx').on(t.expiresAt)],
);
