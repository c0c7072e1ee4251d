import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { getDepartment, listDepartments } from '../identity/index.js';
import { searchItemIds } from './search/service.js';
import { effectiveFlow, type FlowStep } from './flow/types.js';
import { serviceItems, serviceItemVersions } from './tables.js';
import type { EnterpriseStage, LifeEvent } from './topics.js';

export type ServiceItem = typeof serviceItems.$inferSelect;

export type ItemFilter = { q?: string; departmentId?: string; lifeEvent?: LifeEvent; enterpriseStage?: EnterpriseStage; audience?: 'person' | 'entity' };

export async function findItems(db: Executor, filter: ItemFilter) {
  const conds: SQL[] = [eq(serviceItems.published, true)];
  if (filter.departmentId) conds.push(eq(serviceItems.departmentId, filter.departmentId));
  if (filter.lifeEvent) conds.push(sql`${serviceItems.topics}->'lifeEvents' ? ${filter.lifeEvent}`);
  if (filter.enterpriseStage) conds.push(sql`${serviceItems.topics}->'enterpriseStages' ? ${filter.enterpriseStage}`);
  if (filter.audience) conds.push(sql`${serviceItems.applicantKinds} ? ${filter.audience}`);
  // A query goes to the search index (search/): ranked ids, best first; no query lists all by code.
  const ranked = filter.q ? await searchItemIds(db, filter.q, { departmentId: filter.departmentId }) : null;
  if (ranked?.length === 0) return [];
  if (ranked) conds.push(inArray(serviceItems.id, ranked));
  const rows = await db.select().from(serviceItems).where(and(...conds)).orderBy(serviceItems.code);
  if (ranked) rows.sort((a, b) => ranked.indexOf(a.id) - ranked.indexOf(b.id));
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

/**
 * What a submission checks an application against: who may apply, the level, the materials and the
 * form of the current version — not the guide and the rest of the row, which a submission never
 * shows (the guide alone is most of the row's bytes, parsed on every read).
 */
export type ItemRules = Pick<ServiceItem, 'id' | 'code' | 'departmentId' | 'currentVersionId' | 'published' | 'applicantKinds' | 'minLevel' | 'materials' | 'form' | 'onlineDepth'> & {
  /** The guide's 到现场次数 (read alone, not the whole guide): see guide/preReview.ts. */
  visits: number | null;
};

export async function getItemRules(db: Executor, id: string): Promise<ItemRules | null> {
  const [item] = await db
    .select({
      id: serviceItems.id,
      code: serviceItems.code,
      departmentId: serviceItems.departmentId,
      currentVersionId: serviceItems.currentVersionId,
      published: serviceItems.published,
      applicantKinds: serviceItems.applicantKinds,
      minLevel: serviceItems.minLevel,
      materials: serviceItems.materials,
      form: serviceItems.form,
      onlineDepth: serviceItems.onlineDepth,
      visits: sql<number | null>`(${serviceItems.guide}->>'visits')::int`,
    })
    .from(serviceItems)
    .where(eq(serviceItems.id, id))
    .limit(1);
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

/**
 * The approval flow a case applied under this version runs (its version's, frozen at publication),
 * or the default single step by the implementing department.
 */
export async function getAppliedFlow(db: Executor, versionId: string): Promise<FlowStep[]> {
  const [row] = await db.select({ flow: sql<FlowStep[] | null>`${serviceItemVersions.content}->'flow'` }).from(serviceItemVersions).where(eq(serviceItemVersions.id, versionId)).limit(1);
  return effectiveFlow(row?.flow);
}

/** How many offered items each life event and enterprise stage lists (the portal's navigation shows only those with some). */
export async function topicCounts(db: Executor) {
  const rows = await db.select({ topics: serviceItems.topics }).from(serviceItems).where(eq(serviceItems.published, true));
  const lifeEvents = new Map<string, number>();
  const enterpriseStages = new Map<string, number>();
  for (const { topics } of rows) {
    for (const e of topics.lifeEvents ?? []) lifeEvents.set(e, (lifeEvents.get(e) ?? 0) + 1);
    for (const e of topics.enterpriseStages ?? []) enterpriseStages.set(e, (enterpriseStages.get(e) ?? 0) + 1);
  }
  return { lifeEvents, enterpriseStages };
}
