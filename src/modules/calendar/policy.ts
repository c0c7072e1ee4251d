import { DomainError } from '../../lib/errors.js';
import type { Actor } from '../identity/index.js';

/** The node's official calendar is the platform operator's: platform admins only (not acting for anyone). */
export function assertCanManageCalendar(actor: Actor | null): Actor {
  if (!actor) throw new DomainError('UNAUTHENTICATED');
  if (actor.kind !== 'staff' || actor.agent || !actor.roles.some((r) => r.role === 'platform_admin')) throw new DomainError('FORBIDDEN');
  return actor;
}
