import { z } from 'zod';
import { localName, localProse, phone } from '../localText.js';

export const guideSchema = z.object({
  legalBasis: z.array(localProse).min(1, 'REQUIRED').max(50),
  audience: localProse,
  conditions: z.array(localProse).max(50),
  process: z.array(localProse).min(1, 'REQUIRED').max(50),
  caseKind: z.enum(['immediate', 'promised'], 'BAD_OPTION'),
  place: localProse,
  hours: localProse,
  contactPhone: phone,
  complaintPhone: phone,
  visits: z.number().int().min(0).max(10),
  fees: z.array(z.object({ name: localName, amountFen: z.number().int().min(0), basis: localProse })).max(50),
  result: localProse,
});

export const materialSchema = z.object({
  code: z.string().trim().regex(/^[A-Z][A-Z0-9]{1,15}$/, 'MATERIAL_CODE_PATTERN'),
  name: localName,
  required: z.boolean(),
  description: localProse,
  accept: z.array(z.enum(['pdf', 'png', 'jpg'], 'BAD_OPTION')).min(1, 'REQUIRED'),
  maxBytes: z.number().int().min(1).max(100 * 1024 * 1024),
});
