import type { Actor } from '../../identity/index.js';

/**
 * Who may keep a draft of an application: an applicant (a person or an enterprise, or an agent for
 * them within the services they are authorised for). Staff apply for walk-ins at the hall at once.
 * A draft is its applicant's only: every read and write is scoped by the caller's account.
 */
export function mayKeepDraft(actor: Actor, itemCode: string): boolean {
  if (actor.kind === 'staff') return false;
  return !actor.agent?.itemCodes || actor.agent.itemCodes.includes(itemCode);
}
