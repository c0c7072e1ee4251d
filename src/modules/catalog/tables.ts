import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { LocalText } from '../../db/types.js';
import type { FormField } from './forms/types.js';
import type { GuideData, MaterialSpec } from './guide/types.js';
import type { CatalogTopics } from './topics.js';
import type { FlowStep } from './flow/types.js';
import { accounts, departments } from '../identity/tables.js';

export type { FormField } from './forms/types.js';
export { formFieldTypes } from './forms/types.js';
export type { GuideData, MaterialSpec } from './guide/types.js';
export type { FlowStep, FlowTask } from './flow/types.js';

/**
 * What an entry of the catalogue says about a service: its name, type, guide, materials, form and
 * limits. A basic item holds it as the baseline; a version of an implementation holds the merged
 * result (baseline + local overrides) it was published with.
 */
export type CatalogContent = {
  name: LocalText;
  itemType: string;
  guide: GuideData;
  materials: MaterialSpec[];
  form: { fields: FormField[] };
  legalLimitDays: number;
  promisedLimitDays: number;
  onlineDepth: number[];
  licenceTypeCode: string | null;
  minLevel: number;
  applicantKinds: ('person' | 'entity')[];
  /** Where people look for it: life events (个人) and enterprise stages (法人) it belongs to. */
  topics: CatalogTopics;
  /** The approval flow (审批流程) a case of this version runs; absent: one approval step by the implementing department. */
  flow?: FlowStep[];
};

export type { CatalogTopics } from './topics.js';

/**
 * What a region's implementation may set for itself (GB/T 39554: local rules may change the
 * promised limit, fees, windows, materials' details, online depth and visits); everything else is
 * the basic item's. Materials are overridden by code and only in their details: a region cannot
 * drop a material the baseline requires, nor invent one.
 */
export type CatalogOverrides = {
  promisedLimitDays?: number;
  onlineDepth?: number[];
  guide?: Partial<Pick<GuideData, 'caseKind' | 'place' | 'hours' | 'contactPhone' | 'complaintPhone' | 'visits' | 'fees' | 'visitReason' | 'onlineUrl' | 'feeWaivers' | 'promisedLimitUnit' | 'promisedLimitNote' | 'consultAddress' | 'consultUrl' | 'complaintAddress' | 'complaintUrl'>>;
  materials?: Record<string, Partial<Pick<MaterialSpec, 'description' | 'accept' | 'maxBytes'>>>;
  form?: { fields: FormField[] };
  /** The implementation's own approval flow (its departments are local): replaces the baseline's. */
  flow?: FlowStep[];
};

/** 基本目录: the national or provincial baseline of a service, which implementations inherit. */
export const basicItems = pgTable('basic_items', {
  id: uuid('id').primaryKey(),
  /** Basic item code (基本编码), up to 12 characters (GB/T 39554). */
  code: text('code').notNull().unique(),
  baseline: jsonb('baseline').$type<CatalogContent>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * 实施清单: a basic item as one department of one region implements it — what citizens apply for.
 * The content columns are the currently published version's (a read model the publishing step
 * writes; before the first publication they hold the draft's merge and `published` is false).
 */
export const serviceItems = pgTable('service_items', {
  id: uuid('id').primaryKey(),
  /** Implementation code (实施编码), up to 36 characters. */
  code: text('code').notNull().unique(),
  basicItemId: uuid('basic_item_id').notNull().references(() => basicItems.id),
  /** The region the implementation serves (GB/T 2260), usually its department's. */
  regionCode: text('region_code').notNull(),
  departmentId: uuid('department_id').notNull().references(() => departments.id),
  /** The version citizens apply under; null until the first one is published. */
  currentVersionId: uuid('current_version_id').references((): AnyPgColumn => serviceItemVersions.id),
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
  topics: jsonb('topics').$type<CatalogTopics>().notNull().default({}),
  published: boolean('published').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const versionStatuses = ['draft', 'review', 'published', 'retired'] as const;
export type VersionStatus = (typeof versionStatuses)[number];

/**
 * The versions of an implementation: draft → review → published → retired. `overrides` is what the
 * department set; `content` the merge with the baseline, taken when the version goes to review and
 * frozen from publication on (a trigger refuses any change to a published or retired version but
 * its retirement). At most one version per implementation is open (draft or review).
 */
export const serviceItemVersions = pgTable(
  'service_item_versions',
  {
    id: uuid('id').primaryKey(),
    serviceItemId: uuid('service_item_id').notNull().references((): AnyPgColumn => serviceItems.id),
    versionNo: integer('version_no').notNull(),
    status: text('status').$type<VersionStatus>().notNull(),
    overrides: jsonb('overrides').$type<CatalogOverrides>().notNull(),
    content: jsonb('content').$type<CatalogContent>().notNull(),
    authorAccountId: uuid('author_account_id').references(() => accounts.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    reviewerAccountId: uuid('reviewer_account_id').references(() => accounts.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewNote: text('review_note'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('service_item_versions_no_uq').on(t.serviceItemId, t.versionNo),
    uniqueIndex('service_item_versions_one_open_uq').on(t.serviceItemId).where(sql`status IN ('draft', 'review')`),
    index('service_item_versions_review_idx').on(t.status, t.submittedAt),
  ],
);

/** A member of a theme (一件事): an implementation, by its code, and the members it must wait for. */
export type ThemeMember = { item: string; after: string[] };
/** A field the theme's one form asks once, copied onto the same-meaning field of each target member. */
export type ThemeField = { name: string; label: LocalText; targets: { item: string; field: string }[] };
/** A material uploaded once for the theme, satisfying each target member's material of that code. */
export type ThemeMaterial = { code: string; name: LocalText; targets: { item: string; material: string }[] };
export const themeStatuses = ['draft', 'published'] as const;
export type ThemeStatus = (typeof themeStatuses)[number];

/**
 * 一件事 (theme services): a bundle of implementations applied for together with one form and
 * shared materials, members in order with their prerequisites. Members and mappings name
 * implementations by their (unique, stable) code; `themes/rules.ts` checks them on publication.
 */
export const themes = pgTable('themes', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: jsonb('name').$type<LocalText>().notNull(),
  description: jsonb('description').$type<LocalText>().notNull(),
  audience: text('audience').$type<'person' | 'entity'>().notNull(),
  topics: jsonb('topics').$type<CatalogTopics>().notNull().default({}),
  members: jsonb('members').$type<ThemeMember[]>().notNull(),
  fields: jsonb('fields').$type<ThemeField[]>().notNull(),
  materials: jsonb('materials').$type<ThemeMaterial[]>().notNull(),
  status: text('status').$type<ThemeStatus>().notNull().default('draft'),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by').references(() => accounts.id),
});
