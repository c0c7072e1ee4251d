import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../db/client.js';
import { DomainError, isUniqueViolation, type FieldIssue } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/uuid.js';
import { parseInput } from '../../lib/validate.js';
import { getDepartment, listDepartments } from '../identity/index.js';
import { flowProblems } from './flow/check.js';
import { appendAudit } from '../supervision/index.js';
import { contentRules, contentShape } from './contentSchema.js';
import { basicItems, serviceItems, serviceItemVersions, type CatalogContent } from './tables.js';
import { indexServiceItem, itemDocument } from './search/indexServiceItem.js';

/** A new service item (政务服务事项) as its department publishes it. */
export const newServiceItemSchema = z
  .object({
    code: z.string().trim().regex(/^[0-9A-Z]{4,40}$/, 'ITEM_CODE_PATTERN'),
    departmentId: z.string().uuid(),
    ...contentShape,
    published: z.boolean().default(true),
  })
  .superRefine(contentRules);

export type NewServiceItem = z.input<typeof newServiceItemSchema>;


export type CreateServiceItemOptions = {
  /** Who publishes it (audited); null when the installation does (the demo seed, an import). */
  actorAccountId: string | null;
  /**
   * Whether a licence type code names a licence type. The licences module sits above the catalogue,
   * so the composition root passes its lookup in; without one, an item may not name a licence type.
   */
  licenceTypeExists?: (tx: Tx, code: string) => Promise<boolean>;
};

/**
 * Adds an item to the catalogue inside the caller's transaction, with its audit event: a basic item
 * (基本目录) carrying the content as its baseline, and its implementation (实施清单) by the department,
 * published as version 1 with no local overrides. This is the installation's path (the demo seed,
 * tests, a bulk import the installation runs): staff publish through draft → review → published
 * (`versions/lifecycle.ts`). Who may call it is the caller's policy; this checks the item itself:
 * its fields, the GB/T 39554 limits, a free code, a department and licence type that exist.
 */
export async function createServiceItem(tx: Tx, input: NewServiceItem, opts: CreateServiceItemOptions) {
  const item = parseInput(newServiceItemSchema, input);
  const invalid = (issue: FieldIssue) => new DomainError('VALIDATION', {}, [issue]);
  const department = await getDepartment(tx, item.departmentId);
  if (!department) throw invalid({ path: 'departmentId', code: 'DEPARTMENT_UNKNOWN' });
  if (item.licenceTypeCode !== null && !(await opts.licenceTypeExists?.(tx, item.licenceTypeCode))) throw invalid({ path: 'licenceTypeCode', code: 'LICENCE_TYPE_UNKNOWN' });
  const codes = new Set((await listDepartments(tx)).map((d) => d.code));
  const unknownDepartments = flowProblems(item.flow, codes).filter((p) => p.rule === 'FLOW_DEPARTMENT_UNKNOWN');
  if (unknownDepartments.length) throw new DomainError('VALIDATION', {}, unknownDepartments.map((p) => ({ path: p.path, code: p.rule, params: p.params })));
  const [taken] = await tx.select({ id: serviceItems.id }).from(serviceItems).where(eq(serviceItems.code, item.code)).limit(1);
  if (taken) throw invalid({ path: 'code', code: 'ITEM_CODE_TAKEN' });
  const { fields, code, departmentId, published, ...rest } = item;
  const { flow, ...others } = rest;
  const content: CatalogContent = { ...others, form: { fields }, ...(flow?.length ? { flow } : {}) };
  const id = uuidv7();
  const basicItemId = uuidv7();
  const versionId = uuidv7();
  const now = new Date();
  try {
    await tx.insert(basicItems).values({ id: basicItemId, code, baseline: content });
    // The row first without its version (the two reference each other), then the version, then the link.
    await tx.insert(serviceItems).values({ id, code, basicItemId, regionCode: department.regionCode, departmentId, ...content, published });
    await tx.insert(serviceItemVersions).values({
      id: versionId,
      serviceItemId: id,
      versionNo: 1,
      status: published ? 'published' : 'draft',
      overrides: {},
      content,
      authorAccountId: opts.actorAccountId,
      publishedAt: published ? now : null,
    });
    const [row] = await tx.update(serviceItems).set({ currentVersionId: published ? versionId : null }).where(eq(serviceItems.id, id)).returning();
    await indexServiceItem(tx, itemDocument(row!, department.name));
    await appendAudit(tx, {
      actorAccountId: opts.actorAccountId,
      action: 'service_item.create',
      entityType: 'service_item',
      entityId: id,
      detail: { code, departmentId, published, basicItemId, versionId },
    });
    return row!;
  } catch (e) {
    if (isUniqueViolation(e)) throw invalid({ path: 'code', code: 'ITEM_CODE_TAKEN' });
    throw e;
  }
}
