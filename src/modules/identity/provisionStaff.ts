import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../db/client.js';
import { DomainError, isUniqueViolation, type FieldIssue } from '../../lib/errors.js';
import { blindIndexes, protectedIdentifiers } from '../../lib/pii.js';
import { uuidv7 } from '../../lib/uuid.js';
import { parseInput } from '../../lib/validate.js';
import { appendAudit } from '../supervision/index.js';
import { nameText } from '../../lib/text.js';
import { phoneSchema, usernameSchema } from './contract.js';
import { checkProvisionedPassword, provisionedPassword, storedPasswordHash } from './provisionedPassword.js';
import { accountRoles, accounts, departments, staffRoles } from './tables.js';

const provisionStaffSchema = z
  .object({
    departmentId: z.string().uuid(),
    name: nameText(50),
    username: usernameSchema,
    phone: phoneSchema,
    ...provisionedPassword,
    /** Roles in the home unit. */
    roles: z.array(z.enum(staffRoles, 'BAD_OPTION')).default([]),
    /** An imported or demo account keeps its password; one set for someone else must be changed at first sign-in. */
    mustChangePassword: z.boolean().default(true),
  })
  .superRefine((v, ctx) => checkProvisionedPassword(v, [v.phone], ctx));

export type ProvisionStaffInput = z.input<typeof provisionStaffSchema>;

/**
 * A staff account with its roles in its home unit, set up by the installation (the demo seed, an
 * import, tests), inside the caller's transaction, with its audit events (`staff.create`, one
 * `role.grant` per role, granted by nobody). The account itself obeys the same rules as one an
 * admin creates: user name and mobile free, the password policy (or a hash an import brings). Returns the account id.
 */
export async function provisionStaff(tx: Tx, input: ProvisionStaffInput, opts: { actorAccountId?: string | null } = {}): Promise<string> {
  const s = parseInput(provisionStaffSchema, input);
  const by = opts.actorAccountId ?? null;
  const invalid = (issue: FieldIssue) => new DomainError('VALIDATION', {}, [issue]);
  const [unit] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.id, s.departmentId)).limit(1);
  if (!unit) throw invalid({ path: 'departmentId', code: 'DEPARTMENT_UNKNOWN' });
  const [userTaken] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, s.username)).limit(1);
  if (userTaken) throw invalid({ path: 'username', code: 'USERNAME_TAKEN' });
  const [phoneTaken] = await tx.select({ id: accounts.id }).from(accounts).where(inArray(accounts.phoneBidx, blindIndexes('phone', s.phone))).limit(1);
  if (phoneTaken) throw invalid({ path: 'phone', code: 'PHONE_TAKEN' });
  const id = uuidv7();
  try {
    await tx.insert(accounts).values({
      id,
      kind: 'staff',
      name: s.name,
      username: s.username,
      ...protectedIdentifiers(id, { phone: s.phone }),
      passwordHash: await storedPasswordHash(s),
      passwordMustChange: s.mustChangePassword,
      departmentId: s.departmentId,
      level: 3,
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError('CONFLICT');
    throw e;
  }
  await appendAudit(tx, { actorAccountId: by, action: 'staff.create', entityType: 'account', entityId: id, detail: { username: s.username, departmentId: s.departmentId } });
  for (const role of [...new Set(s.roles)]) {
    await tx.insert(accountRoles).values({ accountId: id, role, departmentId: s.departmentId, grantedBy: by });
    await appendAudit(tx, { actorAccountId: by, action: 'role.grant', entityType: 'account', entityId: id, detail: { role, departmentId: s.departmentId, grantedBy: by } });
  }
  return id;
}
