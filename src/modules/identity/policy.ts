import { DomainError } from '../../lib/errors.js';
import type { Actor, SessionMethod } from './service.js';
import type { AccountKind } from './tables.js';

/**
 * Who may do what in identity: the one place these rules live (staff administration has its own,
 * `staffPolicy.ts`, re-exported here).
 *
 * - Things that are one's own (passkeys, authorisations one grants, enterprises one claims, one's
 *   real-name level) are done as oneself, never while acting for someone else (ACTING_AS_OTHER).
 * - Staff sign in with two factors: a session for a staff account opens only through the second step.
 * - Stepping up to L2 against the population registry is for persons.
 * - The in-person check that gives L3 (验证身份证原件) is a window clerk's: staff, acting as
 *   themselves, holding `clerk` in a department that runs a window (one whose services are received
 *   at the hall). A clerk role held anywhere else (the city government, the platform operator, a
 *   unit with no services) gives no right to vouch for who someone is.
 */
export { adminGrantableRoles, isPlatformAdmin, lineage, staffPolicy, type DepartmentTree, type StaffPolicy } from './staffPolicy.js';

/** Refuses while the actor acts for someone else. */
export function assertActingAsSelf(actor: Actor): Actor {
  if (actor.agent) throw new DomainError('ACTING_AS_OTHER');
  return actor;
}

/** Managing who acts for whom, and claiming enterprises: a person, as themselves. */
export function assertPersonAsSelf(actor: Actor): Actor {
  assertActingAsSelf(actor);
  if (actor.kind !== 'person') throw new DomainError('FORBIDDEN');
  return actor;
}

/** L1 → L2 by the population registry: a person, as themselves. */
export const assertMayStepUpWithRegistry = assertPersonAsSelf;

/** Staff accounts need the second factor: the password alone (or an SMS code, a passkey, a QR scan) opens no staff session. */
export const needsSecondFactor = (kind: AccountKind): boolean => kind === 'staff';

/** Whether a session may open for this account by this method (the last line of defence in `startSession`). */
export function maySessionOpen(actor: Pick<Actor, 'kind'>, method: SessionMethod): boolean {
  return !needsSecondFactor(actor.kind) || method === 'second_factor';
}

/**
 * The departments in which the actor may check a walk-in's ID card in person and raise them to L3:
 * those of the actor's clerk roles that run a window (`windowDepartmentIds`, the departments whose
 * services the hall receives). Empty for anyone but staff acting as themselves.
 */
export function identityCheckDepartments(actor: Actor, windowDepartmentIds: ReadonlySet<string>): string[] {
  if (actor.kind !== 'staff' || actor.agent) return [];
  return [...new Set(actor.roles.filter((r) => r.role === 'clerk' && windowDepartmentIds.has(r.departmentId)).map((r) => r.departmentId))];
}

export function assertMayCheckIdentityInPerson(actor: Actor, windowDepartmentIds: ReadonlySet<string>): void {
  if (identityCheckDepartments(actor, windowDepartmentIds).length === 0) throw new DomainError('FORBIDDEN');
}
