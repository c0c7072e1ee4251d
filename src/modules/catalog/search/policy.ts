import { DomainError } from '../../../lib/errors.js';
import type { Actor } from '../../identity/index.js';

/**
 * Search synonyms are the node's catalogue, not one department's: catalogue admins of any unit,
 * and platform admins, manage them — in person, not while acting for someone else.
 */
export function assertCanManageSynonyms(actor: Actor | null): Actor {
  if (!actor) throw new DomainError('UNAUTHENTICATED');
  if (actor.kind !== 'staff' || actor.agent || !actor.roles.some((r) => r.role === 'catalogue_admin' || r.role === 'platform_admin')) throw new DomainError('FORBIDDEN');
  return actor;
}
