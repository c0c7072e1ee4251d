import { z } from 'zod';
import { isRegionCode } from '../../lib/identifiers.js';
import { containsPersonalDigits } from './passwordPolicy.js';
import { staffRoles } from './schema.js';
import { creditCodeSchema, passwordSchema, phoneSchema } from './schemas.js';

/** Staff administration in and out; issue messages are field-message codes localised at the edge. */

const localText = z.object({
  zh: z.string().trim().min(1, 'REQUIRED').max(100),
  en: z.string().trim().min(1, 'REQUIRED').max(200),
});

export const regionCodeSchema = z.string().trim().refine(isRegionCode, 'REGION_CODE');

export const departmentBody = z.object({
  parentId: z.string().uuid().nullable(),
  code: z.string().trim().toUpperCase().regex(/^[A-Z][A-Z0-9-]{1,31}$/, 'DEPT_CODE_PATTERN'),
  name: localText,
  creditCode: creditCodeSchema,
  regionCode: regionCodeSchema,
});

export const renameBody = z.object({ name: localText });

export const usernameSchema = z.string().trim().toLowerCase().regex(/^[a-z][a-z0-9._-]{2,31}$/, 'USERNAME_PATTERN');

export const staffBody = z
  .object({
    departmentId: z.string().uuid(),
    name: z.string().trim().min(1, 'REQUIRED').max(50),
    username: usernameSchema,
    phone: phoneSchema,
    password: passwordSchema,
  })
  .superRefine((v, ctx) => {
    if (containsPersonalDigits(v.password, [v.phone])) ctx.addIssue({ code: 'custom', path: ['password'], message: 'PASSWORD_PERSONAL' });
  });

export const grantBody = z.object({ role: z.enum(staffRoles, 'BAD_OPTION'), departmentId: z.string().uuid() });

export const departmentOut = z.object({
  id: z.string().uuid(),
  parentId: z.string().uuid().nullable(),
  code: z.string(),
  name: z.object({ zh: z.string(), en: z.string() }),
  creditCode: z.string(),
  regionCode: z.string(),
});

export const staffOut = z.object({
  id: z.string().uuid(),
  name: z.string(),
  username: z.string(),
  maskedPhone: z.string().nullable(),
  active: z.boolean(),
  departmentId: z.string().uuid(),
  roles: z.array(
    z.object({
      role: z.enum(staffRoles),
      departmentId: z.string().uuid(),
      departmentName: z.string(),
      grantedAt: z.string(),
      grantedBy: z.string().nullable(),
    }),
  ),
  manageable: z.boolean(),
});
