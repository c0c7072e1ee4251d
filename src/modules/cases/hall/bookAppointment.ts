import { randomInt } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../../db/client.js';
import { shanghaiDate } from '../../../lib/calendar.js';
import { DomainError, isUniqueViolation, notFound } from '../../../lib/errors.js';
import { uuidv7 } from '../../../lib/uuid.js';
import { getServiceItem } from '../../catalog/index.js';
import type { Actor } from '../../identity/index.js';
import { appendAudit } from '../../supervision/index.js';
import { bookingBlock } from './noShows.js';
import { assertMayBookOnline } from './policy.js';
import { daysFrom, slotsOn } from './slots.js';
import { halls, hallAppointments, hallSlotCounts, hallWindowGroups } from './tables.js';

/** Booking codes: no 0/O, 1/I/L look-alikes, so they are read out and typed without mistakes. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const newBookingCode = () => Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

/** The group of a hall that serves an item (its windows take the item's appointments and tickets). */
export async function groupServing(tx: Tx, hallId: string, itemId: string) {
  const [g] = await tx
    .select()
    .from(hallWindowGroups)
    .where(and(eq(hallWindowGroups.hallId, hallId), sql`${hallWindowGroups.itemIds} @> ${JSON.stringify([itemId])}::jsonb`))
    .orderBy(hallWindowGroups.letter)
    .limit(1);
  return g ?? null;
}

/**
 * Books one slot of the hall's group for the item (网上预约). Refused while the person is blocked
 * for no-shows under this hall's rule, for a slot the hall does not have (a holiday, past, beyond the booking period),
 * when they already hold an open booking of the item that day, and when the slot is full: the
 * slot's counter is raised only while below capacity, in one statement, so of two bookings for
 * the last place exactly one wins (the other waits on the counter row and finds it full).
 */
export async function bookAppointment(tx: Tx, actor: Actor, input: { itemId: string; hallId: string; slotStart: string }, now = new Date()) {
  assertMayBookOnline(actor);
  const [hall] = await tx.select().from(halls).where(eq(halls.id, input.hallId)).limit(1);
  const item = await getServiceItem(tx, input.itemId);
  if (!hall || !item) throw notFound();
  // The no-show rule of the hall being booked.
  const block = await bookingBlock(tx, actor.accountId, hall, now);
  if (block.blockedUntil) {
    throw new DomainError('HALL_BOOKING_BLOCKED', { count: block.noShows, windowDays: block.windowDays, until: shanghaiDate(block.blockedUntil) });
  }
  const group = await groupServing(tx, hall.id, item.id);
  if (!group) throw new DomainError('HALL_ITEM_NOT_SERVED');

  const start = new Date(input.slotStart);
  const day = shanghaiDate(start);
  const slot = daysFrom(now, hall.bookingDays).includes(day) ? slotsOn(day, hall.hours, hall.slotMinutes).find((s) => s.start.getTime() === start.getTime()) : undefined;
  if (!slot || slot.end <= now) throw new DomainError('HALL_SLOT_UNAVAILABLE');

  const [open] = await tx
    .select({ id: hallAppointments.id })
    .from(hallAppointments)
    .where(and(eq(hallAppointments.accountId, actor.accountId), eq(hallAppointments.itemId, item.id), eq(hallAppointments.day, day), eq(hallAppointments.status, 'booked')))
    .limit(1);
  if (open) throw new DomainError('HALL_ALREADY_BOOKED');

  const taken = await tx
    .insert(hallSlotCounts)
    .values({ groupId: group.id, slotStart: slot.start, booked: 1 })
    .onConflictDoUpdate({ target: [hallSlotCounts.groupId, hallSlotCounts.slotStart], set: { booked: sql`${hallSlotCounts.booked} + 1` }, setWhere: sql`${hallSlotCounts.booked} < ${group.slotCapacity}` })
    .returning({ booked: hallSlotCounts.booked });
  if (taken.length === 0 || taken[0]!.booked > group.slotCapacity) throw new DomainError('HALL_SLOT_FULL');

  const id = uuidv7();
  const code = newBookingCode();
  try {
    await tx.insert(hallAppointments).values({ id, hallId: hall.id, groupId: group.id, itemId: item.id, accountId: actor.accountId, day, slotStart: slot.start, slotEnd: slot.end, code, createdAt: now });
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError('HALL_ALREADY_BOOKED');
    throw e;
  }
  await appendAudit(tx, { actorAccountId: actor.accountId, action: 'appointment.book', entityType: 'appointment', entityId: id, detail: { hallId: hall.id, groupId: group.id, itemId: item.id, slotStart: slot.start.toISOString() } });
  return { id };
}
