/**
 * Working days on the official Chinese calendar (法定节假日 and 调休 make-up working days), as
 * published each year by the State Council General Office (e.g. 国务院办公厅关于2026年部分节假日
 * 安排的通知, 2025-11-04).
 *
 * Where a day's status comes from, first match wins:
 *  1. date overrides (`loadCalendarOverrides`, kept for tests and old configuration);
 *  2. official schedules entered by an admin (stored in the database, installed with
 *     `installOfficialSchedules`): a year entered replaces the package's data for that year;
 *  3. the `chinese-days` package (MIT, 2004–2026), read from its `dist/chinese-days.json`;
 *  4. otherwise the day is **provisional**: weekends plus the statutory holidays of the 2024
 *     revision of the holiday regulation (statutoryHolidays.ts), until that year's notice is in.
 * Days 1–3 are "official"; a due date counted over any provisional day is itself provisional.
 *
 * Arithmetic is O(1): each calendar version is built once into a day index for 2000–2099
 * (cumulative working-day and provisional-day counts, and the position of every working day);
 * dates outside that range are walked one day at a time (`walk`, also the reference the tests
 * compare with).
 *
 * All dates are civil dates `YYYY-MM-DD` (Asia/Shanghai). Arithmetic is done on UTC midnights,
 * so the host time zone never matters.
 */
import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { statutoryHolidays } from './statutoryHolidays.js';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
const INDEX_FIRST_YEAR = 2000;
const INDEX_LAST_YEAR = 2099;
const INDEX_START = Date.UTC(INDEX_FIRST_YEAR, 0, 1);
const INDEX_DAYS = (Date.UTC(INDEX_LAST_YEAR + 1, 0, 1) - INDEX_START) / DAY_MS;

/** One year of an official notice: days off (including weekends inside a holiday) and make-up working days. */
export type OfficialYear = { year: number; holidays: readonly string[]; workdays: readonly string[] };

type YearSets = { off: ReadonlySet<string>; work: ReadonlySet<string> };

function byYear(holidays: Iterable<string>, workdays: Iterable<string>): Map<number, YearSets> {
  const out = new Map<number, { off: Set<string>; work: Set<string> }>();
  const get = (d: string) => {
    const y = Number(d.slice(0, 4));
    let s = out.get(y);
    if (!s) out.set(y, (s = { off: new Set(), work: new Set() }));
    return s;
  };
  for (const d of holidays) get(d).off.add(d);
  for (const d of workdays) get(d).work.add(d);
  return out;
}

const packageYears: ReadonlyMap<number, YearSets> = byYear(Object.keys(data.holidays), Object.keys(data.workdays));

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

/** Whether a string is a real civil date YYYY-MM-DD. */
export function isCivilDate(date: string): boolean {
  try {
    toDay(date);
    return true;
  } catch {
    return false;
  }
}

// Statutory days depend only on the year (not on what has been entered): computed once per year.
const statutoryCache = new Map<number, ReadonlySet<string>>();
function statutorySet(year: number): ReadonlySet<string> {
  let s = statutoryCache.get(year);
  if (!s) statutoryCache.set(year, (s = new Set(statutoryHolidays(year).keys())));
  return s;
}

const FLAG_WORKING = 1;
const FLAG_PROVISIONAL = 2;

/** One immutable version of the calendar: the sources above plus the index built from them. */
export class WorkingCalendar {
  readonly version: number;
  private readonly entered: ReadonlyMap<number, YearSets>;
  private readonly overrides: ReadonlyMap<string, boolean>;
  private readonly overrideYears: ReadonlySet<number>;
  private index: { flags: Uint8Array; cumWork: Int32Array; cumProv: Int32Array; nth: Int32Array } | null = null;

  constructor(opts: { version: number; entered: readonly OfficialYear[]; overrides?: ReadonlyMap<string, boolean> }) {
    this.version = opts.version;
    this.entered = new Map(opts.entered.map((y) => [y.year, { off: new Set(y.holidays), work: new Set(y.workdays) }]));
    this.overrides = new Map(opts.overrides ?? []);
    this.overrideYears = new Set([...this.overrides.keys()].map((d) => Number(d.slice(0, 4))));
  }

  /** Whether a year's days come from official data (an entered schedule, the package or overrides). */
  isOfficialYear(year: number): boolean {
    return this.entered.has(year) || packageYears.has(year) || this.overrideYears.has(year);
  }

  /** Working (bit 1) and provisional (bit 2) of one day, from the sources, without the index. */
  private classify(t: number, date: string): number {
    const o = this.overrides.get(date);
    if (o !== undefined) return o ? FLAG_WORKING : 0;
    const dow = new Date(t).getUTCDay();
    const weekday = dow !== 0 && dow !== 6;
    const year = Number(date.slice(0, 4));
    const official = this.entered.get(year) ?? packageYears.get(year);
    if (official) return official.work.has(date) || (weekday && !official.off.has(date)) ? FLAG_WORKING : 0;
    if (this.overrideYears.has(year)) return weekday ? FLAG_WORKING : 0;
    return (weekday && !statutorySet(year).has(date) ? FLAG_WORKING : 0) | FLAG_PROVISIONAL;
  }

  /**
   * Builds the day index (≈36 500 days; a few milliseconds, the statutory dates of a year the
   * first time it is needed). Called by the installer so the work is not done on a request.
   */
  build(): this {
    if (this.index) return this;
    const flags = new Uint8Array(INDEX_DAYS);
    const cumWork = new Int32Array(INDEX_DAYS + 1);
    const cumProv = new Int32Array(INDEX_DAYS + 1);
    let work = 0;
    let prov = 0;
    for (let i = 0; i < INDEX_DAYS; i++) {
      const t = INDEX_START + i * DAY_MS;
      const f = this.classify(t, fromDay(t));
      flags[i] = f;
      if (f & FLAG_WORKING) work++;
      if (f & FLAG_PROVISIONAL) prov++;
      cumWork[i + 1] = work;
      cumProv[i + 1] = prov;
    }
    const nth = new Int32Array(work);
    for (let i = 0, k = 0; i < INDEX_DAYS; i++) if (flags[i]! & FLAG_WORKING) nth[k++] = i;
    this.index = { flags, cumWork, cumProv, nth };
    return this;
  }

  private ix() {
    return this.build().index!;
  }

  private flagsOf(t: number, date: string): number {
    const i = (t - INDEX_START) / DAY_MS;
    return i >= 0 && i < INDEX_DAYS ? this.ix().flags[i]! : this.classify(t, date);
  }

  /** Whether a civil date is a working day. */
  isWorkingDay(date: string): boolean {
    return (this.flagsOf(toDay(date), date) & FLAG_WORKING) !== 0;
  }

  /** Whether a date's status is provisional (no official data for its year yet). */
  isProvisional(date: string): boolean {
    return (this.flagsOf(toDay(date), date) & FLAG_PROVISIONAL) !== 0;
  }

  /**
   * Due date: counting starts the day after `from`; returns the Nth working day after `from`.
   * N = 0 returns `from` if it is a working day, else the next working day.
   */
  addWorkingDays(from: string, days: number): string {
    if (!Number.isSafeInteger(days) || days < 0) throw new RangeError('days must be a non-negative integer');
    const i = (toDay(from) - INDEX_START) / DAY_MS;
    if (i >= 0 && i < INDEX_DAYS) {
      const { cumWork, nth } = this.ix();
      // The k-th working day of the index (0-based) is the answer: the first at or after `from`
      // for N = 0, else the N-th after it.
      const k = days === 0 ? cumWork[i]! : cumWork[i + 1]! + days - 1;
      if (k < nth.length && (days > 0 || nth[k]! - i < 366)) return fromDay(INDEX_START + nth[k]! * DAY_MS);
    }
    return this.walkAdd(from, days);
  }

  /**
   * Working days in (from, to]; negative (−count of (to, from]) if to < from.
   * E.g. "days remaining" = workingDaysBetween(today, dueDate).
   */
  workingDaysBetween(from: string, to: string): number {
    const a = (toDay(from) - INDEX_START) / DAY_MS;
    const b = (toDay(to) - INDEX_START) / DAY_MS;
    if (a >= 0 && b >= 0 && a < INDEX_DAYS && b < INDEX_DAYS) {
      const { cumWork } = this.ix();
      return cumWork[b + 1]! - cumWork[a + 1]!;
    }
    return this.walkBetween(from, to);
  }

  /** Whether any day in [from, to] is provisional (in either order). */
  anyProvisional(from: string, to: string): boolean {
    let a = toDay(from);
    let b = toDay(to);
    if (b < a) [a, b] = [b, a];
    const i = (a - INDEX_START) / DAY_MS;
    const j = (b - INDEX_START) / DAY_MS;
    if (i >= 0 && j < INDEX_DAYS) {
      const { cumProv } = this.ix();
      return cumProv[j + 1]! - cumProv[i]! > 0;
    }
    for (let t = a; t <= b; t += DAY_MS) if (this.classify(t, fromDay(t)) & FLAG_PROVISIONAL) return true;
    return false;
  }

  /** A due date and whether it was counted over provisional days (from the day of `from` on). */
  dueDate(from: string, days: number): { date: string; provisional: boolean } {
    const date = this.addWorkingDays(from, days);
    return { date, provisional: this.anyProvisional(from, date) };
  }

  /** The simple walk, one day at a time: for dates outside the index, and the tests' reference. */
  walkAdd(from: string, days: number): string {
    if (!Number.isSafeInteger(days) || days < 0) throw new RangeError('days must be a non-negative integer');
    let t = toDay(from);
    const working = (x: number) => (this.classify(x, fromDay(x)) & FLAG_WORKING) !== 0;
    if (days === 0) {
      for (let guard = 0; guard < 366; guard++, t += DAY_MS) if (working(t)) return fromDay(t);
      throw new Error('No working day found within a year');
    }
    let n = 0;
    for (let guard = 0; guard < days * 7 + 366; guard++) {
      t += DAY_MS;
      if (working(t) && ++n === days) return fromDay(t);
    }
    throw new Error('No working day found');
  }

  walkBetween(from: string, to: string): number {
    const a = toDay(from);
    const b = toDay(to);
    if (b < a) return -this.walkBetween(to, from);
    let n = 0;
    for (let t = a + DAY_MS; t <= b; t += DAY_MS) if (this.classify(t, fromDay(t)) & FLAG_WORKING) n++;
    return n;
  }

  /** Years covered by official data (package, entered schedules, overrides). */
  coverage(): { firstYear: number; lastYear: number } {
    const years = [...packageYears.keys(), ...this.entered.keys(), ...this.overrideYears];
    return { firstYear: Math.min(...years), lastYear: Math.max(...years) };
  }

  /** Last date of the unbroken run of official years starting with `today`'s year (null if today's year is not official). */
  officialUntil(today: string): string | null {
    let y = Number(today.slice(0, 4));
    if (!this.isOfficialYear(y)) return null;
    while (this.isOfficialYear(y + 1)) y++;
    return `${y}-12-31`;
  }
}

// ---- The installed calendar (one per process; see modules/calendar for how instances stay in step).

const overrides = new Map<string, boolean>();
let enteredYears: readonly OfficialYear[] = [];
let enteredVersion = 0;
let current: WorkingCalendar | null = null;

function rebuild(): WorkingCalendar {
  current = new WorkingCalendar({ version: enteredVersion, entered: enteredYears, overrides }).build();
  return current;
}

/** The calendar in force in this process. */
export function currentCalendar(): WorkingCalendar {
  return current ?? rebuild();
}

/** A calendar with these schedules (and this process's overrides), not installed: for a change being written. */
export function calendarWith(years: readonly OfficialYear[], version: number): WorkingCalendar {
  return new WorkingCalendar({ version, entered: years, overrides });
}

/** Installs the official schedules read from the database at `version` and rebuilds the index. */
export function installOfficialSchedules(years: readonly OfficialYear[], version: number): WorkingCalendar {
  enteredYears = years.map((y) => ({ year: y.year, holidays: [...y.holidays], workdays: [...y.workdays] }));
  enteredVersion = version;
  return rebuild();
}

/** Installs an already built calendar (after the transaction that wrote its data committed). */
export function installCalendar(cal: WorkingCalendar, years: readonly OfficialYear[]): void {
  enteredYears = years;
  enteredVersion = cal.version;
  current = cal.build();
}

/**
 * Date-level overrides (tests; older deployments' file). `workdays`: make-up working days
 * (调休上班, usually weekends); `holidays`: days off (法定节假日 including the weekends inside
 * them). Later calls win over earlier ones; a date in both lists of the same call is an error.
 * The database's official schedules (modules/calendar) are the way to enter a year's notice.
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
  rebuild();
}

/** Removes all overrides and entered schedules (tests). */
export function clearCalendarOverrides(): void {
  overrides.clear();
  enteredYears = [];
  enteredVersion = 0;
  current = null;
}

const PACKAGE_NAMES: Record<string, string> = {
  "New Year's Day": 'newYear',
  'Spring Festival': 'springFestival',
  'Tomb-sweeping Day': 'qingming',
  'Labour Day': 'labourDay',
  'Dragon Boat Festival': 'dragonBoat',
  'Mid-autumn Festival': 'midAutumn',
  'National Day': 'nationalDay',
};
const packageNames = new Map(
  Object.entries({ ...data.holidays, ...data.workdays } as Record<string, string>).map(([d, v]) => [d, PACKAGE_NAMES[v.split(',')[0]!] ?? null]),
);

/** The package's data of one year, with holiday names (newYear, springFestival, …), or null outside 2004–2026. */
export function packageYear(year: number): { holidays: { date: string; name: string | null }[]; workdays: string[] } | null {
  const y = packageYears.get(year);
  if (!y) return null;
  return { holidays: [...y.off].sort().map((date) => ({ date, name: packageNames.get(date) ?? null })), workdays: [...y.work].sort() };
}

export const isWorkingDay = (date: string) => currentCalendar().isWorkingDay(date);
export const isProvisional = (date: string) => currentCalendar().isProvisional(date);
export const addWorkingDays = (from: string, days: number) => currentCalendar().addWorkingDays(from, days);
export const workingDaysBetween = (from: string, to: string) => currentCalendar().workingDaysBetween(from, to);
export const calendarCoverage = () => currentCalendar().coverage();

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

/** `date` plus `n` calendar days. */
export function addCalendarDays(date: string, n: number): string {
  return fromDay(toDay(date) + n * DAY_MS);
}
