import { hasRole, type Actor } from '../identity/index.js';
import type { StaffRole } from '../identity/index.js';
import { caseActions, canTransition, clockAllows, transitions, type CaseAction, type ClockState } from './stateMachine.js';
import type { CaseStatus, CaseTaskStatus } from './tables.js';

/** An approval task of the case as the policy reads it: whose it is and whether it is open. */
export type TaskRef = { departmentId: string; status: CaseTaskStatus };

/**
 * What the policy reads of a case. `tasks` are its approval tasks (see flow/tasks.ts `loadTasks`);
 * a caller that passes none gives the participating departments no access.
 */
export type CaseRef = { applicantAccountId: string; departmentId: string; status: CaseStatus; tasks?: readonly TaskRef[] };

/** The approval actions: each is taken on a task the actor's department holds open. */
const taskActions: readonly CaseAction[] = ['approve', 'deny', 'return', 'transfer_task'];

/**
 * Departments that took part in the case's flow: any task, open, decided, or closed by a return —
 * but not one handed on (转办, `transferred`): the department that gave its task away loses the case.
 */
const taskDepartments = (c: CaseRef) => (c.tasks ?? []).filter((t) => t.status !== 'transferred').map((t) => t.departmentId);
const openTaskDepartments = (c: CaseRef) => (c.tasks ?? []).filter((t) => t.status === 'open').map((t) => t.departmentId);

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
 *   A department head (`head`) is a handler too: they decide extensions (延期) of their department's cases;
 * - `participant`: an approver of another department that holds a task of the case's flow (并联审批),
 *   open, decided or closed by a return — they read this case, not the owning department's others;
 * - `supervisor`: 电子监察 covers every department of the node, so a supervisor reads any case —
 *   read-only (they hold no handling role, so `mayPerform` refuses every action), and each read is
 *   written to the audit log (see `recordCaseRead`);
 * - null: anyone else, who must not learn that the case exists (answered as not found).
 */
export type CaseAccess = 'applicant' | 'handler' | 'participant' | 'supervisor';

export function caseAccess(actor: Actor, c: CaseRef): CaseAccess | null {
  if (c.applicantAccountId === actor.accountId) return 'applicant';
  if (actor.kind !== 'staff' || actor.agent) return null;
  if (handlingRoles.some((role) => hasRole(actor, role, c.departmentId))) return 'handler';
  if (hasRole(actor, 'head', c.departmentId)) return 'handler';
  if (taskDepartments(c).some((d) => hasRole(actor, 'approver', d))) return 'participant';
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
  if (actor.kind !== 'staff' || actor.agent) return false;
  // Approval is decided task by task: by an approver of a department holding an open task.
  if (taskActions.includes(action)) return openTaskDepartments(c).some((d) => hasRole(actor, 'approver', d));
  return hasRole(actor, by, c.departmentId);
}

export function allowedActions(actor: Actor, c: CaseRef & ClockState): CaseAction[] {
  return caseActions.filter((a) => canTransition(c.status, a) && clockAllows(c, a) && mayPerform(actor, c, a));
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
  // The department tab is the department head's too (they decide its extensions).
  const roles: readonly StaffRole[] = role === null ? [...handlingRoles, 'head'] : [role];
  return [...new Set(actor.roles.filter((r) => roles.includes(r.role)).map((r) => r.departmentId))];
}

/**
 * What counts against an account's upload quota: for applicants every recent upload and every
 * unattached one; for staff (a clerk uploads for each walk-in at the hall) only unattached ones.
 */
export function uploadQuotaCountsAttached(actor: Actor): boolean {
  return actor.kind !== 'staff';
}

/**
 * A case's documents (受理通知书 …) are the applicant's and the handlers': the applicant (or their
 * agent) and the clerks and approvers of the case's department. Anyone else — a supervisor too,
 * who reads the case itself — is told they do not exist.
 */
export function canReadCaseDocuments(actor: Actor, c: CaseRef): boolean {
  const access = caseAccess(actor, c);
  return access === 'applicant' || access === 'handler';
}

/** A department's letterhead (short name in 文号, seal image) is set by that department's admin. */
export function maySetLetterhead(actor: Actor, departmentId: string): boolean {
  return actor.kind === 'staff' && !actor.agent && hasRole(actor, 'admin', departmentId);
}

/** 电子监察: the supervisor's list of yellow and red cases across every department of the node. */
export function maySeeAlarms(actor: Actor): boolean {
  return actor.kind === 'staff' && !actor.agent && actor.roles.some((r) => r.role === 'supervisor');
}
