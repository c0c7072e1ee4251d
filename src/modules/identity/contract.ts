import { z } from 'zod';
import { checkCreditCode, checkIdNumber } from '../../lib/identifiers.js';
import { containsPersonalDigits, passwordProblem } from './passwordPolicy.js';
import { staffRoles } from './tables.js';
import { nameText } from '../../lib/text.js';

/** A national identifier checked by `check`; issue messages are field-message codes the error handler localises. */
function checkedIdentifier(check: (input: string) => { ok: true; value: string } | { ok: false; code: string }) {
  return z.string().trim().transform((value, ctx) => {
    const r = check(value);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.code });
      return z.NEVER;
    }
    return r.value;
  });
}

export const idNumberSchema = checkedIdentifier((v) => checkIdNumber(v));
export const creditCodeSchema = checkedIdentifier(checkCreditCode);

export const phoneSchema = z.string().trim().regex(/^1[3-9]\d{9}$/, 'PHONE');

/** A new password on its own (length, simple patterns, common passwords, letters and digits). */
export const passwordSchema = z.string().superRefine((p, ctx) => {
  const problem = passwordProblem(p);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const registerBody = z
  .object({
    name: nameText(50),
    idNumber: idNumberSchema,
    phone: phoneSchema,
    password: passwordSchema,
  })
  // Runs once every field is valid: the password may not carry the person's own numbers.
  .superRefine((v, ctx) => {
    if (containsPersonalDigits(v.password, [v.phone, v.idNumber])) ctx.addIssue({ code: 'custom', path: ['password'], message: 'PASSWORD_PERSONAL' });
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
  /** Set while a password someone else chose must be changed (nothing else is allowed meanwhile). */
  mustChangePassword: z.boolean().optional(),
  /** Present while the person acts for an enterprise or another person. */
  actingFor: z
    .object({
      id: z.string().uuid(),
      kind: z.enum(['person', 'entity']),
      name: z.string(),
      level: z.number().int(),
      authorisationId: z.string().uuid(),
      itemCodes: z.array(z.string()).nullable(),
    })
    .optional(),
});

export const userResponse = z.object({ user: userOut });

/** Answer to a staff member's correct password: no session yet, a code went to their phone. */
export const secondFactorResponse = z.object({
  secondFactor: z.literal('sms'),
  challengeId: z.string().uuid(),
  maskedPhone: z.string(),
  /** Ways to answer it: the SMS code, and a passkey when the staff member has one. */
  methods: z.array(z.enum(['sms', 'passkey'])),
});
