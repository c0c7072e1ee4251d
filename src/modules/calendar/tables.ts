import { boolean, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../identity/tables.js';

/**
 * Official year schedules (国务院办公厅关于XXXX年部分节假日安排的通知) entered by a platform admin
 * or loaded from CALENDAR_OVERRIDES_FILE. A year present here replaces the holiday package's data
 * for that year; its days are in official_schedule_days.
 */
export const officialSchedules = pgTable('official_schedules', {
  year: integer('year').primaryKey(),
  /** The notice the data was taken from (title, document number, date). */
  sourceNotice: text('source_notice').notNull(),
  origin: text('origin').$type<'admin' | 'file'>().notNull().default('admin'),
  /** Null when loaded from the configuration file at start-up. */
  enteredBy: uuid('entered_by').references(() => accounts.id),
  enteredAt: timestamp('entered_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Days off (working = false, including the weekends inside a holiday) and make-up working days (working = true). */
export const officialScheduleDays = pgTable(
  'official_schedule_days',
  {
    date: date('date', { mode: 'string' }).primaryKey(),
    year: integer('year')
      .notNull()
      .references(() => officialSchedules.year, { onDelete: 'cascade' }),
    working: boolean('working').notNull(),
    /** Which holiday the day belongs to (newYear, springFestival, … or free text). */
    name: text('name'),
  },
  (t) => [index('official_schedule_days_year_idx').on(t.year)],
);

/**
 * One row (id 1): the calendar version, bumped with every schedule entered. Instances compare it
 * with the version they have loaded; due-date writes hold it FOR SHARE so they cannot race an entry.
 */
export const calendarState = pgTable('calendar_state', {
  id: integer('id').primaryKey(),
  version: integer('version').notNull(),
});
