import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';

/** How far back "most used" looks, and how long one count is served before it is made again. */
const WINDOW_DAYS = 90;
const TTL_MS = 10 * 60 * 1000;

let cached: { at: number; rows: { itemId: string; cases: number }[] } | undefined;

/**
 * The items most applied for in the last 90 days, by number of cases. Counting runs over the
 * window's cases (a range of the submitted_at order), so one count is kept for ten minutes per
 * process: a popularity list a few minutes old misleads nobody, unlike a cached rule or status.
 */
export async function mostUsedItems(db: Executor, limit = 8): Promise<{ itemId: string; cases: number }[]> {
  if (!cached || Date.now() - cached.at > TTL_MS) {
    const r = await db.execute(sql`
      SELECT item_id, count(*)::int AS cases FROM cases
      WHERE submitted_at > now() - make_interval(days => ${WINDOW_DAYS})
      GROUP BY item_id ORDER BY cases DESC, item_id LIMIT 50`);
    const rows = (r as unknown as { rows: { item_id: string; cases: number }[] }).rows;
    cached = { at: Date.now(), rows: rows.map((x) => ({ itemId: x.item_id, cases: Number(x.cases) })) };
  }
  return cached.rows.slice(0, limit);
}

/** Forgets the kept count (tests that submit and then ask). */
export function forgetMostUsed(): void {
  cached = undefined;
}
