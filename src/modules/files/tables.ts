import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { bytea } from '../../db/types.js';

/** File content kept in the database (STORAGE=db, the embedded default), one row per key. */
export const storedFiles = pgTable('stored_files', {
  key: text('key').primaryKey(),
  content: bytea('content').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
