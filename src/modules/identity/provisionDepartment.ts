import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Tx } from '../../db/client.js';
import { DomainError, isUniqueViolation, type FieldIssue } from '../../lib/errors.js';
import { regionWithin } from '../../lib/identifiers.js';
import { uuidv7 } from '../../lib/uuid.js';
import { parseInput } from '../../lib/validate.js';
import { appendAudit } from '../supervision/index.js';
import { departmentBody } from './contract.js';
import { departments } from './tables.js';

export type ProvisionDepartmentInput = z.input<typeof departmentBody>;

/**
 * A unit of the department tree set up by the installation (the demo seed, an import of the
 * node's organisation, tests), inside the caller's transaction, with its audit event. The same
 * rules as an admin's `createDepartment` apply to the unit itself: a current GB/T 2260 division
 * inside the parent's (or, at the root, the node's), a free code and credit code. Who may do it is
 * the caller's business: nobody signed in can, there is no route to this.
 */
export async function provisionDepartment(tx: Tx, input: ProvisionDepartmentInput, opts: { nodeRegion: string; actorAccountId?: string | null }) {
  const d = parseInput(departmentBody, input);
  const invalid = (issue: FieldIssue) => new DomainError('VALIDATION', {}, [issue]);
  let outer = opts.nodeRegion;
  if (d.parentId) {
    const [parent] = await tx.select({ regionCode: departments.regionCode }).from(departments).where(eq(departments.id, d.parentId)).limit(1);
    if (!parent) throw invalid({ path: 'parentId', code: 'DEPARTMENT_UNKNOWN' });
    outer = parent.regionCode;
  }
  if (!regionWithin(d.regionCode, outer)) throw invalid({ path: 'regionCode', code: 'REGION_OUTSIDE', params: { region: outer } });
  const [codeTaken] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.code, d.code)).limit(1);
  if (codeTaken) throw invalid({ path: 'code', code: 'DEPT_CODE_TAKEN' });
  const [creditTaken] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.creditCode, d.creditCode)).limit(1);
  if (creditTaken) throw invalid({ path: 'creditCode', code: 'CREDIT_CODE_TAKEN' });
  const id = uuidv7();
  try {
    const [row] = await tx.insert(departments).values({ id, ...d }).returning();
    await appendAudit(tx, {
      actorAccountId: opts.actorAccountId ?? null,
      action: 'department.create',
      entityType: 'department',
      entityId: id,
      detail: { code: d.code, parentId: d.parentId, regionCode: d.regionCode },
    });
    return row!;
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError('CONFLICT');
    throw e;
  }
}
