import { z } from 'zod';

/**
 * An error answer: RFC 9457 problem+json, written in one place (server/plugins/errors.ts), its
 * title and detail in the request's language. `code` is stable (`CASE_NOT_ACCEPTABLE`); `errors`
 * lists the fields that failed validation.
 */
export const problemOut = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type Problem = z.output<typeof problemOut>;
export type FieldError = NonNullable<Problem['errors']>[number];
