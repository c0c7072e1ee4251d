/**
 * The node's official calendar in the database, and how each instance keeps its in-memory copy
 * (lib/calendar) in step with it:
 *  - at start every instance loads all schedules and the version (calendar_state.version);
 *  - a short poll (default every 5 s) compares the version and reloads when another instance
 *    entered a schedule: lists and "working days left" may lag by that much;
 *  - a write that stores a due date reads the version FOR SHARE inside its own transaction and
 *    reloads first if it differs, while an entry holds it FOR UPDATE and recomputes the open
 *    cases' due dates in the same transaction: a stored due date is never counted on a calendar
 *    older than the committed one, and an entry never misses a case accepted at the same moment.
 */
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Executor, Tx } from '../../db/client.js';
import {
  calendarWith,
  currentCalendar,
  installCalendar,
  installOfficialSchedules,
  isCivilDate,
  packageYear,
  shanghaiDate,
  type OfficialYear,
  type WorkingCalendar,
} from '../../lib/calendar.js';
import { DomainError, type FieldIssue } from '../../lib/errors.js';
import { statutoryHolidays } from '../../lib/statutoryHolidays.js';
import { accountNames } from '../identity/index.js';
import { appendAudit } from '../supervision/index.js';
import { calendarState, officialScheduleDays, officialSchedules } from './tables.js';

/** Start-up and the admin page warn when official data covers fewer days ahead than this. */
export const COVERAGE_WARN_DAYS = 90;

export type ScheduleData = {
  sourceNotice: string;
  holidays: { date: string; name: string | null }[];
  workdays: string[];
};

async function readVersion(ex: Executor, lock?: 'share' | 'update'): Promise<number> {
  const suffix = lock === 'share' ? sql` FOR SHARE` : lock === 'update' ? sql` FOR UPDATE` : sql``;
  const r = (await ex.execute(sql`SELECT version FROM calendar_state WHERE id = 1${suffix}`)) as unknown as { rows: { version: number }[] };
  const row = r.rows[0];
  if (!row) throw new Error('calendar_state row missing: migrations not applied');
  return Number(row.version);
}

async function readSchedules(ex: Executor): Promise<OfficialYear[]> {
  const heads = await ex.select({ year: officialSchedules.year }).from(officialSchedules).orderBy(asc(officialSchedules.year));
  const days = await ex.select().from(officialScheduleDays).orderBy(asc(officialScheduleDays.date));
  const byYear = new Map(heads.map((h) => [h.year, { year: h.year, holidays: [] as string[], workdays: [] as string[] }]));
  for (const d of days) (d.working ? byYear.get(d.year)?.workdays : byYear.get(d.year)?.holidays)?.push(d.date);
  return [...byYear.values()];
}

/** Reads all schedules and installs them in this process (version read first: a later entry only makes the next poll reload). */
export async function loadCalendar(ex: Executor): Promise<WorkingCalendar> {
  const version = await readVersion(ex);
  return installOfficialSchedules(await readSchedules(ex), version);
}

/** Reloads when the database's version differs from this process's; true when it did. */
export async function refreshCalendar(ex: Executor): Promise<boolean> {
  if ((await readVersion(ex)) === currentCalendar().version) return false;
  await loadCalendar(ex);
  return true;
}

/** Polls the version; returns a stop function. Errors are logged and the next tick tries again. */
export function startCalendarPoll(db: Db, everyMs: number, onError: (err: unknown) => void): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    refreshCalendar(db)
      .catch(onError)
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * The calendar a due-date write must count with: holds the version FOR SHARE until the caller's
 * transaction ends (an entry in progress is waited for) and reloads if this process is behind.
 */
export async function calendarForWrite(tx: Tx): Promise<WorkingCalendar> {
  const version = await readVersion(tx, 'share');
  const cur = currentCalendar();
  return version === cur.version ? cur : loadCalendar(tx);
}

export type CalendarChange = {
  before: WorkingCalendar;
  after: WorkingCalendar;
  year: number;
  actorAccountId: string | null;
};
/** Told inside the entry's transaction (the cases module recomputes open cases' due dates). */
export type OnCalendarChange = (tx: Tx, change: CalendarChange) => Promise<{ recomputed: number }>;

function dayOfWeek(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** Field checks of one year's data (zod has checked the shapes). */
function checkSchedule(year: number, input: ScheduleData) {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  const check = (date: string, path: string) => {
    if (!isCivilDate(date)) return issues.push({ path, code: 'BAD_DATE' });
    if (Number(date.slice(0, 4)) !== year) return issues.push({ path, code: 'OUTSIDE_YEAR', params: { year } });
    if (seen.has(date)) return issues.push({ path, code: 'DUPLICATE_DATE' });
    seen.add(date);
    return 0;
  };
  input.holidays.forEach((h, i) => check(h.date, `holidays.${i}.date`));
  input.workdays.forEach((d, i) => {
    const before = issues.length;
    check(d, `workdays.${i}`);
    // 调休: a make-up working day is a Saturday or Sunday; a weekday listed here is a slip.
    if (issues.length === before && dayOfWeek(d) !== 0 && dayOfWeek(d) !== 6) issues.push({ path: `workdays.${i}`, code: 'NOT_WEEKEND' });
  });
  if (issues.length) throw new DomainError('VALIDATION', {}, issues);
}

async function yearRows(ex: Executor, year: number) {
  const [head] = await ex.select().from(officialSchedules).where(eq(officialSchedules.year, year));
  if (!head) return null;
  const days = await ex.select().from(officialScheduleDays).where(eq(officialScheduleDays.year, year)).orderBy(asc(officialScheduleDays.date));
  return {
    head,
    holidays: days.filter((d) => !d.working).map((d) => ({ date: d.date, name: d.name })),
    workdays: days.filter((d) => d.working).map((d) => d.date),
  };
}

/**
 * Enters (or replaces) one year's official schedule: the days, the version bump, the open cases'
 * recomputation (`onChange`) and the audit event, all in the caller's transaction. After commit
 * the caller installs `calendar` in this process (other instances reload on their poll).
 */
export async function enterSchedule(
  tx: Tx,
  actor: { accountId: string } | null,
  year: number,
  input: ScheduleData,
  opts: { origin: 'admin' | 'file'; onChange: OnCalendarChange },
): Promise<{ calendar: WorkingCalendar; years: OfficialYear[]; recomputed: number }> {
  checkSchedule(year, input);
  const version = await readVersion(tx, 'update');
  const before = currentCalendar().version === version ? currentCalendar() : await loadCalendar(tx);
  const previous = await yearRows(tx, year);
  const now = new Date();
  const head = { sourceNotice: input.sourceNotice, origin: opts.origin, enteredBy: actor?.accountId ?? null, enteredAt: now };
  await tx.insert(officialSchedules).values({ year, ...head }).onConflictDoUpdate({ target: officialSchedules.year, set: head });
  await tx.delete(officialScheduleDays).where(eq(officialScheduleDays.year, year));
  const days = [
    ...input.holidays.map((h) => ({ date: h.date, year, working: false, name: h.name })),
    ...input.workdays.map((date) => ({ date, year, working: true, name: null })),
  ];
  if (days.length) await tx.insert(officialScheduleDays).values(days);
  await tx.update(calendarState).set({ version: version + 1 }).where(eq(calendarState.id, 1));
  const years = await readSchedules(tx);
  const after = calendarWith(years, version + 1).build();
  const { recomputed } = await opts.onChange(tx, { before, after, year, actorAccountId: actor?.accountId ?? null });
  await appendAudit(tx, {
    actorAccountId: actor?.accountId ?? null,
    action: 'calendar.schedule_entered',
    entityType: 'calendar_year',
    entityId: String(year),
    detail: {
      year,
      origin: opts.origin,
      sourceNotice: input.sourceNotice,
      holidays: input.holidays.map((h) => h.date).sort(),
      workdays: [...input.workdays].sort(),
      previous: previous
        ? { sourceNotice: previous.head.sourceNotice, holidays: previous.holidays.map((h) => h.date), workdays: previous.workdays }
        : null,
      version: version + 1,
      recomputedCases: recomputed,
    },
  });
  return { calendar: after, years, recomputed };
}

/** The first year from `today`'s on that has no official data. */
function nextUncoveredYear(cal: WorkingCalendar, today: string): number {
  let y = Number(today.slice(0, 4));
  while (cal.isOfficialYear(y)) y++;
  return y;
}

/** How far official data reaches from today, and whether that is too short. */
export function coverage(now: Date = new Date()) {
  const cal = currentCalendar();
  const today = shanghaiDate(now);
  const officialUntil = cal.officialUntil(today);
  const daysCovered = officialUntil ? Math.round((Date.parse(officialUntil) - Date.parse(today)) / 86_400_000) : 0;
  return {
    today,
    officialUntil,
    daysCovered,
    warning: daysCovered < COVERAGE_WARN_DAYS,
    warnDays: COVERAGE_WARN_DAYS,
    nextYear: nextUncoveredYear(cal, today),
    version: cal.version,
  };
}

/** One year as the admin page shows it: entered, from the package, or the provisional statutory days. */
export async function scheduleYear(ex: Executor, year: number) {
  const rows = await yearRows(ex, year);
  if (rows) {
    const names = rows.head.enteredBy ? await accountNames(ex, [rows.head.enteredBy]) : new Map<string, string>();
    return {
      year,
      source: 'entered' as const,
      origin: rows.head.origin,
      sourceNotice: rows.head.sourceNotice,
      enteredBy: rows.head.enteredBy ? (names.get(rows.head.enteredBy) ?? null) : null,
      enteredAt: rows.head.enteredAt.toISOString(),
      holidays: rows.holidays,
      workdays: rows.workdays,
    };
  }
  const pkg = packageYear(year);
  const base = { year, origin: null, sourceNotice: null, enteredBy: null, enteredAt: null };
  if (pkg) return { ...base, source: 'package' as const, ...pkg };
  return { ...base, source: 'provisional' as const, holidays: [...statutoryHolidays(year)].map(([date, name]) => ({ date, name })), workdays: [] };
}

/** The admin page's overview: coverage, the years entered, the package's recent years and the next one. */
export async function calendarOverview(ex: Executor, now: Date = new Date()) {
  const cov = coverage(now);
  const thisYear = Number(cov.today.slice(0, 4));
  const entered = await ex.select({ year: officialSchedules.year }).from(officialSchedules);
  const yearsShown = [...new Set([thisYear - 1, thisYear, ...entered.map((e) => e.year), cov.nextYear])].sort((a, b) => b - a);
  const years = [];
  for (const y of yearsShown) {
    const { holidays, workdays, ...rest } = await scheduleYear(ex, y);
    years.push({ ...rest, holidayCount: holidays.length, workdayCount: workdays.length });
  }
  return { ...cov, years };
}

/**
 * CALENDAR_OVERRIDES_FILE (older deployments): `{ "workdays": [...], "holidays": [...] }`. Each
 * year in it becomes an official schedule (origin "file") unless the database already has one —
 * what an admin entered is never overwritten. A year the package covers is the package's data
 * with the file's dates on top, as before.
 */
export async function importOverridesFile(
  db: Db,
  file: { name: string; content: unknown },
  onChange: OnCalendarChange,
): Promise<{ imported: number[]; kept: number[] }> {
  const parsed = fileSchema.safeParse(file.content);
  if (!parsed.success) throw new Error(`CALENDAR_OVERRIDES_FILE ${file.name}: expected {"workdays": [...], "holidays": [...]} of YYYY-MM-DD dates`);
  const { workdays = [], holidays = [] } = parsed.data;
  const years = [...new Set([...workdays, ...holidays].map((d) => Number(d.slice(0, 4))))].sort();
  const existing = new Set((await db.select({ year: officialSchedules.year }).from(officialSchedules).where(inArray(officialSchedules.year, years.length ? years : [0]))).map((r) => r.year));
  const imported: number[] = [];
  const kept: number[] = [];
  for (const year of years) {
    if (existing.has(year)) {
      kept.push(year);
      continue;
    }
    const inYear = (d: string) => d.startsWith(`${year}-`);
    const work = new Set(workdays.filter(inYear));
    const off = new Set(holidays.filter(inYear));
    const pkg = packageYear(year);
    const names = new Map(pkg?.holidays.map((h) => [h.date, h.name]) ?? []);
    for (const h of pkg?.holidays ?? []) if (!work.has(h.date)) off.add(h.date);
    for (const d of pkg?.workdays ?? []) if (!off.has(d)) work.add(d);
    const data = { sourceNotice: `CALENDAR_OVERRIDES_FILE ${file.name}`, holidays: [...off].sort().map((date) => ({ date, name: names.get(date) ?? null })), workdays: [...work].sort() };
    let entered;
    try {
      entered = await db.transaction((tx) => enterSchedule(tx, null, year, data, { origin: 'file', onChange }));
    } catch (e) {
      if (e instanceof DomainError) throw new Error(`CALENDAR_OVERRIDES_FILE ${file.name}, year ${year}: ${e.fieldIssues.map((i) => `${i.code} at ${i.path}`).join(', ')}`);
      throw e;
    }
    installAfterCommit(entered.calendar, entered.years);
    imported.push(year);
  }
  return { imported, kept };
}

const fileSchema = z.object({ workdays: z.array(z.string()).optional(), holidays: z.array(z.string()).optional() });

/** Installs the calendar an entry built, once its transaction has committed. */
export function installAfterCommit(calendar: WorkingCalendar, years: OfficialYear[]): void {
  installCalendar(calendar, years);
}
