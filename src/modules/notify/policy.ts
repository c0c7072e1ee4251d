import { DomainError, notFound } from '../../lib/errors.js';

/** The caller as this rule needs it (identity's Actor fits; notify sits below identity and does not import it). */
type Caller = { kind: string; agent?: unknown; roles: readonly { role: string }[] };

/**
 * Who may read the SMS sandbox outbox: the one place this rule lives. Only while the sandbox runs
 * (a live gateway has no outbox here: not found); then platform admins acting as themselves, and
 * anyone on this machine itself (demo users read their codes there before they can sign in).
 */
export function assertMayReadSmsOutbox(actor: Caller | null | undefined, where: { sandbox: boolean; loopback: boolean }): void {
  if (!where.sandbox) throw notFound();
  const admin = !!actor && actor.kind === 'staff' && !actor.agent && actor.roles.some((role) => role.role === 'platform_admin');
  if (!admin && !where.loopback) throw new DomainError(actor ? 'FORBIDDEN' : 'UNAUTHENTICATED');
}

/** The caller as the message centre needs it (identity's Actor fits). */
export type Recipient = { accountId: string; kind: string; agent?: { accountId: string } | null };

/** The human behind the request, whom the audit names: the agent when acting for someone, else the caller. */
export function readerOf(caller: Recipient): string {
  return caller.agent?.accountId ?? caller.accountId;
}

/**
 * Whose messages the caller reads and marks: the account they act for (an agent acting for an
 * enterprise reads the enterprise's messages about its cases). Every query is scoped by it.
 */
export function messageCentreOf(caller: Recipient): string {
  return caller.accountId;
}

/**
 * Who may choose the channels: applicants (persons and enterprises) for themselves; an agent acting
 * for someone must switch back first, staff receive no case notifications.
 */
export function assertMayChooseChannels(caller: Recipient): void {
  if (caller.agent) throw new DomainError('ACTING_AS_OTHER');
  if (caller.kind === 'staff') throw new DomainError('FORBIDDEN');
}
