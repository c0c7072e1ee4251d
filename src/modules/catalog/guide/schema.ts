import { z } from 'zod';
import { localName, localProse, phone } from '../localText.js';
import {
  baseRegistries,
  crossRegionScopes,
  exerciseLevels,
  limitUnits,
  materialForms,
  materialMedia,
  materialSources,
  powerSources,
  resultTypes,
  specialProcedureKinds,
  type GuideData,
  type MaterialSpec,
} from './types.js';

/**
 * The guide's input. The elements added with the full GB/T 39554 list are optional here, so a
 * department can publish what it has; `consistency.ts` then says what is missing (a warning) and
 * what contradicts (an error, which refuses). Texts are in both languages.
 */

/** A link in a guide: an https address, or a path on this site (static files under /guide-files/). */
export const guideUrl = z
  .string()
  .trim()
  .max(500)
  .regex(/^(https:\/\/[^\s]+|\/[^/\s][^\s]*)$/, 'URL_PATTERN');

const option = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, 'BAD_OPTION');

const legalBasis = z.union([
  z.object({ name: localProse, article: localName.optional(), text: localProse.optional() }),
  // The first release's plain text (the whole citation): still taken, read as the name (view.ts).
  localProse,
]);

export const guideSchema = z.object({
  legalBasis: z.array(legalBasis).min(1, 'REQUIRED').max(50),
  audience: localProse,
  conditions: z.array(localProse).max(50),
  process: z.array(localProse).min(1, 'REQUIRED').max(50),
  caseKind: option(['immediate', 'promised']),
  place: localProse,
  hours: localProse,
  contactPhone: phone,
  complaintPhone: phone,
  visits: z.number().int().min(0).max(10),
  fees: z.array(z.object({ name: localName, amountFen: z.number().int().min(0), basis: localProse.optional() })).max(50),
  result: localProse,

  exerciseLevel: option(exerciseLevels).optional(),
  powerSource: option(powerSources).optional(),
  powerSourceNote: localProse.optional(),
  implementingBody: localName.optional(),
  legalLimitUnit: option(limitUnits).optional(),
  legalLimitNote: localProse.optional(),
  promisedLimitUnit: option(limitUnits).optional(),
  promisedLimitNote: localProse.optional(),
  onlineUrl: guideUrl.optional(),
  visitReason: localProse.optional(),
  feeWaivers: z.array(z.object({ description: localProse, basis: localProse.optional() })).max(20).optional(),
  resultType: option(resultTypes).optional(),
  resultSampleUrl: guideUrl.optional(),
  intermediaryServices: z.array(z.object({ name: localName, required: z.boolean(), basis: localProse.optional() })).max(20).optional(),
  specialProcedures: z
    .array(z.object({ kind: option(specialProcedureKinds), name: localName, limit: z.number().int().min(0).max(3650).optional(), unit: option(limitUnits).optional(), note: localProse.optional() }))
    .max(20)
    .optional(),
  crossRegion: option(crossRegionScopes).optional(),
  consultAddress: localProse.optional(),
  consultUrl: guideUrl.optional(),
  complaintAddress: localProse.optional(),
  complaintUrl: guideUrl.optional(),
  faq: z.array(z.object({ question: localProse, answer: localProse })).max(50).optional(),
});

export const materialSchema = z.object({
  code: z.string().trim().regex(/^[A-Z][A-Z0-9]{1,15}$/, 'MATERIAL_CODE_PATTERN'),
  name: localName,
  required: z.boolean(),
  description: localProse,
  // Empty for a material the platform reads itself; an uploaded one without formats is refused by the checker.
  accept: z.array(option(['pdf', 'png', 'jpg'])).max(3),
  maxBytes: z.number().int().min(1).max(100 * 1024 * 1024),
  source: option(materialSources).optional(),
  licenceTypeCode: z.string().trim().regex(/^[0-9A-Z]{21}$/, 'LICENCE_TYPE_CODE').optional(),
  registry: option(baseRegistries).optional(),
  form: option(materialForms).optional(),
  copies: z.number().int().min(0).max(99).optional(),
  medium: option(materialMedia).optional(),
  blankFormUrl: guideUrl.optional(),
  sampleUrl: guideUrl.optional(),
});

// The stored shapes are what the schemas produce (checked here, so the two cannot drift).
type Assignable<A, B extends A> = B;
export type _GuideOut = Assignable<GuideData, z.output<typeof guideSchema>>;
export type _MaterialOut = Assignable<MaterialSpec, z.output<typeof materialSchema>>;
