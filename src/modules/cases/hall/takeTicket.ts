import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../../db/client.js';
import { shanghaiDate } from '../../../lib/calendar.js';
import { notFound } from '../../../lib/errors.js';
import type { Actor } from '../../identity/index.js';
import { assertMayBookOnline } from './policy.js';
import { hallByCode, issueTicket } from './queue.js';
import { hallTickets, hallWindowGroups } from './tables.js';

async function groupOfHall(tx: Tx, hallId: string, groupId: string) {
  const [g] = await tx.select().from(hallWindowGroups).where(and(eq(hallWindowGroups.id, groupId), eq(hallWindowGroups.hallId, hallId))).limit(1);
  if (!g) throw notFound();
  return g;
}

/** An anonymous ticket from the hall's kiosk (现场取号): nobody's name on it, only its number. */
export async function takeKioskTicket(tx: Tx, input: { hallCode: string; groupId: string }, now = new Date()): Promise<string> {
  const hall = await hallByCode(tx, input.hallCode);
  await groupOfHall(tx, hall.id, input.groupId);
  return issueTicket(tx, { hallId: hall.id, groupId: input.groupId, day: shanghaiDate(now), source: 'kiosk', accountId: null, actorAccountId: null }, now);
}

/**
 * A ticket taken on the portal by a signed-in citizen (线上取号) before coming to the hall. A
 * citizen holds one open ticket per group and day: asking again gives the same one.
 */
export async function takePhoneTicket(tx: Tx, actor: Actor, input: { hallCode: string; groupId: string }, now = new Date()): Promise<string> {
  assertMayBookOnline(actor);
  const hall = await hallByCode(tx, input.hallCode);
  await groupOfHall(tx, hall.id, input.groupId);
  const day = shanghaiDate(now);
  const [open] = await tx
    .select({ id: hallTickets.id })
    .from(hallTickets)
    .where(and(eq(hallTickets.accountId, actor.accountId), eq(hallTickets.groupId, input.groupId), eq(hallTickets.day, day), inArray(hallTickets.status, ['waiting', 'called'])))
    .limit(1);
  if (open) return open.id;
  return issueTicket(tx, { hallId: hall.id, groupId: input.groupId, day, source: 'phone', accountId: actor.accountId, actorAccountId: actor.accountId }, now);
}
