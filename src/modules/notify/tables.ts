import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

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
