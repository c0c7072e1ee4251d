import { z } from 'zod';

/** The guide (办事指南) as the portal shows it, in the reader's language. */
export const guideView = z.object({
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
});

/** An item's materials (申请材料) as the portal shows them. */
export const materialView = z.object({
  code: z.string(),
  name: z.string(),
  required: z.boolean(),
  description: z.string(),
  accept: z.array(z.string()),
  maxBytes: z.number().int(),
});
