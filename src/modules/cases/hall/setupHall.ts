import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../../db/client.js';
import { DomainError, isUniqueViolation, notFound } from '../../../lib/errors.js';
import { uuidv7 } from '../../../lib/uuid.js';
import { getItems } from '../../catalog/index.js';
import type { Actor } from '../../identity/index.js';
import { appendAudit } from '../../supervision/index.js';
import { hallBody, windowBody, windowGroupBody, type HallInput, type WindowGroupInput } from './contract.js';
import { assertMayManageHalls } from './policy.js';
import { halls, hallWindowGroups, hallWindows } from './tables.js';

/** The actor of a setup step: a platform admin, or null for the installation's own seed. */
type SetupActor = Actor | null;

/** A taken code ends the transaction with HALL_CODE_TAKEN (the caller's transaction rolls back). */
async function uniquely<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError('HALL_CODE_TAKEN');
    throw e;
  }
}

/** Creates a service hall with its opening hours and booking rules. */
export async function createHall(tx: Tx, actor: SetupActor, input: HallInput): Promise<{ id: string }> {
  if (actor) assertMayManageHalls(actor);
  const h = hallBody.parse(input);
  const id = uuidv7();
  await uniquely(() => tx.insert(halls).values({ id, ...h }));
  await appendAudit(tx, { actorAccountId: actor?.accountId ?? null, action: 'hall.create', entityType: 'hall', entityId: id, detail: { code: h.code, hours: h.hours, slotMinutes: h.slotMinutes } });
  return { id };
}

/** Adds a window group (business type) to a hall: its ticket letter and the items it serves. */
export async function addWindowGroup(tx: Tx, actor: SetupActor, hallId: string, input: WindowGroupInput): Promise<{ id: string }> {
  if (actor) assertMayManageHalls(actor);
  const g = windowGroupBody.parse(input);
  const [hall] = await tx.select({ id: halls.id }).from(halls).where(eq(halls.id, hallId)).limit(1);
  if (!hall) throw notFound();
  const found = await getItems(tx, g.itemIds);
  if (found.size !== new Set(g.itemIds).size) throw new DomainError('VALIDATION', {}, [{ path: 'itemIds', code: 'INVALID' }]);
  const id = uuidv7();
  await uniquely(() => tx.insert(hallWindowGroups).values({ id, hallId, ...g, itemIds: [...new Set(g.itemIds)] }));
  await appendAudit(tx, { actorAccountId: actor?.accountId ?? null, action: 'hall.group.create', entityType: 'hall', entityId: hallId, detail: { groupId: id, letter: g.letter, items: g.itemIds.length } });
  return { id };
}

/** Adds a numbered window of one of the hall's groups. */
export async function addWindow(tx: Tx, actor: SetupActor, hallId: string, input: { groupId: string; number: number }): Promise<{ id: string }> {
  if (actor) assertMayManageHalls(actor);
  const w = windowBody.parse(input);
  const [group] = await tx
    .select({ id: hallWindowGroups.id })
    .from(hallWindowGroups)
    .where(and(eq(hallWindowGroups.id, w.groupId), eq(hallWindowGroups.hallId, hallId)))
    .limit(1);
  if (!group) throw notFound();
  const id = uuidv7();
  await uniquely(() => tx.insert(hallWindows).values({ id, hallId, groupId: w.groupId, number: w.number }));
  await appendAudit(tx, { actorAccountId: actor?.accountId ?? null, action: 'hall.window.create', entityType: 'hall', entityId: hallId, detail: { windowId: id, number: w.number, groupId: w.groupId } });
  return { id };
}
