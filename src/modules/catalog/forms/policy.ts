import { DomainError } from '../../../lib/errors.js';
import type { Actor } from '../../identity/index.js';

/**
 * Who may design forms: catalogue admins (事项管理员) of any department, and platform admins.
 * An agent acting for someone never may.
 */
export function mayDesignForms(actor: Actor): boolean {
  return actor.kind === 'staff' && !actor.agent && actor.roles.some((r) => r.role === 'catalogue_admin' || r.role === 'platform_admin');
}

export function assertMayDesignForms(actor: Actor): void {
  if (!mayDesignForms(actor)) throw new DomainError('FORBIDDEN');
}

/** Who may see their own prefill values: an applicant (a person or an enterprise, or its agent). */
export function mayReadOwnPrefill(actor: Actor): boolean {
  return actor.kind !== 'staff';
}
