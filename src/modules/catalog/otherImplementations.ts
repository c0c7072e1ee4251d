import { and, eq, isNotNull, ne } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { LocalText } from '../../db/types.js';
import { serviceItems } from './tables.js';

/** An implementation of the same basic item (基本目录) that citizens can apply under now. */
export type OtherImplementation = { id: string; code: string; departmentId: string; regionCode: string; name: LocalText; currentVersionId: string };

/**
 * The other published implementations (实施清单) of the basic item that `itemId` implements, each
 * with its current version: where a case of `itemId` can be moved to (移送, 转办) and still be
 * handled as the same service. Ordered by implementation code.
 */
export async function otherImplementations(db: Executor, itemId: string): Promise<OtherImplementation[]> {
  const [item] = await db.select({ basicItemId: serviceItems.basicItemId }).from(serviceItems).where(eq(serviceItems.id, itemId)).limit(1);
  if (!item) return [];
  const rows = await db
    .select({ id: serviceItems.id, code: serviceItems.code, departmentId: serviceItems.departmentId, regionCode: serviceItems.regionCode, name: serviceItems.name, currentVersionId: serviceItems.currentVersionId })
    .from(serviceItems)
    .where(and(eq(serviceItems.basicItemId, item.basicItemId), ne(serviceItems.id, itemId), eq(serviceItems.published, true), isNotNull(serviceItems.currentVersionId)))
    .orderBy(serviceItems.code);
  return rows.map((r) => ({ ...r, currentVersionId: r.currentVersionId! }));
}
