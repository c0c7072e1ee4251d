import { index, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../../identity/tables.js';

/**
 * One walk-in served at a hall window (窗口接待): opened when the clerk has checked the person's
 * ID card. Applying on someone's behalf needs an open visit of that clerk with that person.
 */
export const hallVisits = pgTable(
  'hall_visits',
  {
    id: uuid('id').primaryKey(),
    clerkAccountId: uuid('clerk_account_id').notNull().references(() => accounts.id),
    applicantAccountId: uuid('applicant_account_id').notNull().references(() => accounts.id),
    checkedAt: timestamp('checked_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('hall_visits_clerk_idx').on(t.clerkAccountId)],
);
