import { z } from 'zod';
import { passwordSchema } from './contract.js';
import { containsPersonalDigits } from './passwordPolicy.js';
import { hashPassword } from './passwords.js';

/**
 * The credential of a provisioned account: a password, checked by the password policy like one a
 * person chooses, or the Argon2 hash an import brings from the former system (and the demo seed,
 * whose public demo password no policy would let through).
 */
export const provisionedPassword = {
  password: passwordSchema.optional(),
  passwordHash: z.string().regex(/^\$argon2id\$/, 'INVALID').optional(),
};

type Credential = { password?: string | undefined; passwordHash?: string | undefined };

/** Exactly one of the two, and a password without the account's own numbers in it. */
export function checkProvisionedPassword(v: Credential, personal: string[], ctx: z.RefinementCtx) {
  if ((v.password === undefined) === (v.passwordHash === undefined)) ctx.addIssue({ code: 'custom', path: ['password'], message: 'REQUIRED' });
  else if (v.password !== undefined && containsPersonalDigits(v.password, personal)) ctx.addIssue({ code: 'custom', path: ['password'], message: 'PASSWORD_PERSONAL' });
}

export const storedPasswordHash = (v: Credential): Promise<string> => (v.passwordHash !== undefined ? Promise.resolve(v.passwordHash) : hashPassword(v.password!));
