import { z } from 'zod';
import { localName } from '../localText.js';
import { formFieldTypes } from './types.js';

export const fieldSchema = z.object({
  name: z.string().regex(/^[a-z][A-Za-z0-9]{0,39}$/, 'FORM_FIELD_NAME_PATTERN'),
  label: localName,
  type: z.enum(formFieldTypes, 'BAD_OPTION'),
  required: z.boolean(),
  maxLength: z.number().int().min(1).max(10000).optional(),
  pattern: z.string().max(200).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  options: z.array(z.object({ value: z.string().trim().min(1, 'REQUIRED').max(100), label: localName })).min(1, 'REQUIRED').max(200).optional(),
  help: localName.optional(),
});
