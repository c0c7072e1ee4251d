import { hasRole, isPlatformAdmin, type Actor } from '../../identity/index.js';
import { DomainError } from '../../../lib/errors.js';
import type { TicketStatus } from './tables.js';

/** Applying for someone else at the window: a clerk of the item's own department. */
export function maySubmitAtHall(actor: Actor, departmentId: string): boolean {
  return actor.kind === 'staff' && hasRole(actor, 'clerk', departmentId);
}

/** A visit is the clerk's own, while it is open: no other clerk may apply under it. */
export function mayApplyUnderVisit(clerk: Actor, visit: { clerkAccountId: string; expiresAt: Date }, now = new Date()): boolean {
  return visit.clerkAccountId === clerk.accountId && visit.expiresAt > now;
}

/** Halls, window groups and windows are set up by the node's platform admins. */
export function assertMayManageHalls(actor: Actor): void {
  if (!isPlatformAdmin(actor)) throw new DomainError('FORBIDDEN');
}

/** A window clerk of any department may sign in at a window (综合窗口: one window receives for all). */
export function assertMaySitAtWindow(actor: Actor): void {
  if (actor.kind !== 'staff' || !actor.roles.some((r) => r.role === 'clerk')) throw new DomainError('FORBIDDEN');
}

/** A clerk calls and serves only at the window they are signed in at. */
export function assertOwnWindow(actor: Actor, window: { clerkAccountId: string | null }): void {
  if (window.clerkAccountId !== actor.accountId) throw new DomainError('HALL_NOT_YOUR_WINDOW');
}

/** Booking online and taking a ticket by phone: a citizen or an enterprise, for themselves. */
export function assertMayBookOnline(actor: Actor): void {
  if (actor.kind === 'staff') throw new DomainError('FORBIDDEN');
}

/** A citizen sees and cancels only their own bookings and tickets; anybody else's look not found. */
export function assertOwn(actor: Actor, row: { accountId: string | null } | undefined): asserts row {
  if (!row || row.accountId !== actor.accountId) throw new DomainError('NOT_FOUND');
}

export type TicketMove = 'call' | 'recall' | 'skip' | 'serve' | 'transfer' | 'finish';

/** The ticket's state machine: which move is possible from which state. */
const moves: Record<TicketMove, readonly TicketStatus[]> = {
  call: ['waiting'],
  recall: ['called'],
  skip: ['called'],
  serve: ['called'],
  transfer: ['called', 'serving'],
  finish: ['called', 'serving'],
};

/** A called ticket is called at most this often; a recall after that skips it (过号). */
export const MAX_CALLS = 3;

export function assertTicketMove(ticket: { number: string; status: TicketStatus }, move: TicketMove): void {
  if (!moves[move].includes(ticket.status)) throw new DomainError('HALL_TICKET_MOVE', { number: ticket.number, status: ticketStatusText[ticket.status], action: moveText[move] });
}

const ticketStatusText: Record<TicketStatus, { zh: string; en: string }> = {
  waiting: { zh: '等候中', en: 'waiting' },
  called: { zh: '已叫号', en: 'called' },
  serving: { zh: '办理中', en: 'being served' },
  done: { zh: '已办结', en: 'finished' },
  skipped: { zh: '已过号', en: 'skipped' },
};
const moveText: Record<TicketMove, { zh: string; en: string }> = {
  call: { zh: '叫号', en: 'call' },
  recall: { zh: '重呼', en: 'recall' },
  skip: { zh: '过号', en: 'skip' },
  serve: { zh: '开始办理', en: 'serve' },
  transfer: { zh: '转移', en: 'transfer' },
  finish: { zh: '办结', en: 'finish' },
};
