import { and, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { departments } from '../identity/schema.js';
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
  return db
    .select({ item: serviceItems, department: departments })
    .from(serviceItems)
    .innerJoin(departments, eq(departments.id, serviceItems.departmentId))
    .where(and(...conds))
    .orderBy(serviceItems.code);
}

export async function getItem(db: Executor, id: string) {
  const [row] = await db
    .select({ item: serviceItems, department: departments })
    .from(serviceItems)
    .innerJoin(departments, eq(departments.id, serviceItems.departmentId))
    .where(eq(serviceItems.id, id))
    .limit(1);
  return row ?? null;
}

export async function getItems(db: Executor, ids: string[]) {
  if (ids.length === 0) return new Map<string, ServiceItem>();
  const rows = await db.select().from(serviceItems).where(inArray(serviceItems.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}
