import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '../../db/client.js';
import { DomainError, isUniqueViolation, type FieldIssue } from '../../lib/errors.js';
import { blindIndexes, protectedIdentifiers } from '../../lib/pii.js';
import { nameText } from '../../lib/text.js';
import { uuidv7 } from '../../lib/uuid.js';
import { parseInput } from '../../lib/validate.js';
import { appendAudit } from '../supervision/index.js';
import { creditCodeSchema, idNumberSchema, phoneSchema } from './contract.js';
import { checkProvisionedPassword, provisionedPassword, storedPasswordHash } from './provisionedPassword.js';
import { accounts, authorisations } from './tables.js';

const level = z.number().int().min(1).max(3);

const personSchema = z
  .object({ kind: z.literal('person'), name: nameText(50), idNumber: idNumberSchema, phone: phoneSchema, ...provisionedPassword, level })
  .superRefine((v, ctx) => checkProvisionedPassword(v, [v.phone, v.idNumber], ctx));

const entitySchema = z
  .object({
    kind: z.literal('entity'),
    name: nameText(100),
    creditCode: creditCodeSchema,
    phone: phoneSchema,
    ...provisionedPassword,
    level,
    /** The person's account that acts for it as legal representative (法定代表人), if known. */
    legalRepresentativeAccountId: z.string().uuid().optional(),
  })
  .superRefine((v, ctx) => checkProvisionedPassword(v, [v.phone], ctx));

const applicantSchema = z.discriminatedUnion('kind', [personSchema, entitySchema]);

export type ProvisionApplicantInput = z.input<typeof applicantSchema>;

/**
 * A person's or an enterprise's account set up by the installation (the demo seed, an import from
 * a former system, tests) at an assurance level it already checked, inside the caller's
 * transaction, with its audit event; an enterprise's legal representative gets the authorisation
 * to act for it. Identifiers are sealed like at registration. Returns the account id.
 */
export async function provisionApplicant(tx: Tx, input: ProvisionApplicantInput, opts: { actorAccountId?: string | null } = {}): Promise<string> {
  const a = parseInput(applicantSchema, input);
  const by = opts.actorAccountId ?? null;
  const invalid = (issue: FieldIssue) => new DomainError('VALIDATION', {}, [issue]);
  const [phoneTaken] = await tx.select({ id: accounts.id }).from(accounts).where(inArray(accounts.phoneBidx, blindIndexes('phone', a.phone))).limit(1);
  if (phoneTaken) throw invalid({ path: 'phone', code: 'PHONE_TAKEN' });
  const id = uuidv7();
  const passwordHash = await storedPasswordHash(a);
  try {
    if (a.kind === 'person') {
      await tx.insert(accounts).values({ id, kind: 'person', name: a.name, ...protectedIdentifiers(id, { idNumber: a.idNumber, phone: a.phone }), passwordHash, level: a.level });
    } else {
      await tx.insert(accounts).values({ id, kind: 'entity', name: a.name, creditCode: a.creditCode, ...protectedIdentifiers(id, { phone: a.phone }), passwordHash, level: a.level });
    }
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError('ACCOUNT_EXISTS');
    throw e;
  }
  await appendAudit(tx, { actorAccountId: by, action: 'account.provision', entityType: 'account', entityId: id, detail: { kind: a.kind, level: a.level } });
  if (a.kind === 'entity' && a.legalRepresentativeAccountId) {
    const rep = a.legalRepresentativeAccountId;
    const [person] = await tx.select({ id: accounts.id }).from(accounts).where(and(eq(accounts.id, rep), eq(accounts.kind, 'person'))).limit(1);
    if (!person) throw invalid({ path: 'legalRepresentativeAccountId', code: 'ACCOUNT_UNKNOWN' });
    const authorisationId = uuidv7();
    await tx.insert(authorisations).values({ id: authorisationId, principalAccountId: id, agentAccountId: rep, kind: 'legal_representative', grantedByAccountId: null });
    await appendAudit(tx, {
      actorAccountId: by,
      action: 'authorisation.granted',
      entityType: 'authorisation',
      entityId: authorisationId,
      detail: { principal: id, agent: rep, kind: 'legal_representative' },
    });
  }
  return id;
}
