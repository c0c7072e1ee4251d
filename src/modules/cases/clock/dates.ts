import type { WorkingCalendar } from '../../../lib/calendar.js';
import type { ClockColour } from '../tables.js';

/** The share of a limit used at which a clock turns yellow (即将超期). */
export const WARN_SHARE = 0.8;

/** Working days after the start at which the warning starts: 80 % of the limit, rounded up. */
export const warnOffset = (limit: number) => Math.ceil(limit * WARN_SHARE);

/**
 * A clock's due and warning dates: `limit` working days counted from the day after `start`, both
 * moved by the working days the clock has been paused. Counting the whole offset from the start on
 * one calendar is what moving the dates by the paused days means (the Nth working day after a
 * working day plus M more is the N+Mth).
 */
export function clockDates(calendar: WorkingCalendar, start: string, limit: number, pausedDays: number): { due: string; warn: string; provisional: boolean } {
  const due = calendar.addWorkingDays(start, limit + pausedDays);
  const warn = calendar.addWorkingDays(start, warnOffset(limit) + pausedDays);
  return { due, warn, provisional: calendar.anyProvisional(start, due) };
}

/**
 * Working days a pause took: those in (pausedSince, resumedOn]. The day the clock paused still
 * counted; the day it resumes does not, so the clock runs again from the next day, as a limit runs
 * from the day after acceptance. Pausing and resuming the same day moves nothing.
 */
export const pausedWorkingDays = (calendar: WorkingCalendar, pausedSince: string, resumedOn: string) => Math.max(0, calendar.workingDaysBetween(pausedSince, resumedOn));

/** The colour of a running clock on `today`: the same rule as the deadline watch's SQL. */
export function colourOn(today: string, due: string, warn: string): ClockColour {
  if (today > due) return 'red';
  if (today >= warn) return 'yellow';
  return 'green';
}
