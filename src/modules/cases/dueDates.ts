import { and, gte, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { shanghaiDate } from '../../lib/calendar.js';
import { uuidv7 } from '../../lib/uuid.js';
import type { CalendarChange } from '../calendar/index.js';
import { appendAudit } from '../supervision/index.js';
import { caseEvents, cases } from './tables.js';

const AUDIT_CHUNK = 500;

/**
 * A new official schedule for `year` changes the due date of every open case whose count runs
 * into that year: recount each from its acceptance day with the limit it was given, in the
 * entry's transaction. Each changed case gets a history entry (when a person entered the
 * schedule) and the changes are audited in chunks of 500.
 */
export async function recomputeDueDates(tx: Tx, change: CalendarChange): Promise<{ recomputed: number }> {
  const { after, before, year } = change;
  // Accepted before the end of `year` (Asia/Shanghai) and due on or after its first day: the only
  // counts that touch the year. (A count that ends before the year cannot change.)
  const yearEnd = new Date(`${year + 1}-01-01T00:00:00+08:00`);
  const open = await tx
    .select({ id: cases.id, caseNo: cases.caseNo, status: cases.status, acceptedAt: cases.acceptedAt, dueDate: cases.dueDate, dueLimitDays: cases.dueLimitDays })
    .from(cases)
    .where(and(isNull(cases.completedAt), isNotNull(cases.dueDate), isNotNull(cases.acceptedAt), gte(cases.dueDate, `${year}-01-01`), lt(cases.acceptedAt, yearEnd)));
  const changed: { id: string; caseNo: string; status: string; from: string; to: string }[] = [];
  for (const c of open) {
    const from = shanghaiDate(c.acceptedAt!);
    // Rows from before due_limit_days: the limit is the count on the calendar they were counted with.
    const limit = c.dueLimitDays ?? before.workingDaysBetween(from, c.dueDate!);
    const to = after.addWorkingDays(from, limit);
    if (to !== c.dueDate) changed.push({ id: c.id, caseNo: c.caseNo, status: c.status, from: c.dueDate!, to });
  }
  if (changed.length === 0) return { recomputed: 0 };
  const rows = JSON.stringify(changed.map((c) => ({ id: c.id, due: c.to })));
  await tx.execute(sql`
    UPDATE cases SET due_date = v.due, updated_at = now()
    FROM jsonb_to_recordset(${rows}::jsonb) AS v(id uuid, due date)
    WHERE cases.id = v.id AND cases.completed_at IS NULL`);
  if (change.actorAccountId) {
    const actor = change.actorAccountId;
    await tx.insert(caseEvents).values(
      changed.map((c) => ({
        id: uuidv7(),
        caseId: c.id,
        actorAccountId: actor,
        action: 'due_recomputed',
        fromStatus: c.status,
        toStatus: c.status,
        note: null,
        detail: { from: c.from, to: c.to, year, calendarVersion: after.version },
      })),
    );
  }
  for (let i = 0; i < changed.length; i += AUDIT_CHUNK) {
    await appendAudit(tx, {
      actorAccountId: change.actorAccountId,
      action: 'case.due_recomputed',
      entityType: 'calendar_year',
      entityId: String(year),
      detail: { year, calendarVersion: after.version, cases: changed.slice(i, i + AUDIT_CHUNK).map((c) => ({ caseNo: c.caseNo, from: c.from, to: c.to })) },
    });
  }
  return { recomputed: changed.length };
}

