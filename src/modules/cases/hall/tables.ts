import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { LocalText } from '../../../db/types.js';
import { accounts } from '../../identity/tables.js';
import { serviceItems } from '../../catalog/tables.js';
import { cases } from '../tables.js';

/** One opening period of a hall's day, Asia/Shanghai wall-clock times `HH:MM` (end may be `24:00`). */
export type OpeningPeriod = { from: string; to: string };

/**
 * A service hall (政务服务大厅) of the node: its opening hours on working days (the official
 * calendar decides which days: no slots on holidays, make-up days open), the length of an
 * appointment slot, and the no-show rules (a booking not checked in by slot end + grace is a
 * no-show; `noShowLimit` of them within `noShowWindowDays` block online booking for `blockDays`).
 */
export const halls = pgTable('halls', {
  id: uuid('id').primaryKey(),
  /** Short public code, used in the waiting-room display's address (`/hall/<code>/display`). */
  code: text('code').notNull().unique(),
  name: jsonb('name').$type<LocalText>().notNull(),
  regionCode: text('region_code').notNull(),
  address: jsonb('address').$type<LocalText>().notNull(),
  hours: jsonb('hours').$type<OpeningPeriod[]>().notNull(),
  slotMinutes: integer('slot_minutes').notNull().default(30),
  graceMinutes: integer('grace_minutes').notNull().default(15),
  /** How many days ahead citizens may book. */
  bookingDays: integer('booking_days').notNull().default(7),
  noShowLimit: integer('no_show_limit').notNull().default(3),
  noShowWindowDays: integer('no_show_window_days').notNull().default(90),
  blockDays: integer('block_days').notNull().default(30),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A window group (综合窗口 A, 税务窗口 B …): the business type a queue ticket is taken for. Its
 * letter starts every ticket number (A012); its items are the services its windows handle.
 */
export const hallWindowGroups = pgTable(
  'hall_window_groups',
  {
    id: uuid('id').primaryKey(),
    hallId: uuid('hall_id').notNull().references(() => halls.id),
    letter: text('letter').notNull(),
    name: jsonb('name').$type<LocalText>().notNull(),
    itemIds: jsonb('item_ids').$type<string[]>().notNull(),
    /** Appointments one slot of this group takes. */
    slotCapacity: integer('slot_capacity').notNull().default(2),
  },
  (t) => [unique('hall_window_groups_letter_uq').on(t.hallId, t.letter)],
);

/** A numbered window of a group, and the clerk signed in at it (null: unstaffed). */
export const hallWindows = pgTable(
  'hall_windows',
  {
    id: uuid('id').primaryKey(),
    hallId: uuid('hall_id').notNull().references(() => halls.id),
    groupId: uuid('group_id').notNull().references(() => hallWindowGroups.id),
    number: integer('number').notNull(),
    clerkAccountId: uuid('clerk_account_id').references(() => accounts.id),
  },
  (t) => [unique('hall_windows_number_uq').on(t.hallId, t.number), uniqueIndex('hall_windows_clerk_uq').on(t.clerkAccountId)],
);

export type AppointmentStatus = 'booked' | 'cancelled' | 'checked_in' | 'no_show';

/** A citizen's booking (预约) of one slot of a window group, for one item. */
export const hallAppointments = pgTable(
  'hall_appointments',
  {
    id: uuid('id').primaryKey(),
    hallId: uuid('hall_id').notNull().references(() => halls.id),
    groupId: uuid('group_id').notNull().references(() => hallWindowGroups.id),
    itemId: uuid('item_id').notNull().references(() => serviceItems.id),
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    /** The slot's civil date (Asia/Shanghai). */
    day: date('day', { mode: 'string' }).notNull(),
    slotStart: timestamp('slot_start', { withTimezone: true }).notNull(),
    slotEnd: timestamp('slot_end', { withTimezone: true }).notNull(),
    /** The booking code shown to the citizen and typed at the kiosk. */
    code: text('code').notNull().unique(),
    status: text('status').$type<AppointmentStatus>().notNull().default('booked'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
  },
  (t) => [
    // At most one open booking per person, item and day.
    uniqueIndex('hall_appointments_open_uq').on(t.accountId, t.itemId, t.day).where(sql`status = 'booked'`),
    index('hall_appointments_account_idx').on(t.accountId, t.slotStart),
    index('hall_appointments_due_idx').on(t.status, t.slotEnd),
  ],
);

/** Bookings per slot: one row per group and slot start, raised only while below capacity. */
export const hallSlotCounts = pgTable(
  'hall_slot_counts',
  {
    groupId: uuid('group_id').notNull().references(() => hallWindowGroups.id),
    slotStart: timestamp('slot_start', { withTimezone: true }).notNull(),
    booked: integer('booked').notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.slotStart] })],
);

/** The last ticket number given per group and day. */
export const hallTicketCounters = pgTable(
  'hall_ticket_counters',
  {
    groupId: uuid('group_id').notNull().references(() => hallWindowGroups.id),
    day: date('day', { mode: 'string' }).notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.day] })],
);

export type TicketSource = 'kiosk' | 'phone' | 'appointment';
export type TicketStatus = 'waiting' | 'called' | 'serving' | 'done' | 'skipped';

/** A queue ticket (取号): waiting for its group, called to a window, served, finished or skipped. */
export const hallTickets = pgTable(
  'hall_tickets',
  {
    id: uuid('id').primaryKey(),
    hallId: uuid('hall_id').notNull().references(() => halls.id),
    groupId: uuid('group_id').notNull().references(() => hallWindowGroups.id),
    day: date('day', { mode: 'string' }).notNull(),
    number: text('number').notNull(),
    source: text('source').$type<TicketSource>().notNull(),
    /** 1 for a checked-in appointment (called before walk-ins), 0 otherwise. */
    priority: integer('priority').notNull().default(0),
    /** The citizen, when known (taken by phone or from an appointment); kiosk tickets are anonymous. */
    accountId: uuid('account_id').references(() => accounts.id),
    appointmentId: uuid('appointment_id').references(() => hallAppointments.id),
    status: text('status').$type<TicketStatus>().notNull().default('waiting'),
    takenAt: timestamp('taken_at', { withTimezone: true }).notNull(),
    windowId: uuid('window_id').references(() => hallWindows.id),
    calledAt: timestamp('called_at', { withTimezone: true }),
    callCount: integer('call_count').notNull().default(0),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    caseId: uuid('case_id').references(() => cases.id),
  },
  (t) => [
    unique('hall_tickets_number_uq').on(t.groupId, t.day, t.number),
    index('hall_tickets_queue_idx').on(t.groupId, t.status, t.priority, t.takenAt),
    index('hall_tickets_hall_idx').on(t.hallId, t.day, t.calledAt),
  ],
);

/**
 * One walk-in served at a hall window (窗口接待): opened when the clerk has checked the person's
 * ID card. Applying on someone's behalf needs an open visit of that clerk with that person. A
 * visit opened for a queue ticket links the case it creates to that ticket.
 */
export const hallVisits = pgTable(
  'hall_visits',
  {
    id: uuid('id').primaryKey(),
    clerkAccountId: uuid('clerk_account_id').notNull().references(() => accounts.id),
    applicantAccountId: uuid('applicant_account_id').notNull().references(() => accounts.id),
    ticketId: uuid('ticket_id').references(() => hallTickets.id),
    checkedAt: timestamp('checked_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('hall_visits_clerk_idx').on(t.clerkAccountId)],
);
