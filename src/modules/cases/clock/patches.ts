import { shanghaiDate, type WorkingCalendar } from '../../../lib/calendar.js';
import type { CaseRow } from '../service.js';
import type { PauseKind } from '../tables.js';
import { clockDates, colourOn, pausedWorkingDays } from './dates.js';

/** The row change that pauses the running clock on `today` (its colour stays as it is). */
export const pausePatch = (kind: PauseKind, today: string): Partial<CaseRow> => ({ pausedSince: today, pauseKind: kind });

/**
 * The promised clock's dates (承诺时限 plus approved extensions, from the day of acceptance, moved
 * by the paused working days) and its colour on `today`.
 */
export function promisedPatch(calendar: WorkingCalendar, c: Pick<CaseRow, 'acceptedAt' | 'dueLimitDays'>, pausedDays: number, extensionDays: number, today: string) {
  const { due, warn, provisional } = clockDates(calendar, shanghaiDate(c.acceptedAt!), (c.dueLimitDays ?? 0) + extensionDays, pausedDays);
  return { patch: { dueDate: due, warnDate: warn, pausedDays, extensionDays, clockColour: colourOn(today, due, warn) } satisfies Partial<CaseRow>, provisional };
}

/**
 * The row change that resumes a paused clock on `today`: the paused working days are added and the
 * running clock's due and warning dates move by as many. Returns the days the pause took.
 */
export function resumePatch(calendar: WorkingCalendar, c: CaseRow, today: string): { patch: Partial<CaseRow>; days: number; due: string | null } {
  const days = c.pausedSince ? pausedWorkingDays(calendar, c.pausedSince, today) : 0;
  const pausedDays = c.pausedDays + days;
  const base = { pausedSince: null, pauseKind: null } satisfies Partial<CaseRow>;
  if (c.status === 'accepted' && c.acceptedAt) {
    const { patch } = promisedPatch(calendar, c, pausedDays, c.extensionDays, today);
    return { patch: { ...base, ...patch }, days, due: patch.dueDate };
  }
  // The acceptance clock (rows from before the clocks have none to move).
  if (c.acceptLimitDays === null) return { patch: { ...base, pausedDays }, days, due: null };
  const { due, warn } = clockDates(calendar, shanghaiDate(c.submittedAt), c.acceptLimitDays, pausedDays);
  return { patch: { ...base, pausedDays, acceptDueDate: due, warnDate: warn, clockColour: colourOn(today, due, warn) }, days, due };
}
