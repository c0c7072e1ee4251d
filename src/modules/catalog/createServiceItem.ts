import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../db/client.js';
import { DomainError, isUniqueViolation, type FieldIssue } from '../../lib/errors.js';
import { uuidv7 } from '../../lib/uuid.js';
import { parseInput } from '../../lib/validate.js';
import { getDepartment } from '../identity/index.js';
import { appendAudit } from '../supervision/index.js';
import { fieldSchema } from './forms/schema.js';
import { guideSchema, materialSchema } from './guide/schema.js';
import { localName } from './localText.js';
import { serviceItems } from './tables.js';

/** Item types of the basic catalogue (基本目录): the ten kinds of administrative power, public service, other. */
export const itemTypes = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '20', '99'] as const;

/** A new service item (政务服务事项) as its department publishes it. */
export const newServiceItemSchema = z
  .object({
    code: z.string().trim().regex(/^[0-9A-Z]{4,40}$/, 'ITEM_CODE_PATTERN'),
    departmentId: z.string().uuid(),
    itemType: z.enum(itemTypes, 'BAD_OPTION'),
    name: localName,
    guide: guideSchema,
    materials: z.array(materialSchema).max(50),
    fields: z.array(fieldSchema).max(100),
    legalLimitDays: z.number().int().min(0).max(3650),
    promisedLimitDays: z.number().int().min(0).max(3650),
    onlineDepth: z.array(z.number().int().min(1).max(7)).max(7),
    licenceTypeCode: z.string().nullable().default(null),
    minLevel: z.number().int().min(1).max(3).default(1),
    applicantKinds: z.array(z.enum(['person', 'entity'], 'BAD_OPTION')).min(1, 'REQUIRED').default(['person']),
    published: z.boolean().default(true),
  })
  // The GB/T 39554 consistency checks, once every field is valid.
  .superRefine((v, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (v.promisedLimitDays > v.legalLimitDays) issue(['promisedLimitDays'], 'PROMISED_OVER_LEGAL');
    // 即办件 are handled on the spot: they and only they promise 0 days.
    if ((v.guide.caseKind === 'immediate') !== (v.promisedLimitDays === 0)) issue(['promisedLimitDays'], 'IMMEDIATE_ZERO_DAYS');
    dupes(v.materials.map((m) => m.code)).forEach((i) => issue(['materials', i, 'code'], 'DUPLICATE'));
    dupes(v.fields.map((f) => f.name)).forEach((i) => issue(['fields', i, 'name'], 'DUPLICATE'));
    v.fields.forEach((f, i) => {
      if (f.type === 'select' && !f.options?.length) issue(['fields', i, 'options'], 'REQUIRED');
      if (f.min !== undefined && f.max !== undefined && f.min > f.max) issue(['fields', i, 'max'], 'OUT_OF_RANGE');
    });
  });

export type NewServiceItem = z.input<typeof newServiceItemSchema>;

/** Indexes of the entries that repeat an earlier one. */
function dupes(values: string[]): number[] {
  return values.flatMap((v, i) => (values.indexOf(v) < i ? [i] : []));
}

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
 * Adds an item to the catalogue inside the caller's transaction, with its audit event. Who may
 * publish in which department is the caller's policy; this checks the item itself: its fields, the
 * GB/T 39554 limits, a free code, a department and licence type that exist.
 */
export async function createServiceItem(tx: Tx, input: NewServiceItem, opts: CreateServiceItemOptions) {
  const item = parseInput(newServiceItemSchema, input);
  const invalid = (issue: FieldIssue) => new DomainError('VALIDATION', {}, [issue]);
  if (!(await getDepartment(tx, item.departmentId))) throw invalid({ path: 'departmentId', code: 'DEPARTMENT_UNKNOWN' });
  if (item.licenceTypeCode !== null && !(await opts.licenceTypeExists?.(tx, item.licenceTypeCode))) throw invalid({ path: 'licenceTypeCode', code: 'LICENCE_TYPE_UNKNOWN' });
  const [taken] = await tx.select({ id: serviceItems.id }).from(serviceItems).where(eq(serviceItems.code, item.code)).limit(1);
  if (taken) throw invalid({ path: 'code', code: 'ITEM_CODE_TAKEN' });
  const id = uuidv7();
  const { fields, ...columns } = item;
  try {
    const [row] = await tx.insert(serviceItems).values({ id, ...columns, form: { fields } }).returning();
    await appendAudit(tx, {
      actorAccountId: opts.actorAccountId,
      action: 'service_item.create',
      entityType: 'service_item',
      entityId: id,
      detail: { code: item.code, departmentId: item.departmentId, published: item.published },
    });
    return row!;
  } catch (e) {
    if (isUniqueViolation(e)) throw invalid({ path: 'code', code: 'ITEM_CODE_TAKEN' });
    throw e;
  }
}
