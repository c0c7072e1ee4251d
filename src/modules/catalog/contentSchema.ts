import { z } from 'zod';
import { fieldSchema, formDefinitionIssues } from './forms/schema.js';
import { flowSchema } from './flow/schema.js';
import { checkConsistency } from './guide/consistency.js';
import { guideSchema, materialSchema } from './guide/schema.js';
import { localName } from './localText.js';
import { enterpriseStages, lifeEvents } from './topics.js';

/** Item types of the basic catalogue (基本目录): the ten kinds of administrative power, public service, other. */
export const itemTypes = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '20', '99'] as const;

/** The fields of a catalogue entry's content, as an admin or an import supplies them. */
export const contentShape = {
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
  topics: z
    .object({ lifeEvents: z.array(z.enum(lifeEvents, 'BAD_OPTION')).max(lifeEvents.length).optional(), enterpriseStages: z.array(z.enum(enterpriseStages, 'BAD_OPTION')).max(enterpriseStages.length).optional() })
    .strict()
    .default({}),
  /** The approval flow; absent: one approval step by the implementing department. */
  flow: flowSchema.optional(),
};

type ContentInput = z.output<z.ZodObject<typeof contentShape>>;

/** A content as the admin API takes it (its consistency is checked by the use case, with every problem listed). */
export const contentInputSchema = z.object(contentShape);
export type CatalogContentInput = z.input<typeof contentInputSchema>;

/** The GB/T 39554 consistency checks, once every field is valid. */
export function contentRules(v: ContentInput, ctx: z.RefinementCtx) {
  const issue = (path: (string | number)[], message: string, params?: Record<string, string | number>) => ctx.addIssue({ code: 'custom', path, message, ...(params ? { params } : {}) });
  // The guide's consistency errors (guide/consistency.ts) refuse; its warnings do not.
  for (const p of checkConsistency(v)) if (p.severity === 'error') issue(p.path.split('.'), p.rule, p.params);
  dupes(v.materials.map((m) => m.code)).forEach((i) => issue(['materials', i, 'code'], 'DUPLICATE'));
  // The form definition's own checks (names, conditions, options, tables, limits, prefill).
  formDefinitionIssues(v.fields).forEach((i) => issue(['fields', ...i.path], i.code, i.params));
}

/** A catalogue entry's content (a basic item's baseline, a version's merge), checked as a whole. */
export const catalogContentSchema = z.object(contentShape).superRefine(contentRules);


/** Indexes of the entries that repeat an earlier one. */
function dupes(values: string[]): number[] {
  return values.flatMap((v, i) => (values.indexOf(v) < i ? [i] : []));
}
