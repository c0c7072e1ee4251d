import { z } from 'zod';
import { formView } from '../forms/contract.js';
import { materialView } from '../guide/contract.js';
import { localName, localProse } from '../localText.js';
import { enterpriseStages, lifeEvents } from '../topics.js';
import { themeStatuses } from '../tables.js';

const itemCode = z.string().trim().min(1, 'REQUIRED').max(40);
const fieldName = z.string().regex(/^[a-z][A-Za-z0-9]{0,39}$/, 'FORM_FIELD_NAME_PATTERN');
const materialCode = z.string().regex(/^[A-Z][A-Z0-9]{1,15}$/, 'MATERIAL_CODE_PATTERN');

/** A theme's definition as a catalogue admin writes it (members and mappings name implementations by code). */
export const themeBody = z.object({
  code: z.string().regex(/^[A-Z][A-Z0-9-]{1,31}$/, 'THEME_CODE_PATTERN'),
  name: localName,
  description: localProse,
  audience: z.enum(['person', 'entity']),
  topics: z.object({ lifeEvents: z.array(z.enum(lifeEvents)).max(12).optional(), enterpriseStages: z.array(z.enum(enterpriseStages)).max(5).optional() }).default({}),
  members: z.array(z.object({ item: itemCode, after: z.array(itemCode).max(20).default([]) })).min(2, 'THEME_MEMBERS_FEW').max(20),
  fields: z.array(z.object({ name: fieldName, label: localName, targets: z.array(z.object({ item: itemCode, field: fieldName })).min(1, 'REQUIRED').max(20) })).max(50).default([]),
  materials: z
    .array(z.object({ code: materialCode, name: localName, targets: z.array(z.object({ item: itemCode, material: materialCode })).min(1, 'REQUIRED').max(20) }))
    .max(30)
    .default([]),
});
export type ThemeInput = z.input<typeof themeBody>;
export type ThemeDefinition = z.output<typeof themeBody>;

export const themeIdParams = z.object({ id: z.string().uuid() });
export const themeListQuery = z.object({
  audience: z.enum(['person', 'entity']).optional(),
  lifeEvent: z.enum(lifeEvents).optional(),
  enterpriseStage: z.enum(enterpriseStages).optional(),
});

const themeItem = z.object({
  id: z.string().uuid(),
  code: z.string(),
  name: z.string(),
  department: z.object({ id: z.string().uuid(), name: z.string() }),
  promisedLimitDays: z.number().int(),
  legalLimitDays: z.number().int(),
});

export const themeSummary = z.object({
  id: z.string().uuid(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  audience: z.enum(['person', 'entity']),
  topics: z.object({ lifeEvents: z.array(z.string()), enterpriseStages: z.array(z.string()) }),
  memberCount: z.number().int(),
  /** Working days along the longest chain of prerequisites (members without one run side by side). */
  promisedLimitDays: z.number().int(),
});
export const themeList = z.object({ items: z.array(themeSummary) });

/** The combined guide and the one form of a published theme. */
export const themeDetail = themeSummary.extend({
  members: z.array(
    themeItem.extend({
      /** 1-based step: a member runs after every member it waits for. */
      step: z.number().int(),
      after: z.array(z.object({ id: z.string().uuid(), name: z.string() })),
      minLevel: z.number().int(),
      onlineUrl: z.string().nullable(),
    }),
  ),
  /** Every material once: the shared ones (`itemId` null, uploaded once for all `for`), then each member's own. */
  materials: z.array(materialView.extend({ itemId: z.string().uuid().nullable(), for: z.array(z.string()) })),
  /** The one form: shared fields first (asked once), then each member's remaining fields. */
  form: z.object({ shared: formView, members: z.array(z.object({ itemId: z.string().uuid(), name: z.string(), form: formView })) }),
  minLevel: z.number().int(),
});

const issue = z.object({ path: z.string(), code: z.string(), message: z.string() });
export const themeAdminView = z.object({
  id: z.string().uuid(),
  code: z.string(),
  name: z.object({ zh: z.string(), en: z.string() }),
  description: z.object({ zh: z.string(), en: z.string() }),
  audience: z.enum(['person', 'entity']),
  topics: z.object({ lifeEvents: z.array(z.string()).optional(), enterpriseStages: z.array(z.string()).optional() }),
  members: z.array(z.object({ item: z.string(), after: z.array(z.string()), name: z.string().nullable(), published: z.boolean() })),
  fields: z.array(z.object({ name: z.string(), label: z.object({ zh: z.string(), en: z.string() }), targets: z.array(z.object({ item: z.string(), field: z.string() })) })),
  materials: z.array(z.object({ code: z.string(), name: z.object({ zh: z.string(), en: z.string() }), targets: z.array(z.object({ item: z.string(), material: z.string() })) })),
  status: z.enum(themeStatuses),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
  /** What would refuse publication now (empty: it can be published). */
  issues: z.array(issue),
});
export const themeAdminList = z.object({ items: z.array(themeAdminView) });

export type ThemeSummary = z.output<typeof themeSummary>;
export type ThemeList = z.output<typeof themeList>;
export type ThemeDetail = z.output<typeof themeDetail>;
export type ThemeAdminView = z.output<typeof themeAdminView>;
export type ThemeAdminList = z.output<typeof themeAdminList>;
