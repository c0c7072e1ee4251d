import { hasRole, type Actor } from '../identity/service.js';
import { caseActions, canTransition, transitions, type CaseAction } from './stateMachine.js';
import type { CaseStatus } from './schema.js';

type CaseRef = { applicantAccountId: string; departmentId: string; status: CaseStatus };

/** The applicant, or staff of the case's department. Everyone else must not learn the case exists. */
export function canSeeCase(actor: Actor, c: CaseRef): boolean {
  if (c.applicantAccountId === actor.accountId) return true;
  return actor.kind === 'staff' && actor.roles.some((r) => r.departmentId === c.departmentId);
}

export function mayPerform(actor: Actor, c: CaseRef, action: CaseAction): boolean {
  const by = transitions[action].by;
  if (by === 'applicant') return c.applicantAccountId === actor.accountId;
  return actor.kind === 'staff' && hasRole(actor, by, c.departmentId);
}

export function allowedActions(actor: Actor, c: CaseRef): CaseAction[] {
  return caseActions.filter((a) => canTransition(c.status, a) && mayPerform(actor, c, a));
}

/** Applying for someone else at the window: a clerk of the item's own department. */
export function maySubmitAtHall(actor: Actor, departmentId: string): boolean {
  return actor.kind === 'staff' && hasRole(actor, 'clerk', departmentId);
}

export function canReadMaterials(actor: Actor, c: CaseRef): boolean {
  return canSeeCase(actor, c);
}

/** Departments whose queue of this kind the actor may list. */
export function departmentsWithRole(actor: Actor, role: 'clerk' | 'approver' | null): string[] {
  return [...new Set(actor.roles.filter((r) => role === null || r.role === role).map((r) => r.departmentId))];
}
