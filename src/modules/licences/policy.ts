import { hasRole, type Actor } from '../identity/index.js';

type LicenceRef = { holderAccountId: string; issuerDepartmentId: string };

/**
 * How the actor stands to a certificate:
 * - `revoke`: an approver of the issuing department (the role that decided the case and issued it;
 *   least privilege per department: no other department, no clerk, no admin, no supervisor);
 * - `see`: the holder, the issuing department's handling staff, a supervisor (they may know it
 *   exists, so a refusal says so);
 * - null: anyone else, who must not learn that it exists (answered as not found).
 */
export function licenceAccess(actor: Actor, l: LicenceRef): 'revoke' | 'see' | null {
  if (actor.kind === 'staff' && !actor.agent) {
    if (hasRole(actor, 'approver', l.issuerDepartmentId)) return 'revoke';
    if (hasRole(actor, 'clerk', l.issuerDepartmentId) || actor.roles.some((r) => r.role === 'supervisor')) return 'see';
    return null;
  }
  return l.holderAccountId === actor.accountId ? 'see' : null;
}

export const mayRevokeLicence = (actor: Actor, l: LicenceRef) => licenceAccess(actor, l) === 'revoke';
