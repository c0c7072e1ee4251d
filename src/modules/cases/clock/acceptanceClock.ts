import type { WorkingCalendar } from '../../../lib/calendar.js';
import { clockDates } from './dates.js';
import { clockSettings } from './settings.js';

/**
 * The acceptance clock (受理时限) of a case entering intake on `day`: the node's acceptance limit in
 * working days (clock/settings.ts), counted from the day after. Counted on the calendar in memory:
 * a five-day count is not recounted when a new year's schedule is entered (the promised one is).
 */
export function acceptanceClock(calendar: WorkingCalendar, day: string) {
  const acceptLimitDays = clockSettings().acceptanceLimitDays;
  const { due, warn } = clockDates(calendar, day, acceptLimitDays, 0);
  return { acceptLimitDays, acceptDueDate: due, warnDate: warn };
}
