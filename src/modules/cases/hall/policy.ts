import { hasRole, type Actor } from '../../identity/index.js';

/** Applying for someone else at the window: a clerk of the item's own department. */
export function maySubmitAtHall(actor: Actor, departmentId: string): boolean {
  return actor.kind === 'staff' && hasRole(actor, 'clerk', departmentId);
}

/** A visit is the clerk's own, while it is open: no other clerk may apply under it. */
export function mayApplyUnderVisit(clerk: Actor, visit: { clerkAccountId: string; expiresAt: Date }, now = new Date()): boolean {
  return visit.clerkAccountId === clerk.accountId && visit.expiresAt > now;
}
