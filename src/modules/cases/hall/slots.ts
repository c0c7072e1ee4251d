import { addCalendarDays, isWorkingDay, shanghaiDate } from '../../../lib/calendar.js';
import type { OpeningPeriod } from './tables.js';

export type Slot = { start: Date; end: Date };

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The instant of a Shanghai wall-clock time (UTC+8, no daylight saving) on a civil date. */
export function shanghaiInstant(day: string, minutes: number): Date {
  return new Date(Date.parse(`${day}T00:00:00+08:00`) + minutes * 60_000);
}

/**
 * The appointment slots of a hall on a civil date: none on a day the official calendar says is
 * off (weekends, holidays), every opening period cut into `slotMinutes` slots on a working day
 * (make-up working days 调休 included). A period's last slot that would run past its end is left out.
 */
export function slotsOn(day: string, hours: readonly OpeningPeriod[], slotMinutes: number): Slot[] {
  if (!isWorkingDay(day)) return [];
  const out: Slot[] = [];
  for (const p of hours) {
    const end = minutesOf(p.to);
    for (let m = minutesOf(p.from); m + slotMinutes <= end; m += slotMinutes) {
      out.push({ start: shanghaiInstant(day, m), end: shanghaiInstant(day, m + slotMinutes) });
    }
  }
  return out;
}

/** The civil dates from `now`'s Shanghai date, `days` of them. */
export function daysFrom(now: Date, days: number): string[] {
  const first = shanghaiDate(now);
  return Array.from({ length: days }, (_, i) => addCalendarDays(first, i));
}

/** The Shanghai wall-clock time `HH:MM` of an instant. */
export function shanghaiTime(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(11, 16);
}
