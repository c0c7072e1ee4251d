import { z } from 'zod';

const civilDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'BAD_DATE');
export const holidayNames = ['newYear', 'springFestival', 'qingming', 'labourDay', 'dragonBoat', 'midAutumn', 'nationalDay', 'other'] as const;

export const yearParams = z.object({ year: z.coerce.number().int().min(2000).max(2099) });

/** One year's notice as the admin enters it: every day off (weekends inside a holiday included) and every make-up working day. */
export const scheduleBody = z.object({
  sourceNotice: z.string().trim().min(1, 'REQUIRED').max(300),
  holidays: z.array(z.object({ date: civilDate, name: z.enum(holidayNames) })).min(1, 'REQUIRED').max(60),
  workdays: z.array(civilDate).max(30),
});
export type ScheduleInput = z.infer<typeof scheduleBody>;

const day = z.object({ date: z.string(), name: z.string().nullable() });

export const yearOut = z.object({
  year: z.number().int(),
  /** entered: a schedule in the database; package: the holiday package's data; provisional: statutory days only. */
  source: z.enum(['entered', 'package', 'provisional']),
  origin: z.enum(['admin', 'file']).nullable(),
  sourceNotice: z.string().nullable(),
  enteredBy: z.string().nullable(),
  enteredAt: z.string().nullable(),
  holidays: z.array(day),
  workdays: z.array(z.string()),
});

export const overviewOut = z.object({
  today: z.string(),
  /** Last day of official data from today on (null: today's year itself has none). */
  officialUntil: z.string().nullable(),
  /** Days from today to officialUntil (0 when none). */
  daysCovered: z.number().int(),
  /** Official data covers fewer than `warnDays` days ahead. */
  warning: z.boolean(),
  warnDays: z.number().int(),
  /** First year without official data. */
  nextYear: z.number().int(),
  version: z.number().int(),
  years: z.array(yearOut.omit({ holidays: true, workdays: true }).extend({ holidayCount: z.number().int(), workdayCount: z.number().int() })),
});

export const enterOut = z.object({ schedule: yearOut, recomputedCases: z.number().int() });

export type YearDetail = z.output<typeof yearOut>;
export type CalendarOverview = z.output<typeof overviewOut>;
export type YearSummary = CalendarOverview['years'][number];
export type ScheduleBody = z.input<typeof scheduleBody>;
export type EnterResult = z.output<typeof enterOut>;
