import { boolean, integer, jsonb, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { LocalText } from '../../db/types.js';
import type { FormField } from './forms/types.js';
import type { GuideData, MaterialSpec } from './guide/types.js';
import { departments } from '../identity/tables.js';

export type { FormField } from './forms/types.js';
export { formFieldTypes } from './forms/types.js';
export type { GuideData, MaterialSpec } from './guide/types.js';

export const serviceItems = pgTable('service_items', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull().unique(),
  departmentId: uuid('department_id').notNull().references(() => departments.id),
  itemType: text('item_type').notNull(),
  name: jsonb('name').$type<LocalText>().notNull(),
  guide: jsonb('guide').$type<GuideData>().notNull(),
  materials: jsonb('materials').$type<MaterialSpec[]>().notNull(),
  form: jsonb('form').$type<{ fields: FormField[] }>().notNull(),
  legalLimitDays: integer('legal_limit_days').notNull(),
  promisedLimitDays: integer('promised_limit_days').notNull(),
  onlineDepth: jsonb('online_depth').$type<number[]>().notNull(),
  licenceTypeCode: text('licence_type_code'),
  minLevel: smallint('min_level').notNull().default(1),
  /** Who may apply (服务对象): natural persons, legal entities, or both. */
  applicantKinds: jsonb('applicant_kinds').$type<('person' | 'entity')[]>().notNull().default(['person']),
  published: boolean('published').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
