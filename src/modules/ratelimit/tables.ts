import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Request counters of the HTTP rate limits, one row per limit and client, in the database every
 * instance shares: a limit of 10 a minute is 10 for the platform, not 10 per server process. A
 * window opens at a client's first request and lasts the limit's time window (as the plugin's
 * memory store does). `key` is a SHA-256 over the route, the window length and the client key
 * (an address or an account id), so the table is not a log of who called what.
 */
export const rateLimitCounters = pgTable(
  'rate_limit_counters',
  {
    key: text('key').primaryKey(),
    /** On the database's clock: one clock for all instances. */
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    hits: integer('hits').notNull(),
  },
  (t) => [index('rate_limit_counters_expires_idx').on(t.expiresAt)],
);
