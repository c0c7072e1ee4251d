import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * One small value sealed under each master key the database has used. At start-up and in /healthz
 * each must open with the configured MASTER_KEYS: a wrong or missing key is found before the
 * first citizen's sealed ID number fails to open (src/server/keyCheck.ts).
 */
export const masterKeyCanaries = pgTable('master_key_canaries', {
  keyId: text('key_id').primaryKey(),
  sealed: text('sealed').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
