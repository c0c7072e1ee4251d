import { DomainError } from '../../lib/errors.js';
import type { Actor } from '../identity/index.js';

/** Client systems and the provider's keys are the node operator's: platform admins only. */
export function assertCanManageOidc(actor: Actor | null): Actor {
  if (!actor) throw new DomainError('UNAUTHENTICATED');
  if (!actor.roles.some((r) => r.role === 'platform_admin')) throw new DomainError('FORBIDDEN');
  return actor;
}
