import { and, eq } from 'drizzle-orm';
import type { Executor, Tx } from '../../../db/client.js';
import { findItems } from '../../catalog/index.js';
import { DomainError } from '../../../lib/errors.js';
import { maskIdNumber } from '../../../lib/mask.js';
import { uuidv7 } from '../../../lib/uuid.js';
import { acceptCase } from '../acceptCase.js';
import type { MaterialInput } from '../service.js';
import { submitCase } from '../submitCase.js';
import { checkIdentityInPerson } from '../../identity/index.js';
import { loadActor, type Actor } from '../../identity/index.js';
import { mayApplyUnderVisit } from './policy.js';
import { hallTickets, hallVisits, hallWindows } from './tables.js';
import { appendAudit } from '../../supervision/index.js';

/** A visit stays open for the time a person plausibly spends at the window. */
const VISIT_HOURS = 4;

/** The clerk's departments that run a window: those whose published services the hall receives. */
async function windowDepartments(db: Executor, clerk: Actor): Promise<Set<string>> {
  const mine = [...new Set(clerk.roles.filter((r) => r.role === 'clerk').map((r) => r.departmentId))];
  const offering = await Promise.all(mine.map(async (id) => ((await findItems(db, { departmentId: id })).length > 0 ? id : null)));
  return new Set(offering.filter((id): id is string => id !== null));
}

/** A ticket being served at the clerk's own window (the visit of a queue ticket); anything else is not found. */
async function servedTicket(tx: Tx, clerk: Actor, ticketId: string) {
  const [t] = await tx
    .select({ id: hallTickets.id })
    .from(hallTickets)
    .innerJoin(hallWindows, eq(hallWindows.id, hallTickets.windowId))
    .where(and(eq(hallTickets.id, ticketId), eq(hallTickets.status, 'serving'), eq(hallWindows.clerkAccountId, clerk.accountId)))
    .limit(1);
  if (!t) throw new DomainError('NOT_FOUND');
  return t.id;
}

/**
 * The clerk has the person's ID card in hand: check it against the registry and open the visit.
 * Opened for a queue ticket being served at the clerk's window, the case it creates links to it.
 */
export async function openVisit(tx: Tx, clerk: Actor, idNumber: string, ticketId?: string) {
  const ticket = ticketId ? await servedTicket(tx, clerk, ticketId) : null;
  const person = await checkIdentityInPerson(tx, clerk, idNumber, await windowDepartments(tx, clerk));
  const id = uuidv7();
  const now = new Date();
  await tx.insert(hallVisits).values({
    id,
    clerkAccountId: clerk.accountId,
    applicantAccountId: person.accountId,
    ticketId: ticket,
    checkedAt: now,
    expiresAt: new Date(now.getTime() + VISIT_HOURS * 3600_000),
  });
  return {
    id,
    expiresAt: new Date(now.getTime() + VISIT_HOURS * 3600_000).toISOString(),
    applicant: { id: person.accountId, name: person.name, maskedIdNumber: maskIdNumber(person.idNumber), level: person.level, newAccount: person.created },
  };
}

/**
 * Applies for the visit's walk-in and, since the clerk is the window that receives it, accepts
 * it on the spot (窗口受理): the case records channel "hall" and the clerk. Submission and
 * acceptance are written in the caller's one transaction: if the acceptance is refused, no
 * submitted case is left behind.
 */
export async function applyAtHall(
  tx: Tx,
  clerk: Actor,
  visitId: string,
  input: { itemId: string; form: Record<string, unknown>; materials: MaterialInput[] },
  regionCode: string,
) {
  const [visit] = await tx.select().from(hallVisits).where(eq(hallVisits.id, visitId)).limit(1);
  if (!visit || !mayApplyUnderVisit(clerk, visit)) throw new DomainError('HALL_CHECK_NEEDED');
  const applicant = await loadActor(tx, visit.applicantAccountId);
  if (!applicant) throw new DomainError('HALL_CHECK_NEEDED');
  const receipt = await submitCase(tx, clerk, input, regionCode, { channel: 'hall', applicant });
  await acceptCase(tx, clerk, receipt.id);
  if (visit.ticketId) {
    await tx.update(hallTickets).set({ caseId: receipt.id }).where(eq(hallTickets.id, visit.ticketId));
    await appendAudit(tx, { actorAccountId: clerk.accountId, action: 'ticket.case', entityType: 'ticket', entityId: visit.ticketId, detail: { caseId: receipt.id } });
  }
  return receipt;
}
