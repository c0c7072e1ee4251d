import { DomainError } from '../../../lib/errors.js';
import type { Actor } from '../../identity/index.js';

/**
 * Themes (一件事) bundle the implementations of many departments, so they are the node's catalogue,
 * not one department's: catalogue admins (`catalogue_admin`, any unit) and platform admins define,
 * publish and withdraw them — in person, never while acting for someone. Department admins do not.
 */
export function mayManageThemes(actor: Actor | null): boolean {
  return !!actor && actor.kind === 'staff' && !actor.agent && actor.roles.some((r) => r.role === 'catalogue_admin' || r.role === 'platform_admin');
}

export function assertMayManageThemes(actor: Actor | null): Actor {
  if (!actor) throw new DomainError('UNAUTHENTICATED');
  if (!mayManageThemes(actor)) throw new DomainError('FORBIDDEN');
  return actor;
}
