/**
 * The installation's variant of an import (the demo catalogue at first start, an operator's bulk
 * load from the CLI): nobody is signed in, so nobody could review, and each implementation is
 * published directly as version 1, as `createServiceItem` publishes its items. Staff imports never
 * come here: they go through `createBasicItem`/`createImplementation` and end as drafts.
 */
import { inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../../db/client.js';
import type { LocalText } from '../../../db/types.js';
import { uuidv7 } from '../../../lib/uuid.js';
import { appendAudit } from '../../supervision/index.js';
import { basicItems, serviceItems, serviceItemVersions, type CatalogContent, type CatalogOverrides } from '../tables.js';
import { indexServiceItem, itemDocument } from '../search/indexServiceItem.js';
import { mergeContent } from '../versions/content.js';

/**
 * Many at once (the demo catalogue at every first start): one statement per table instead of
 * three per implementation; each basic item and implementation still has its own audit event.
 */
export async function installCatalogue(
  tx: Tx,
  basics: { code: string; baseline: CatalogContent }[],
  impls: { code: string; basicCode: string; baseline: CatalogContent; departmentId: string; departmentName: LocalText; regionCode: string; overrides: CatalogOverrides }[],
  existingBasicIds: Map<string, string>,
) {
  const basicIds = new Map(existingBasicIds);
  const basicRows = basics.map((b) => ({ id: uuidv7(), code: b.code, baseline: b.baseline }));
  for (const b of basicRows) basicIds.set(b.code, b.id);
  const now = new Date();
  const rows = impls.map((i) => ({ ...i, id: uuidv7(), versionId: uuidv7(), basicItemId: basicIds.get(i.basicCode)!, content: mergeContent(i.baseline, i.overrides) }));
  if (basicRows.length) await tx.insert(basicItems).values(basicRows);
  if (rows.length) {
    await tx.insert(serviceItems).values(rows.map((r) => ({ id: r.id, code: r.code, basicItemId: r.basicItemId, regionCode: r.regionCode, departmentId: r.departmentId, ...r.content, published: true })));
    await tx.insert(serviceItemVersions).values(rows.map((r) => ({ id: r.versionId, serviceItemId: r.id, versionNo: 1, status: 'published' as const, overrides: r.overrides, content: r.content, authorAccountId: null, publishedAt: now })));
    await tx
      .update(serviceItems)
      .set({ currentVersionId: sql`(SELECT v.id FROM ${serviceItemVersions} v WHERE v.service_item_id = ${serviceItems.id} AND v.version_no = 1)` })
      .where(inArray(serviceItems.id, rows.map((r) => r.id)));
  }
  for (const b of basicRows) await appendAudit(tx, { actorAccountId: null, action: 'basic_item.create', entityType: 'basic_item', entityId: b.id, detail: { code: b.code } });
  for (const r of rows) {
    // Published at once, so searchable at once (staff drafts are indexed when a version is published).
    await indexServiceItem(tx, itemDocument({ id: r.id, code: r.code, name: r.content.name, guide: r.content.guide }, r.departmentName));
    await appendAudit(tx, {
      actorAccountId: null,
      action: 'service_item.create',
      entityType: 'service_item',
      entityId: r.id,
      detail: { code: r.code, departmentId: r.departmentId, published: true, basicItemId: r.basicItemId, versionId: r.versionId },
    });
  }
  return { basicIds, versionIds: new Map(rows.map((r) => [r.code, r.versionId])) };
}
