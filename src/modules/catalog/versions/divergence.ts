import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../../db/client.js';
import { basicItems, serviceItems, serviceItemVersions } from '../tables.js';
import { diffContent, type ContentChange } from './diff.js';

/**
 * Per basic item, how each region's published implementation differs from the baseline: public,
 * since every published guide is. An implementation whose content differs in parts no region may
 * override runs on an older baseline (the basic item changed after it was published).
 */
export async function divergenceReport(db: Executor, filter: { basicItemId?: string } = {}) {
  const basics = await db
    .select()
    .from(basicItems)
    .where(filter.basicItemId ? eq(basicItems.id, filter.basicItemId) : undefined)
    .orderBy(asc(basicItems.code));
  if (basics.length === 0) return [];
  const rows = await db
    .select({ item: serviceItems, versionNo: serviceItemVersions.versionNo, content: serviceItemVersions.content })
    .from(serviceItems)
    .innerJoin(serviceItemVersions, eq(serviceItemVersions.id, serviceItems.currentVersionId))
    .where(and(inArray(serviceItems.basicItemId, basics.map((b) => b.id)), eq(serviceItems.published, true)))
    .orderBy(asc(serviceItems.regionCode), asc(serviceItems.code));
  return basics.map((basic) => ({
    basic,
    implementations: rows
      .filter((r) => r.item.basicItemId === basic.id)
      .map((r) => ({ item: r.item, versionNo: r.versionNo, promisedLimitDays: r.content.promisedLimitDays, changes: diffContent(basic.baseline, r.content) as ContentChange[] })),
  }));
}
