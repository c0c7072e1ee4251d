import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor, Tx } from '../../db/client.js';
import { DomainError, isUniqueViolation, type FieldIssue } from '../../lib/errors.js';
import { checkCreditCode } from '../../lib/identifiers.js';
import { nameText } from '../../lib/text.js';
import { uuidv7 } from '../../lib/uuid.js';
import { parseInput } from '../../lib/validate.js';
import { getDepartment } from '../identity/index.js';
import { appendAudit } from '../supervision/index.js';
import { licenceTypes } from './tables.js';

const localName = z.object({ zh: nameText(100), en: nameText(200) });

/** Where a face field's value comes from at issuance (see `faceValue` in service.ts). */
const faceSource = z.string().regex(/^(applicant\.(name|idNumber)|form\.[a-z][A-Za-z0-9]{0,39}|case\.caseNo|issuer\.name)$/, 'FACE_SOURCE');

/**
 * GB/T 36904 licence type code: the defining authority's unified social credit code (GB 32100,
 * check character right) followed by a 3-digit sequence number.
 */
const typeCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine((c) => /^[0-9A-Z]{18}\d{3}$/.test(c) && checkCreditCode(c.slice(0, 18)).ok, 'LICENCE_TYPE_CODE');

export const newLicenceTypeSchema = z
  .object({
    code: typeCode,
    departmentId: z.string().uuid(),
    name: localName,
    /** Years a certificate stays valid; null = without end. */
    validityYears: z.number().int().min(1).max(100).nullable(),
    faceFields: z
      .array(z.object({ key: z.string().regex(/^[a-z][A-Za-z0-9]{0,39}$/, 'FACE_KEY_PATTERN'), label: localName, source: faceSource }))
      .min(1, 'REQUIRED')
      .max(50),
  })
  .superRefine((v, ctx) => {
    const keys = v.faceFields.map((f) => f.key);
    keys.forEach((k, i) => {
      if (keys.indexOf(k) < i) ctx.addIssue({ code: 'custom', path: ['faceFields', i, 'key'], message: 'DUPLICATE' });
    });
  });

export type NewLicenceType = z.input<typeof newLicenceTypeSchema>;

/**
 * Defines a kind of e-certificate a department issues, inside the caller's transaction, with its
 * audit event. Who may define it is the caller's policy; this checks the type itself: a GB/T 36904
 * code not yet used, face fields the issuance can fill, an issuing department that exists.
 */
export async function createLicenceType(tx: Tx, input: NewLicenceType, opts: { actorAccountId: string | null }) {
  const type = parseInput(newLicenceTypeSchema, input);
  const invalid = (issue: FieldIssue) => new DomainError('VALIDATION', {}, [issue]);
  if (!(await getDepartment(tx, type.departmentId))) throw invalid({ path: 'departmentId', code: 'DEPARTMENT_UNKNOWN' });
  const [taken] = await tx.select({ id: licenceTypes.id }).from(licenceTypes).where(eq(licenceTypes.code, type.code)).limit(1);
  if (taken) throw invalid({ path: 'code', code: 'LICENCE_TYPE_CODE_TAKEN' });
  const id = uuidv7();
  try {
    const [row] = await tx.insert(licenceTypes).values({ id, ...type }).returning();
    await appendAudit(tx, {
      actorAccountId: opts.actorAccountId,
      action: 'licence_type.create',
      entityType: 'licence_type',
      entityId: id,
      detail: { code: type.code, departmentId: type.departmentId },
    });
    return row!;
  } catch (e) {
    if (isUniqueViolation(e)) throw invalid({ path: 'code', code: 'LICENCE_TYPE_CODE_TAKEN' });
    throw e;
  }
}

/** Whether a code names a licence type: the lookup the catalogue is given to check an item's result. */
export async function licenceTypeExists(db: Executor, code: string): Promise<boolean> {
  const [row] = await db.select({ id: licenceTypes.id }).from(licenceTypes).where(eq(licenceTypes.code, code)).limit(1);
  return !!row;
}
