import { and, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { getDepartment, listDepartments } from '../identity/service.js';
import { serviceItems } from './schema.js';

export type ServiceItem = typeof serviceItems.$inferSelect;

export async function findItems(db: Executor, filter: { q?: string; departmentId?: string }) {
  const conds: SQL[] = [eq(serviceItems.published, true)];
  if (filter.departmentId) conds.push(eq(serviceItems.departmentId, filter.departmentId));
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(
      or(
        ilike(sql`${serviceItems.name}->>'zh'`, like),
        ilike(sql`${serviceItems.name}->>'en'`, like),
        ilike(serviceItems.code, like),
      )!,
    );
  }
  const rows = await db.select().from(serviceItems).where(and(...conds)).orderBy(serviceItems.code);
  const depts = new Map((await listDepartments(db)).map((d) => [d.id, d]));
  return rows.map((item) => ({ item, department: depts.get(item.departmentId)! }));
}

// Case handling reads the item on every submission and transition. Items are read-mostly; a
// change reaches every instance within ITEM_CACHE_MS (publishing will call invalidateItemCache).
const ITEM_CACHE_MS = 30_000;
const itemCache = new Map<string, { at: number; row: { item: ServiceItem; department: Department } }>();
type Department = NonNullable<Awaited<ReturnType<typeof getDepartment>>>;

export function invalidateItemCache() {
  itemCache.clear();
}

export async function getItem(db: Executor, id: string) {
  const hit = itemCache.get(id);
  if (hit && Date.now() - hit.at < ITEM_CACHE_MS) return hit.row;
  const [item] = await db.select().from(serviceItems).where(eq(serviceItems.id, id)).limit(1);
  if (!item) return null;
  const department = (await getDepartment(db, item.departmentId))!;
  const row = { item, department };
  itemCache.set(id, { at: Date.now(), row });
  return row;
}

export async function getItems(db: Executor, ids: string[]) {
  if (ids.length === 0) return new Map<string, ServiceItem>();
  const rows = await db.select().from(serviceItems).where(inArray(serviceItems.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}
