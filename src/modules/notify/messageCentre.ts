import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { toPage, type PageRequest } from '../../lib/page.js';
import { notifications } from './tables.js';

export type NotificationRow = typeof notifications.$inferSelect;

/**
 * One page of the caller's message centre, newest first (optionally unread only). Always scoped to
 * the account: another account's messages are not in any list. Served by (recipient, created_at, id).
 */
export async function listNotifications(db: Executor, accountId: string, opts: { unread: boolean; page: PageRequest }) {
  const after = opts.page.cursor
    ? sql`(${notifications.createdAt}, ${notifications.id}) < (${opts.page.cursor.at}::timestamptz, ${opts.page.cursor.id}::uuid)`
    : undefined;
  const rows = await db
    .select({ row: notifications, sortAt: sql<string>`${notifications.createdAt}::text` })
    .from(notifications)
    .where(and(eq(notifications.recipientAccountId, accountId), opts.unread ? isNull(notifications.readAt) : undefined, after))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(opts.page.limit + 1);
  const cut = toPage(rows, opts.page.limit, (r) => ({ at: r.sortAt, id: r.row.id }));
  return { rows: cut.rows.map((r) => r.row), nextCursor: cut.nextCursor };
}

/** How many of the caller's messages are unread (the bell's number). */
export async function unreadCount(db: Executor, accountId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.recipientAccountId, accountId), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}
