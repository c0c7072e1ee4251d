import { z } from 'zod';

/**
 * Keyset pagination for every list: a page is `limit` rows in the list's order, and the cursor
 * names the last row shown by its sort key and id, so the next page starts right after it
 * (`WHERE (key, id) < (cursor)`) and reads only its own rows from the list's index, however deep
 * the caller pages. Offsets would read and discard every earlier row.
 *
 * The cursor is opaque to clients (base64url of a small JSON tuple) and is checked like any other
 * input: a forged one can only move the caller within a list already scoped to them.
 */
export type PageKey = { at: string; id: string };

/** A timestamp as PostgreSQL prints it (`2026-12-01 08:30:00.123456+00`) or as ISO 8601: the full precision is kept. */
const timestamp = z.string().regex(/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)$/);
const keySchema = z.tuple([timestamp, z.uuid()]);

export function encodeCursor(key: PageKey): string {
  return Buffer.from(JSON.stringify([key.at, key.id])).toString('base64url');
}

export function decodeCursor(cursor: string): PageKey | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null;
  try {
    const parsed = keySchema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (!parsed.success) return null;
    return { at: parsed.data[0], id: parsed.data[1] };
  } catch {
    return null;
  }
}

export const PAGE_MAX = 100;
export const PAGE_DEFAULT = 20;

/** `?cursor=&limit=` as every list takes them; a cursor that is not one of ours is a field error. */
export const pageQuery = z.object({
  cursor: z
    .string()
    .max(200)
    .transform((s, ctx) => {
      const key = decodeCursor(s);
      if (!key) {
        ctx.addIssue({ code: 'custom', message: 'INVALID' });
        return z.NEVER;
      }
      return key;
    })
    .optional(),
  limit: z.coerce.number().int().min(1).max(PAGE_MAX).default(PAGE_DEFAULT),
});
export type PageRequest = { cursor?: PageKey | undefined; limit: number };

/** Cuts the `limit + 1` rows a query fetched to one page, and names where the next one starts. */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => PageKey): { rows: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: encodeCursor(keyOf(page[page.length - 1]!)) };
}
