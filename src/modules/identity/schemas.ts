import { z } from 'zod';
import { checkIdNumber } from '../../lib/identifiers.js';
import { staffRoles } from './schema.js';

/** Issue messages are field-message codes; the error handler localises them. */
export const idNumberSchema = z.string().trim().transform((value, ctx) => {
  const r = checkIdNumber(value);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: r.code });
    return z.NEVER;
  }
  return r.value;
});

export const phoneSchema = z.string().trim().regex(/^1[3-9]\d{9}$/, 'PHONE');

export const passwordSchema = z
  .string()
  .min(8, 'PASSWORD_WEAK')
  .max(128, 'PASSWORD_WEAK')
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), 'PASSWORD_WEAK');

export const registerBody = z.object({
  name: z.string().trim().min(1, 'REQUIRED').max(50),
  idNumber: idNumberSchema,
  phone: phoneSchema,
  password: passwordSchema,
});
export type RegisterInput = z.infer<typeof registerBody>;

export const loginBody = z.object({
  username: z.string().trim().min(1, 'REQUIRED').max(64),
  password: z.string().min(1, 'REQUIRED').max(128),
});

export const userOut = z.object({
  id: z.string().uuid(),
  kind: z.enum(['person', 'entity', 'staff']),
  name: z.string(),
  maskedIdNumber: z.string().optional(),
  level: z.number().int(),
  roles: z.array(z.enum(staffRoles)),
  department: z.object({ id: z.string().uuid(), name: z.string() }).optional(),
});

export const userResponse = z.object({ user: userOut });
