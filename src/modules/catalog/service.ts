import { and, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { getDepartment, listDepartments } from '../identity/index.js';
import { serviceItems, serviceItemVersions } from './tables.js';

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

/**
 * An item with its department, read fresh on every call. There is deliberately no in-process
 * cache: items (published flag, form, time limits) and departments (names) are edited rows,
 * and with several instances behind a load balancer a cache in one process would keep serving
 * the old version after an edit made through another (the TTL cache here before did, for 30 s).
 * Two primary-key reads cost less than a submission's other work.
 */
export async function getItem(db: Executor, id: string) {
  const item = await getServiceItem(db, id);
  if (!item) return null;
  const department = (await getDepartment(db, item.departmentId))!;
  return { item, department };
}

/** The item alone, for the case verbs: they need its rules, not its department's name (one read fewer per action). */
export async function getServiceItem(db: Executor, id: string): Promise<ServiceItem | null> {
  const [item] = await db.select().from(serviceItems).where(eq(serviceItems.id, id)).limit(1);
  return item ?? null;
}

export async function getItems(db: Executor, ids: string[]) {
  if (ids.length === 0) return new Map<string, ServiceItem>();
  const rows = await db.select().from(serviceItems).where(inArray(serviceItems.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * The item as a case was applied under: its identity (id, code, department) with the rules of the
 * version the case records (materials, form, limits, licence type), not whatever is published now.
 */
export async function getAppliedItem(db: Executor, itemId: string, versionId: string): Promise<ServiceItem | null> {
  const [row] = await db
    .select({ item: serviceItems, content: serviceItemVersions.content })
    .from(serviceItemVersions)
    .innerJoin(serviceItems, eq(serviceItems.id, serviceItemVersions.serviceItemId))
    .where(and(eq(serviceItemVersions.id, versionId), eq(serviceItems.id, itemId)))
    .limit(1);
  return row ? { ...row.item, ...row.content } : null;
}
