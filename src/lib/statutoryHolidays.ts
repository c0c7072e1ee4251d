/**
 * Statutory public holidays (全体公民放假的节日) of 全国年节及纪念日放假办法 as revised by
 * 国务院令第795号 (2024-11-10, in force 2025-01-01), article 2:
 *   元旦 01-01; 春节 除夕 to 正月初三 (4 days); 清明节 on the 清明 solar term; 劳动节 05-01 and
 *   05-02; 端午节 五月初五; 中秋节 八月十五; 国庆节 10-01 to 10-03 — 13 days in all.
 * Used only for years the official notices do not cover yet: such dates are provisional.
 * (Article 6's substitute days off when a holiday falls on a weekend, and the 调休 make-up days,
 * are set by each year's notice and are not guessed here.)
 *
 * Lunar and solar-term dates come from `chinese-days` (its tables run 1900–2100; the solar-term
 * formula has 20th and 21st century constants only, so 1901–2099 is the range used here).
 * Its functions format dates with the host's local time: west of UTC (e.g. TZ=America/*)
 * `getSolarTermDate` and `getSolarDateFromLunar` answer one day early or late. The lunar fields
 * of `getLunarDate` (given a YYYY-MM-DD string, read as UTC midnight) and the day arithmetic
 * inside `getSolarTermDate` do not depend on the time zone, so only those are relied on, and
 * `getSolarTermDate`'s answer is corrected for the local formatting.
 */
import { createRequire } from 'node:module';

type LunarDate = { lunarYear: number; lunarMon: number; lunarDay: number; isLeap: boolean };
type ChineseDays = {
  getLunarDate(date: string): LunarDate;
  getSolarTermDate(year: number, month: number, term: 'pure_brightness'): string;
};

// The package is CommonJS whose typings declare an ESM default that does not exist at run time.
const chineseDays = createRequire(import.meta.url)('chinese-days') as ChineseDays;

export const STATUTORY_FIRST_YEAR = 1901;
export const STATUTORY_LAST_YEAR = 2099;

export type StatutoryName = 'newYear' | 'springFestival' | 'qingming' | 'labourDay' | 'dragonBoat' | 'midAutumn' | 'nationalDay';

const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The Gregorian date of lunar month/day (not a leap month) falling in Gregorian `year` between the bounds. */
function lunarInYear(year: number, month: number, day: number, from: [number, number], to: [number, number]): string {
  for (let t = Date.UTC(year, from[0] - 1, from[1]); t <= Date.UTC(year, to[0] - 1, to[1]); t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    const l = chineseDays.getLunarDate(date);
    if (l.lunarMon === month && l.lunarDay === day && !l.isLeap) return date;
  }
  throw new Error(`lunar ${month}-${day} not found in ${year}`);
}

/** 清明: the package computes the day right and then formats UTC midnight in local time. */
function qingming(year: number): string {
  const s = chineseDays.getSolarTermDate(year, 4, 'pure_brightness');
  const day = Number(s.slice(8, 10));
  // West of UTC, UTC midnight of the next day reads locally as `s`: the true date is one later.
  const shifted = new Date(Date.UTC(year, 3, day + 1)).getDate() === day;
  return shifted ? iso(year, 4, day + 1) : iso(year, 4, day);
}

/** Statutory days off of a year (date → holiday), or an empty map outside 1901–2099. */
export function statutoryHolidays(year: number): Map<string, StatutoryName> {
  const out = new Map<string, StatutoryName>();
  if (!Number.isInteger(year) || year < STATUTORY_FIRST_YEAR || year > STATUTORY_LAST_YEAR) return out;
  out.set(iso(year, 1, 1), 'newYear');
  // 正月初一 falls between 01-21 and 02-20.
  const springDay = lunarInYear(year, 1, 1, [1, 19], [2, 22]);
  for (let i = -1; i <= 2; i++) out.set(addDays(springDay, i), 'springFestival');
  out.set(qingming(year), 'qingming');
  out.set(iso(year, 5, 1), 'labourDay');
  out.set(iso(year, 5, 2), 'labourDay');
  out.set(lunarInYear(year, 5, 5, [5, 25], [6, 26]), 'dragonBoat');
  out.set(lunarInYear(year, 8, 15, [9, 5], [10, 10]), 'midAutumn');
  for (let d = 1; d <= 3; d++) out.set(iso(year, 10, d), 'nationalDay');
  return out;
}
