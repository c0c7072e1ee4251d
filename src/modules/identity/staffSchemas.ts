import { z } from 'zod';
import { checkDivision } from '../../lib/divisions.js';
import { containsPersonalDigits } from './passwordPolicy.js';
import { staffRoles } from './tables.js';
import { creditCodeSchema, passwordSchema, phoneSchema } from './contract.js';
import { nameText } from '../../lib/text.js';

/** Staff administration in and out; issue messages are field-message codes localised at the edge. */

const localText = z.object({
  zh: nameText(100),
  en: nameText(200),
});

/** A current GB/T 2260 division: not a made-up code (620199) nor a development-zone pseudo-code (620171). */
export const regionCodeSchema = z.string().trim().superRefine((v, ctx) => {
  const r = checkDivision(v);
  if (!r.ok) ctx.addIssue({ code: 'custom', message: r.code });
});

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
    name: nameText(50),
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
  /** The division's own name (城关区) and its names from the province down (甘肃省兰州市城关区); null if the code is no longer a current division. */
  regionName: z.string().nullable(),
  regionFullName: z.string().nullable(),
});

export const regionsQuery = z.object({ within: z.string().regex(/^\d{6}$/, 'REGION_CODE').optional() });
export const regionsOut = z.object({
  within: z.string(),
  source: z.string(),
  items: z.array(z.object({ code: z.string(), name: z.string(), fullName: z.string() })),
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
