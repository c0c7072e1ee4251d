import { hasRole, type Actor } from '../identity/index.js';
import type { StaffRole } from '../identity/index.js';
import { caseActions, canTransition, transitions, type CaseAction } from './stateMachine.js';
import type { CaseStatus } from './tables.js';

type CaseRef = { applicantAccountId: string; departmentId: string; status: CaseStatus };

/**
 * The roles that handle cases, and so see their contents (form, applicant, materials), in their own
 * department only. Least privilege (GB/T 22239-2019 8.1.4.2, 最小权限): a department admin manages
 * staff, a catalogue admin items, a data officer data sharing — none of them needs an applicant's file.
 */
export const handlingRoles = ['clerk', 'approver'] as const satisfies readonly StaffRole[];

/**
 * How the actor may see a case:
 * - `applicant`: their own case (or their principal's, for an agent);
 * - `handler`: a clerk or approver of the case's department;
 * - `supervisor`: 电子监察 covers every department of the node, so a supervisor reads any case —
 *   read-only (they hold no handling role, so `mayPerform` refuses every action), and each read is
 *   written to the audit log (see `recordCaseRead`);
 * - null: anyone else, who must not learn that the case exists (answered as not found).
 */
export type CaseAccess = 'applicant' | 'handler' | 'supervisor';

export function caseAccess(actor: Actor, c: CaseRef): CaseAccess | null {
  if (c.applicantAccountId === actor.accountId) return 'applicant';
  if (actor.kind !== 'staff' || actor.agent) return null;
  if (handlingRoles.some((role) => hasRole(actor, role, c.departmentId))) return 'handler';
  if (actor.roles.some((r) => r.role === 'supervisor')) return 'supervisor';
  return null;
}

export function canSeeCase(actor: Actor, c: CaseRef): boolean {
  return caseAccess(actor, c) !== null;
}

export function mayPerform(actor: Actor, c: CaseRef, action: CaseAction): boolean {
  const by = transitions[action].by;
  if (by === 'platform') return false;
  if (by === 'applicant') return c.applicantAccountId === actor.accountId;
  return actor.kind === 'staff' && hasRole(actor, by, c.departmentId);
}

export function allowedActions(actor: Actor, c: CaseRef): CaseAction[] {
  return caseActions.filter((a) => canTransition(c.status, a) && mayPerform(actor, c, a));
}

/** Materials follow the case: whoever may see the case may open its files, on the same terms. */
export function canReadMaterials(actor: Actor, c: CaseRef): boolean {
  return canSeeCase(actor, c);
}

/** Whether reading this case must leave an audit event: reads outside the handling path do. */
export function isAuditedRead(actor: Actor, c: CaseRef): boolean {
  return caseAccess(actor, c) === 'supervisor';
}

/**
 * Departments whose queue of this kind the actor may list: `clerk` (intake), `approver`
 * (approval), or null for the department tab, which any handling role of the department sees.
 */
export function departmentsWithRole(actor: Actor, role: (typeof handlingRoles)[number] | null): string[] {
  if (actor.kind !== 'staff' || actor.agent) return [];
  const roles: readonly StaffRole[] = role === null ? handlingRoles : [role];
  return [...new Set(actor.roles.filter((r) => roles.includes(r.role)).map((r) => r.departmentId))];
}

/**
 * What counts against an account's upload quota: for applicants every recent upload and every
 * unattached one; for staff (a clerk uploads for each walk-in at the hall) only unattached ones.
 */
export function uploadQuotaCountsAttached(actor: Actor): boolean {
  return actor.kind !== 'staff';
}
