import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { NotificationKind, NotificationParams } from '../../lib/i18n/notificationMessages.js';
import { cases } from '../cases/tables.js';
import { hallAppointments } from '../cases/hall/tables.js';
import { accounts } from '../identity/tables.js';
import type { SmsTemplate } from './gateway.js';

/**
 * Every message the sandbox SMS gateway "sent". A sandbox for operators and tests; a real gateway
 * keeps no outbox here. The number is personal data like any other: sealed, found by blind index.
 */
export const smsOutbox = pgTable(
  'sms_outbox',
  {
    id: uuid('id').primaryKey(),
    phoneBidx: text('phone_bidx').notNull(),
    phoneEnc: text('phone_enc').notNull(),
    template: text('template').notNull(),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sms_outbox_phone_idx').on(t.phoneBidx, t.createdAt), index('sms_outbox_created_idx').on(t.createdAt)],
);

/**
 * The message centre: what the platform told an applicant about their cases and their hall
 * appointments. Each message is about exactly one of them (a case, or an appointment). The text is
 * not stored: it is rendered when read, in the reader's language, from the kind and the parameters.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey(),
    recipientAccountId: uuid('recipient_account_id')
      .notNull()
      .references(() => accounts.id),
    kind: text('kind').$type<NotificationKind>().notNull(),
    /** The case the message is about, and its number (so a list needs no join); null for an appointment's message. */
    caseId: uuid('case_id').references(() => cases.id),
    caseNo: text('case_no'),
    /** The hall appointment the message is about (the day-before reminder); null for a case's message. */
    appointmentId: uuid('appointment_id').references(() => hallAppointments.id),
    params: jsonb('params').$type<NotificationParams>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  // The list (newest first) and its unread filter, each one index range per recipient.
  (t) => [
    index('notifications_recipient_idx').on(t.recipientAccountId, t.createdAt, t.id),
    index('notifications_unread_idx').on(t.recipientAccountId, t.createdAt, t.id).where(sql`${t.readAt} IS NULL`),
    // About a case (with its number) or an appointment, never both, never neither.
    check('notifications_about_one', sql`(${t.caseId} IS NOT NULL AND ${t.caseNo} IS NOT NULL AND ${t.appointmentId} IS NULL) OR (${t.caseId} IS NULL AND ${t.caseNo} IS NULL AND ${t.appointmentId} IS NOT NULL)`),
  ],
);

/** The applicant's choice per kind: SMS on or off (the message centre is always on). No row: the kind's default. */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    kind: text('kind').$type<NotificationKind>().notNull(),
    sms: boolean('sms').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.kind] })],
);

/**
 * The SMS a notification is to send: written in the transaction of the change (a rollback leaves
 * none), delivered after the commit by `deliverPendingSms`, retried while the gateway refuses.
 * It holds only what the message may carry (case number, item name); the number is looked up when sending.
 */
export const notificationSms = pgTable(
  'notification_sms',
  {
    id: uuid('id').primaryKey(),
    notificationId: uuid('notification_id')
      .notNull()
      .references(() => notifications.id),
    recipientAccountId: uuid('recipient_account_id')
      .notNull()
      .references(() => accounts.id),
    template: text('template').$type<SmsTemplate>().notNull(),
    params: jsonb('params').$type<Record<string, string>>().notNull(),
    /** pending → sent; failed after the last try or on a number the gateway refuses; skipped: no mobile number. */
    status: text('status').$type<'pending' | 'sent' | 'failed' | 'skipped'>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    lastError: text('last_error'),
    messageId: text('message_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('notification_sms_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`), index('notification_sms_notification_idx').on(t.notificationId)],
);
