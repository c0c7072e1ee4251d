import { z } from 'zod';
import { flowSchema } from '../flow/schema.js';
import { fieldSchema } from '../forms/schema.js';
import { guideSchema, materialSchema } from '../guide/schema.js';
import type { CatalogContent, CatalogOverrides, serviceItems } from '../tables.js';

/** The content columns of an implementation row, as one object. */
export function contentOf(row: typeof serviceItems.$inferSelect): CatalogContent {
  return {
    name: row.name,
    itemType: row.itemType,
    guide: row.guide,
    materials: row.materials,
    form: row.form,
    legalLimitDays: row.legalLimitDays,
    promisedLimitDays: row.promisedLimitDays,
    onlineDepth: row.onlineDepth,
    licenceTypeCode: row.licenceTypeCode,
    minLevel: row.minLevel,
    applicantKinds: row.applicantKinds,
    topics: row.topics,
  };
}

/**
 * The guide elements a region may set for itself (see `CatalogOverrides`), with the elements that
 * go with them: the reason for visits, the online address for the online depth, waivers for fees,
 * the promised limit's unit and explanation, the local consultation and complaint channels.
 */
export const overridableGuideKeys = ['caseKind', 'place', 'hours', 'contactPhone', 'complaintPhone', 'visits', 'fees', 'visitReason', 'onlineUrl', 'feeWaivers', 'promisedLimitUnit', 'promisedLimitNote', 'consultAddress', 'consultUrl', 'complaintAddress', 'complaintUrl'] as const;
/** The details of a material a region may set for itself. */
export const overridableMaterialKeys = ['description', 'accept', 'maxBytes'] as const;

const materialDetails = materialSchema.pick({ description: true, accept: true, maxBytes: true }).partial().strict();

/** A department's local settings, checked as input: only the overridable parts, each valid on its own. */
export const overridesSchema = z
  .object({
    promisedLimitDays: z.number().int().min(0).max(3650).optional(),
    onlineDepth: z.array(z.number().int().min(1).max(8)).max(8).optional(),
    guide: guideSchema.pick(Object.fromEntries(overridableGuideKeys.map((k) => [k, true])) as { [K in (typeof overridableGuideKeys)[number]]: true }).partial().strict().optional(),
    materials: z.record(z.string().regex(/^[A-Z][A-Z0-9]{1,15}$/, 'MATERIAL_CODE_PATTERN'), materialDetails).optional(),
    form: z.object({ fields: z.array(fieldSchema).max(100) }).optional(),
    flow: flowSchema.optional(),
  })
  .strict();

/**
 * The implementation as citizens see it: the baseline with the region's overrides laid over it.
 * A material override for a code the baseline does not have is refused by `checkOverrides`, not
 * silently dropped here.
 */
export function mergeContent(baseline: CatalogContent, overrides: CatalogOverrides): CatalogContent {
  const materialOverrides = overrides.materials ?? {};
  return {
    ...baseline,
    ...(overrides.promisedLimitDays !== undefined ? { promisedLimitDays: overrides.promisedLimitDays } : {}),
    ...(overrides.onlineDepth ? { onlineDepth: overrides.onlineDepth } : {}),
    guide: { ...baseline.guide, ...(overrides.guide ?? {}) },
    materials: baseline.materials.map((m) => ({ ...m, ...(materialOverrides[m.code] ?? {}) })),
    form: overrides.form ?? baseline.form,
    topics: baseline.topics ?? {},
    ...(overrides.flow ? { flow: overrides.flow } : {}),
  };
}

/** Overrides that name materials the baseline does not list. */
export function unknownMaterialOverrides(baseline: CatalogContent, overrides: CatalogOverrides): string[] {
  const known = new Set(baseline.materials.map((m) => m.code));
  return Object.keys(overrides.materials ?? {}).filter((code) => !known.has(code));
}
