/**
 * Working days on the official Chinese calendar (法定节假日 and 调休 make-up
 * working days), as published each year by the State Council General Office
 * (e.g. 国务院办公厅关于2026年部分节假日安排的通知, 2025-11-04).
 *
 * Data: the `chinese-days` package (MIT, 2004–2026), read from its
 * `dist/chinese-days.json` (holidays = days off, workdays = make-up working
 * days). The JSON is used directly rather than the package's functions: the
 * package is CommonJS with an ESM-style `export default` in its typings, which
 * does not type cleanly under NodeNext, and Set lookups are faster.
 *
 * The next year's notice usually appears in November: call
 * `loadCalendarOverrides` from configuration to add it without a code change.
 * Overrides win over the package data. Dates outside the data fall back to
 * Monday–Friday; check `calendarCoverage()` if that matters.
 *
 * All dates are civil dates `YYYY-MM-DD` (Asia/Shanghai). Arithmetic is done
 * on UTC midnights, so the host time zone never matters.
 */
import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

const packageHolidays: ReadonlySet<string> = new Set(Object.keys(data.holidays));
const packageWorkdays: ReadonlySet<string> = new Set(Object.keys(data.workdays));
/** date → true (working) / false (day off); wins over package data. */
const overrides = new Map<string, boolean>();

function yearRange(keys: Iterable<string>): { first: number; last: number } | null {
  let first = Infinity;
  let last = -Infinity;
  for (const k of keys) {
    const y = Number(k.slice(0, 4));
    if (y < first) first = y;
    if (y > last) last = y;
  }
  return first === Infinity ? null : { first, last };
}

const packageRange = yearRange([...packageHolidays, ...packageWorkdays]);

/** Parses a strict YYYY-MM-DD civil date to its UTC-midnight epoch ms. */
function toDay(date: string): number {
  const m = typeof date === 'string' ? DATE_RE.exec(date) : null;
  if (!m) throw new RangeError(`Invalid date (expected YYYY-MM-DD): ${String(date)}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const t = Date.UTC(y, mo - 1, d);
  const dt = new Date(t);
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) {
    throw new RangeError(`Invalid date: ${date}`);
  }
  return t;
}

function fromDay(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

function isWorkingDayT(t: number, date: string): boolean {
  const o = overrides.get(date);
  if (o !== undefined) return o;
  if (packageWorkdays.has(date)) return true;
  if (packageHolidays.has(date)) return false;
  const dow = new Date(t).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/**
 * Adds a year's official notice (or corrections) from configuration.
 * `workdays`: make-up working days (调休上班, usually weekends);
 * `holidays`: days off (法定节假日 including the weekends inside them).
 * Later calls win over earlier ones; a date in both lists of the same call
 * is an error.
 */
export function loadCalendarOverrides(o: { workdays?: string[]; holidays?: string[] }): void {
  const work = o.workdays ?? [];
  const off = o.holidays ?? [];
  for (const d of [...work, ...off]) toDay(d); // validate all before changing anything
  const offSet = new Set(off);
  const clash = work.find((d) => offSet.has(d));
  if (clash) throw new Error(`Date listed as both working day and holiday: ${clash}`);
  for (const d of work) overrides.set(d, true);
  for (const d of off) overrides.set(d, false);
}

/** Removes all overrides (mainly for tests). */
export function clearCalendarOverrides(): void {
  overrides.clear();
}

/** Whether a civil date is an official working day. */
export function isWorkingDay(date: string): boolean {
  return isWorkingDayT(toDay(date), date);
}

/**
 * Due date: counting starts the day after `from`; returns the Nth working day
 * after `from`. N = 0 returns `from` if it is a working day, else the next
 * working day.
 */
export function addWorkingDays(from: string, days: number): string {
  if (!Number.isSafeInteger(days) || days < 0) throw new RangeError('days must be a non-negative integer');
  let t = toDay(from);
  if (days === 0) {
    for (let guard = 0; guard < 366; guard++, t += DAY_MS) {
      const s = fromDay(t);
      if (isWorkingDayT(t, s)) return s;
    }
    throw new Error('No working day found within a year');
  }
  let n = 0;
  for (let guard = 0; guard < days * 7 + 366; guard++) {
    t += DAY_MS;
    const s = fromDay(t);
    if (isWorkingDayT(t, s) && ++n === days) return s;
  }
  throw new Error('No working day found');
}

/**
 * Working days in (from, to]; negative (−count of (to, from]) if to < from.
 * E.g. "days remaining" = workingDaysBetween(today, dueDate).
 */
export function workingDaysBetween(from: string, to: string): number {
  const a = toDay(from);
  const b = toDay(to);
  if (b < a) return -workingDaysBetween(to, from);
  let n = 0;
  for (let t = a + DAY_MS; t <= b; t += DAY_MS) if (isWorkingDayT(t, fromDay(t))) n++;
  return n;
}

const shanghaiFmt = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Civil date YYYY-MM-DD of an instant in Asia/Shanghai. */
export function shanghaiDate(instant: Date): string {
  const parts = shanghaiFmt.formatToParts(instant);
  let y = '';
  let m = '';
  let d = '';
  for (const p of parts) {
    if (p.type === 'year') y = p.value;
    else if (p.type === 'month') m = p.value;
    else if (p.type === 'day') d = p.value;
  }
  return `${y}-${m}-${d}`;
}

/** Years covered by official data (package data plus overrides). */
export function calendarCoverage(): { firstYear: number; lastYear: number } {
  const o = yearRange(overrides.keys());
  const first = Math.min(packageRange?.first ?? Infinity, o?.first ?? Infinity);
  const last = Math.max(packageRange?.last ?? -Infinity, o?.last ?? -Infinity);
  return { firstYear: first, lastYear: last };
}
