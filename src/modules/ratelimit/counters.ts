import { createHash } from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { rateLimitCounters as t } from './tables.js';

export type WindowCount = { hits: number; ttlMs: number };

/** The counter row of a limit: hashed, so client addresses and account ids are not stored. */
export function counterKey(scope: string, windowMs: number, clientKey: string): string {
  return createHash('sha256').update(`rate-limit\n${scope}\n${windowMs}\n${clientKey}`).digest('hex');
}

const ttlMs = sql<number>`greatest(0, ceil(extract(epoch from (${t.expiresAt} - now())) * 1000))::int`;
/** Whether the stored window has ended (in an upsert's SET: the row as it was). */
const ended = sql`${t.expiresAt} <= now()`;

/**
 * Counts one request and returns the count of the client's current window, opening a new window
 * when the last one has ended: one atomic upsert (the row is locked while it is decided), so
 * requests arriving at several instances at once are each counted exactly once.
 */
export async function countHit(db: Executor, key: string, windowMs: number): Promise<WindowCount> {
  const ms = Math.max(1, Math.trunc(windowMs));
  const expiresAt = sql`now() + ${ms}::int * interval '1 millisecond'`;
  const [row] = await db
    .insert(t)
    .values({ key, windowStart: sql`now()`, expiresAt, hits: 1 })
    .onConflictDoUpdate({
      target: t.key,
      set: {
        hits: sql`CASE WHEN ${ended} THEN 1 ELSE ${t.hits} + 1 END`,
        windowStart: sql`CASE WHEN ${ended} THEN now() ELSE ${t.windowStart} END`,
        expiresAt: sql`CASE WHEN ${ended} THEN ${expiresAt} ELSE ${t.expiresAt} END`,
      },
    })
    .returning({ hits: t.hits, ttlMs });
  return row!;
}

/** The current window's count without counting (0 when its window has ended or none was opened). */
export async function readHits(db: Executor, key: string): Promise<WindowCount> {
  const [row] = await db
    .select({ hits: t.hits, ttlMs })
    .from(t)
    .where(and(eq(t.key, key), gt(t.expiresAt, sql`now()`)))
    .limit(1);
  return row ?? { hits: 0, ttlMs: 0 };
}

/** Deletes the counters of windows that have ended (a scheduled job); returns how many. */
export async function purgeEndedWindows(db: Executor): Promise<number> {
  // Counted in SQL: after a flood from many addresses this can be many rows, not worth returning.
  const res = await db.execute<{ n: number }>(sql`WITH gone AS (DELETE FROM ${t} WHERE ${t.expiresAt} < now() RETURNING 1) SELECT count(*)::int AS n FROM gone`);
  return (res as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0;
}
