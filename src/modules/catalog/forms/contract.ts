import { z } from 'zod';
import { formFieldTypes } from './types.js';

/** A form definition as the portal renders it, in the reader's language. */
export const formView = z.object({
  fields: z.array(
    z.object({
      name: z.string(),
      label: z.string(),
      type: z.enum(formFieldTypes),
      required: z.boolean(),
      maxLength: z.number().int().optional(),
      pattern: z.string().optional(),
      min: z.number().optional(),
      max: z.number().optional(),
      options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
      help: z.string().optional(),
    }),
  ),
});
