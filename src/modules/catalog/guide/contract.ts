import { z } from 'zod';

/** A code of the guide with its label in the reader's language. */
const coded = z.object({ code: z.string(), label: z.string() });

/**
 * The guide (办事指南) as the portal shows it, in the reader's language, every GB/T 39554 element.
 * Elements a stored guide lacks come as null (or empty lists), except where a default is the
 * honest reading: limits in working days (what the case clock counts), cross-region scope
 * "not available", a material's source "provided by the applicant" (it was always uploaded).
 */
export const guideView = z.object({
  legalBasis: z.array(z.object({ name: z.string(), article: z.string().nullable(), text: z.string().nullable() })),
  /** 实施主体 when it is not the department itself; null: the department. */
  implementingBody: z.string().nullable(),
  exerciseLevel: coded.nullable(),
  powerSource: coded.nullable(),
  powerSourceNote: z.string().nullable(),
  audience: z.string(),
  conditions: z.array(z.string()),
  process: z.array(z.string()),
  caseKind: z.string(),
  caseKindCode: z.enum(['immediate', 'promised']),
  place: z.string(),
  hours: z.string(),
  legalLimitUnit: coded,
  legalLimitNote: z.string().nullable(),
  promisedLimitUnit: coded,
  promisedLimitNote: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  visits: z.number().int(),
  visitReason: z.string().nullable(),
  fees: z.array(z.object({ name: z.string(), amountFen: z.number().int(), basis: z.string().nullable() })),
  feeWaivers: z.array(z.object({ description: z.string(), basis: z.string().nullable() })),
  result: z.string(),
  resultType: coded.nullable(),
  resultSampleUrl: z.string().nullable(),
  intermediaryServices: z.array(z.object({ name: z.string(), required: z.boolean(), basis: z.string().nullable() })),
  specialProcedures: z.array(z.object({ kind: coded, name: z.string(), limit: z.number().int().nullable(), unit: coded, note: z.string().nullable() })),
  crossRegion: coded,
  contactPhone: z.string(),
  consultAddress: z.string().nullable(),
  consultUrl: z.string().nullable(),
  complaintPhone: z.string(),
  complaintAddress: z.string().nullable(),
  complaintUrl: z.string().nullable(),
  faq: z.array(z.object({ question: z.string(), answer: z.string() })),
});

/** An item's materials (申请材料) as the portal shows them. */
export const materialView = z.object({
  code: z.string(),
  name: z.string(),
  required: z.boolean(),
  description: z.string(),
  accept: z.array(z.string()),
  maxBytes: z.number().int(),
  source: coded,
  /** Read by the platform (licence library, base registry): not uploaded, not asked for (免提交). */
  fetched: z.boolean(),
  licenceTypeCode: z.string().nullable(),
  registry: coded.nullable(),
  form: coded.nullable(),
  copies: z.number().int().nullable(),
  medium: coded.nullable(),
  blankFormUrl: z.string().nullable(),
  sampleUrl: z.string().nullable(),
});

/** One problem of the consistency report, its message in the reader's language. */
export const consistencyProblemView = z.object({
  rule: z.string(),
  severity: z.enum(['error', 'warning']),
  path: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  message: z.string(),
});

/** GET /api/catalog/consistency: each item the reader administers, with its problems. */
export const consistencyReport = z.object({
  items: z.array(
    z.object({
      id: z.string().uuid(),
      code: z.string(),
      name: z.string(),
      published: z.boolean(),
      department: z.object({ id: z.string().uuid(), name: z.string() }),
      errors: z.number().int(),
      warnings: z.number().int(),
      problems: z.array(consistencyProblemView),
    }),
  ),
});

export type ConsistencyReport = z.output<typeof consistencyReport>;
export type ConsistencyItem = ConsistencyReport['items'][number];
export type ConsistencyProblemView = z.output<typeof consistencyProblemView>;
