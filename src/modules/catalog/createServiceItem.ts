import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../db/client.js';
import { DomainError, isUniqueViolation, type FieldIssue } from '../../lib/errors.js';
import { isStorableText, nameText } from '../../lib/text.js';
import { uuidv7 } from '../../lib/uuid.js';
import { parseInput } from '../../lib/validate.js';
import { getDepartment } from '../identity/index.js';
import { appendAudit } from '../supervision/index.js';
import { formFieldTypes, serviceItems } from './tables.js';

/** Item types of the basic catalogue (基本目录): the ten kinds of administrative power, public service, other. */
export const itemTypes = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '20', '99'] as const;

/** Running text in both languages (guides, descriptions): storable, required, bounded. */
const prose = (max: number) => z.string().trim().min(1, 'REQUIRED').max(max).refine(isStorableText, 'TEXT_UNSTORABLE');
const localName = z.object({ zh: nameText(100), en: nameText(200) });
const localProse = z.object({ zh: prose(2000), en: prose(4000) });
const phone = z.string().trim().regex(/^[0-9-]{3,20}$/, 'PATTERN');

const guideSchema = z.object({
  legalBasis: z.array(localProse).min(1, 'REQUIRED').max(50),
  audience: localProse,
  conditions: z.array(localProse).max(50),
  process: z.array(localProse).min(1, 'REQUIRED').max(50),
  caseKind: z.enum(['immediate', 'promised'], 'BAD_OPTION'),
  place: localProse,
  hours: localProse,
  contactPhone: phone,
  complaintPhone: phone,
  visits: z.number().int().min(0).max(10),
  fees: z.array(z.object({ name: localName, amountFen: z.number().int().min(0), basis: localProse })).max(50),
  result: localProse,
});

const materialSchema = z.object({
  code: z.string().trim().regex(/^[A-Z][A-Z0-9]{1,15}$/, 'MATERIAL_CODE_PATTERN'),
  name: localName,
  required: z.boolean(),
  description: localProse,
  accept: z.array(z.enum(['pdf', 'png', 'jpg'], 'BAD_OPTION')).min(1, 'REQUIRED'),
  maxBytes: z.number().int().min(1).max(100 * 1024 * 1024),
});

const fieldSchema = z.object({
  name: z.string().regex(/^[a-z][A-Za-z0-9]{0,39}$/, 'FORM_FIELD_NAME_PATTERN'),
  label: localName,
  type: z.enum(formFieldTypes, 'BAD_OPTION'),
  required: z.boolean(),
  maxLength: z.number().int().min(1).max(10000).optional(),
  pattern: z.string().max(200).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  options: z.array(z.object({ value: z.string().trim().min(1, 'REQUIRED').max(100), label: localName })).min(1, 'REQUIRED').max(200).optional(),
  help: localName.optional(),
});

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
