import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Every message the sandbox SMS gateway "sent". A sandbox for operators and tests: the phone is
 * kept as given (pages show it masked); a real gateway keeps no outbox here.
 */
export const smsOutbox = pgTable(
  'sms_outbox',
  {
    id: uuid('id').primaryKey(),
    phone: text('phone').notNull(),
    template: text('template').notNull(),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sms_outbox_phone_idx').on(t.phone, t.createdAt), index('sms_outbox_created_idx').on(t.createdAt)],
);
