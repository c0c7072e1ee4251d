import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts, type SessionChannel } from '../../tables.js';

export const qrSignInStatuses = ['pending', 'scanned', 'confirmed', 'declined', 'used'] as const;
/** Stored states; `expired` is never stored, it is read from `expires_at` (see service.ts). */
export type QrSignInStatus = (typeof qrSignInStatuses)[number];

/**
 * One-time QR sign-in requests (扫码登录). The id in the QR code is a random 256-bit token: only its
 * SHA-256 is kept (`token_hash`). The requesting browser holds a second secret in an httpOnly
 * cookie (`browser_hash` is its SHA-256): only that browser may collect the session, so a QR code
 * photographed off a screen cannot be redeemed elsewhere.
 */
export const qrSignInRequests = pgTable(
  'qr_sign_in_requests',
  {
    id: uuid('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    browserHash: text('browser_hash').notNull(),
    /** The session the request will open: web (desktop sign-in page) or kiosk. */
    channel: text('channel').$type<SessionChannel>().notNull(),
    /** What the kiosk calls itself (config KIOSK_LABEL); null for desktop browsers. */
    deviceLabel: text('device_label'),
    userAgent: text('user_agent'),
    status: text('status').$type<QrSignInStatus>().notNull().default('pending'),
    /** The person who scanned and then confirmed or declined (never a principal they act for). */
    accountId: uuid('account_id').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    scannedAt: timestamp('scanned_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('qr_sign_in_requests_expires_idx').on(t.expiresAt)],
);
