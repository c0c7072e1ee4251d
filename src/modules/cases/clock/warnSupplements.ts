import { and, eq, gte, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Tx } from '../../../db/client.js';
import { currentCalendar, type WorkingCalendar } from '../../../lib/calendar.js';
import { getItems } from '../../catalog/index.js';
import { notifyMany } from '../../notify/index.js';
import { appendAudit } from '../../supervision/index.js';
import { cases } from '../tables.js';
import { clockSettings } from './settings.js';

const AUDIT_CHUNK = 500;

/**
 * 即将超期的补正: the deadline watch warns each applicant whose supplement notice is still open and
 * whose deadline is at most `supplementWarningDays` working days away (SUPPLEMENT_WARNING_DAYS, 3),
 * once per notice. Set-based: one UPDATE marks every such case warned for its notice's round
 * (`supplement_warned_round`, so a second run the same day, or the next day, finds none) and
 * returns them; the item names are read in one query and the messages (and their SMS, per the
 * applicants' channels) written by `notifyMany` in a few statements, whatever the number of cases.
 * A notice issued today is not warned about today (the notice itself just told them); a deadline
 * already passed is the lapse's, not a warning's. Audited in chunks of 500 case numbers.
 */
export async function warnSupplements(tx: Tx, today: string, calendar: WorkingCalendar = currentCalendar()): Promise<{ warned: number }> {
  const days = clockSettings().supplementWarningDays;
  const horizon = calendar.addWorkingDays(today, days);
  const due = await tx
    .update(cases)
    .set({ supplementWarnedRound: sql`${cases.round}` })
    .where(
      and(
        eq(cases.status, 'supplement_requested'),
        gte(cases.supplementDeadline, today),
        lte(cases.supplementDeadline, horizon),
        sql`${cases.supplementWarnedRound} IS DISTINCT FROM ${cases.round}`,
        or(isNull(cases.pausedSince), lt(cases.pausedSince, today)),
      ),
    )
    .returning({ id: cases.id, caseNo: cases.caseNo, applicantAccountId: cases.applicantAccountId, itemId: cases.itemId, deadline: cases.supplementDeadline });
  if (!due.length) return { warned: 0 };
  const items = await getItems(tx, [...new Set(due.map((c) => c.itemId))]);
  await notifyMany(
    tx,
    due.map((c) => {
      const name = items.get(c.itemId)?.name;
      return {
        recipientAccountId: c.applicantAccountId,
        kind: 'supplement_due_soon' as const,
        about: { caseId: c.id, caseNo: c.caseNo },
        params: { itemName: { zh: name?.zh ?? '', en: name?.en ?? '' }, dueDate: c.deadline },
      };
    }),
  );
  for (let i = 0; i < due.length; i += AUDIT_CHUNK) {
    await appendAudit(tx, {
      actorAccountId: null,
      action: 'case.supplement_warning',
      entityType: 'deadline_watch',
      entityId: today,
      detail: { on: today, withinWorkingDays: days, cases: due.slice(i, i + AUDIT_CHUNK).map((c) => ({ caseNo: c.caseNo, deadline: c.deadline })) },
    });
  }
  return { warned: due.length };
}
