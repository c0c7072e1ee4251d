import { z } from 'zod';
import { formView } from './forms/contract.js';
import { guideView, materialView } from './guide/contract.js';
import { enterpriseStages, lifeEvents } from './topics.js';

export const itemSummary = z.object({
  id: z.string().uuid(),
  code: z.string(),
  name: z.string(),
  itemType: z.string(),
  itemTypeLabel: z.string(),
  department: z.object({ id: z.string().uuid(), name: z.string() }),
  /** The region the implementation serves (GB/T 2260) and its name. */
  region: z.object({ code: z.string(), name: z.string() }),
  legalLimitDays: z.number().int(),
  promisedLimitDays: z.number().int(),
  onlineDepth: z.array(z.number().int()),
  feeFree: z.boolean(),
});

export const itemDetail = itemSummary.extend({
  guide: guideView,
  materials: z.array(materialView),
  form: formView,
  licenceType: z.object({ code: z.string(), name: z.string() }).nullable(),
  minLevel: z.number().int(),
  applicantKinds: z.array(z.enum(['person', 'entity'])),
});

export const itemListQuery = z.object({
  q: z.string().trim().max(50).optional(),
  departmentId: z.string().uuid().optional(),
  lifeEvent: z.enum(lifeEvents).optional(),
  enterpriseStage: z.enum(enterpriseStages).optional(),
  audience: z.enum(['person', 'entity']).optional(),
});

const topic = z.object({ code: z.string(), name: z.string(), items: z.number().int() });
export const topicList = z.object({ lifeEvents: z.array(topic), enterpriseStages: z.array(topic) });
export type TopicList = z.output<typeof topicList>;

export const itemIdParams = z.object({ id: z.string().uuid() });
export const itemList = z.object({ items: z.array(itemSummary) });

export const departmentsQuery = z.object({ withItems: z.enum(['true', 'false']).default('false') });
export const catalogDepartment = z.object({ id: z.string(), code: z.string(), name: z.string() });
export const departmentList = z.object({ items: z.array(catalogDepartment) });

export * from './search/contract.js';

export type ItemSummary = z.output<typeof itemSummary>;
export type ItemDetail = z.output<typeof itemDetail>;
export type FormField = ItemDetail['form']['fields'][number];
export type FieldType = FormField['type'];
export type MaterialSpec = ItemDetail['materials'][number];
export type CatalogDepartment = z.output<typeof catalogDepartment>;
export type ItemList = z.output<typeof itemList>;
export type CatalogDepartmentList = z.output<typeof departmentList>;

export * from './versions/contract.js';
export * from './io/contract.js';
export * from './themes/contract.js';
