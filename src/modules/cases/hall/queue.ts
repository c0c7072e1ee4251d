import { and, eq, gt, inArray, lt, or, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../../db/client.js';
import { notFound } from '../../../lib/errors.js';
import type { Lang } from '../../../lib/i18n/messages.js';
import { local } from '../../../lib/i18n/messages.js';
import { uuidv7 } from '../../../lib/uuid.js';
import { appendAudit } from '../../supervision/index.js';
import { cases } from '../tables.js';
import type { TicketView } from './contract.js';
import { halls, hallTicketCounters, hallTickets, hallWindowGroups, hallWindows, type TicketSource } from './tables.js';

export type TicketRow = typeof hallTickets.$inferSelect;

/** Gives the group's next number of the day (A001, A002 …) and puts the ticket in its queue. */
export async function issueTicket(
  tx: Tx,
  input: { hallId: string; groupId: string; day: string; source: TicketSource; accountId: string | null; appointmentId?: string; actorAccountId: string | null },
  now: Date,
): Promise<string> {
  const [group] = await tx.select().from(hallWindowGroups).where(and(eq(hallWindowGroups.id, input.groupId), eq(hallWindowGroups.hallId, input.hallId))).limit(1);
  if (!group) throw notFound();
  const [counter] = await tx
    .insert(hallTicketCounters)
    .values({ groupId: group.id, day: input.day, last: 1 })
    .onConflictDoUpdate({ target: [hallTicketCounters.groupId, hallTicketCounters.day], set: { last: sql`${hallTicketCounters.last} + 1` } })
    .returning({ last: hallTicketCounters.last });
  const number = `${group.letter}${String(counter!.last).padStart(3, '0')}`;
  const id = uuidv7();
  await tx.insert(hallTickets).values({
    id,
    hallId: input.hallId,
    groupId: group.id,
    day: input.day,
    number,
    source: input.source,
    priority: input.source === 'appointment' ? 1 : 0,
    accountId: input.accountId,
    appointmentId: input.appointmentId ?? null,
    takenAt: now,
  });
  await appendAudit(tx, { actorAccountId: input.actorAccountId, action: 'ticket.take', entityType: 'ticket', entityId: id, detail: { number, source: input.source, groupId: group.id } });
  return id;
}

export async function hallByCode(db: Executor, code: string) {
  const [hall] = await db.select().from(halls).where(eq(halls.code, code)).limit(1);
  if (!hall) throw notFound();
  return hall;
}

/** Tickets as the citizen, the kiosk slip and the window see them. */
export async function ticketViews(db: Executor, lang: Lang, rows: TicketRow[]): Promise<TicketView[]> {
  if (rows.length === 0) return [];
  const ctx = await db
    .select({ id: hallTickets.id, hallName: halls.name, groupName: hallWindowGroups.name, windowNumber: hallWindows.number, caseNo: cases.caseNo })
    .from(hallTickets)
    .innerJoin(halls, eq(halls.id, hallTickets.hallId))
    .innerJoin(hallWindowGroups, eq(hallWindowGroups.id, hallTickets.groupId))
    .leftJoin(hallWindows, eq(hallWindows.id, hallTickets.windowId))
    .leftJoin(cases, eq(cases.id, hallTickets.caseId))
    .where(inArray(hallTickets.id, rows.map((r) => r.id)));
  const of = new Map(ctx.map((c) => [c.id, c]));
  const out: TicketView[] = [];
  for (const r of rows) {
    const c = of.get(r.id)!;
    out.push({
      id: r.id,
      number: r.number,
      status: r.status,
      source: r.source,
      priority: r.priority > 0,
      hallName: local(lang, c.hallName),
      groupName: local(lang, c.groupName),
      takenAt: r.takenAt.toISOString(),
      ahead: r.status === 'waiting' ? await aheadOf(db, r) : 0,
      windowNumber: c.windowNumber ?? null,
      callCount: r.callCount,
      caseNo: c.caseNo ?? null,
      caseId: r.caseId,
    });
  }
  return out;
}

/** Waiting tickets of the group that will be called before this one (priority first, then time). */
async function aheadOf(db: Executor, t: TicketRow): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(hallTickets)
    .where(
      and(
        eq(hallTickets.groupId, t.groupId),
        eq(hallTickets.day, t.day),
        eq(hallTickets.status, 'waiting'),
        or(gt(hallTickets.priority, t.priority), and(eq(hallTickets.priority, t.priority), lt(hallTickets.takenAt, t.takenAt))),
      ),
    );
  return row?.n ?? 0;
}

export async function ticketById(db: Executor, id: string): Promise<TicketRow | null> {
  const [t] = await db.select().from(hallTickets).where(eq(hallTickets.id, id)).limit(1);
  return t ?? null;
}
