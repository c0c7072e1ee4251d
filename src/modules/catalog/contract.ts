import { z } from 'zod';
import { formFieldTypes } from './tables.js';

export const itemSummary = z.object({
  id: z.string().uuid(),
  code: z.string(),
  name: z.string(),
  itemType: z.string(),
  itemTypeLabel: z.string(),
  department: z.object({ id: z.string().uuid(), name: z.string() }),
  legalLimitDays: z.number().int(),
  promisedLimitDays: z.number().int(),
  onlineDepth: z.array(z.number().int()),
  feeFree: z.boolean(),
});

export const itemDetail = itemSummary.extend({
  guide: z.object({
    legalBasis: z.array(z.string()),
    audience: z.string(),
    conditions: z.array(z.string()),
    process: z.array(z.string()),
    caseKind: z.string(),
    place: z.string(),
    hours: z.string(),
    contactPhone: z.string(),
    complaintPhone: z.string(),
    visits: z.number().int(),
    fees: z.array(z.object({ name: z.string(), amountFen: z.number().int(), basis: z.string() })),
    result: z.string(),
  }),
  materials: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      required: z.boolean(),
      description: z.string(),
      accept: z.array(z.string()),
      maxBytes: z.number().int(),
    }),
  ),
  form: z.object({
    fields: z.array(
      z.object({
        name: z.string(),
        label: z.string(),
        type: z.enum(formFieldTypes),
        required: z.boolean(),
        maxLength: z.number().int().optional(),
        pattern: z.string().optional(),
        min: z.number().optional(),
        max: z.number().optional(),
        options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
        help: z.string().optional(),
      }),
    ),
  }),
  licenceType: z.object({ code: z.string(), name: z.string() }).nullable(),
  minLevel: z.number().int(),
  applicantKinds: z.array(z.enum(['person', 'entity'])),
});

export const itemListQuery = z.object({
  q: z.string().trim().max(50).optional(),
  departmentId: z.string().uuid().optional(),
});

export const itemIdParams = z.object({ id: z.string().uuid() });
export const itemList = z.object({ items: z.array(itemSummary) });

export const departmentsQuery = z.object({ withItems: z.enum(['true', 'false']).default('false') });
export const catalogDepartment = z.object({ id: z.string(), code: z.string(), name: z.string() });
export const departmentList = z.object({ items: z.array(catalogDepartment) });

export type ItemSummary = z.output<typeof itemSummary>;
export type ItemDetail = z.output<typeof itemDetail>;
export type FormField = ItemDetail['form']['fields'][number];
export type FieldType = FormField['type'];
export type MaterialSpec = ItemDetail['materials'][number];
export type CatalogDepartment = z.output<typeof catalogDepartment>;
export type ItemList = z.output<typeof itemList>;
export type CatalogDepartmentList = z.output<typeof departmentList>;
