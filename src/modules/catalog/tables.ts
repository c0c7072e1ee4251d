import { boolean, integer, jsonb, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { LocalText } from '../../db/types.js';
import { departments } from '../identity/tables.js';

export type GuideData = {
  legalBasis: LocalText[];
  audience: LocalText;
  conditions: LocalText[];
  process: LocalText[];
  caseKind: 'immediate' | 'promised';
  place: LocalText;
  hours: LocalText;
  contactPhone: string;
  complaintPhone: string;
  visits: number;
  fees: { name: LocalText; amountFen: number; basis: LocalText }[];
  result: LocalText;
};

export type MaterialSpec = {
  code: string;
  name: LocalText;
  required: boolean;
  description: LocalText;
  accept: ('pdf' | 'png' | 'jpg')[];
  maxBytes: number;
};

/**
 * Field types of a data-defined form. `idNumber` (公民身份号码, GB 11643) and `creditCode`
 * (统一社会信用代码, GB 32100) are checked by the same validators as registration.
 */
export const formFieldTypes = ['text', 'textarea', 'date', 'select', 'number', 'idNumber', 'creditCode'] as const;

export type FormField = {
  name: string;
  label: LocalText;
  type: (typeof formFieldTypes)[number];
  required: boolean;
  maxLength?: number;
  pattern?: string;
  min?: number;
  max?: number;
  options?: { value: string; label: LocalText }[];
  help?: LocalText;
};

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
