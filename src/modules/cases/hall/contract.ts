import { z } from 'zod';

/** Schemas of the hall's queue and appointments (re-exported by the cases contract). */

const localText = z.object({ zh: z.string().min(1).max(100), en: z.string().min(1).max(200) });
const hhmm = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, { message: 'INVALID' });
const civilDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'INVALID' });

export const hallCodeParams = z.object({ code: z.string().regex(/^[A-Z0-9-]{2,20}$/) });
export const hallIdParams = z.object({ hallId: z.string().uuid() });
export const idParams = z.object({ id: z.string().uuid() });

export const hallBody = z.object({
  code: z.string().regex(/^[A-Z0-9-]{2,20}$/, { message: 'INVALID' }),
  name: localText,
  regionCode: z.string().regex(/^\d{6}$/, { message: 'INVALID' }),
  address: localText,
  hours: z
    .array(z.object({ from: hhmm, to: hhmm }))
    .min(1)
    .max(6)
    .refine((ps) => ps.every((p, i) => p.from < p.to && (i === 0 || ps[i - 1]!.to <= p.from)), { message: 'INVALID' }),
  slotMinutes: z.number().int().min(5).max(240).default(30),
  graceMinutes: z.number().int().min(0).max(120).default(15),
  bookingDays: z.number().int().min(1).max(60).default(7),
  noShowLimit: z.number().int().min(1).max(20).default(3),
  noShowWindowDays: z.number().int().min(1).max(365).default(90),
  blockDays: z.number().int().min(0).max(365).default(30),
});
export type HallInput = z.input<typeof hallBody>;

export const windowGroupBody = z.object({
  letter: z.string().regex(/^[A-Z]$/, { message: 'INVALID' }),
  name: localText,
  itemIds: z.array(z.string().uuid()).max(200),
  slotCapacity: z.number().int().min(1).max(100).default(2),
});
export type WindowGroupInput = z.input<typeof windowGroupBody>;

export const windowBody = z.object({ groupId: z.string().uuid(), number: z.number().int().min(1).max(999) });

const groupOut = z.object({ id: z.string().uuid(), letter: z.string(), name: z.string(), itemIds: z.array(z.string().uuid()), slotCapacity: z.number().int() });
export const hallOut = z.object({
  id: z.string().uuid(),
  code: z.string(),
  name: z.string(),
  address: z.string(),
  hours: z.array(z.object({ from: z.string(), to: z.string() })),
  slotMinutes: z.number().int(),
  groups: z.array(groupOut),
  windows: z.array(z.object({ id: z.string().uuid(), number: z.number().int(), groupId: z.string().uuid(), clerkName: z.string().nullable() })),
});
export const hallList = z.object({ halls: z.array(hallOut) });

// ---- Appointments ----

export const slotsQuery = z.object({ itemId: z.string().uuid() });
export const slotsOut = z.object({
  item: z.object({ id: z.string().uuid(), name: z.string() }),
  options: z.array(
    z.object({
      /** Whether this hall takes the person's booking, under its own no-show rule. */
      block: z.object({ blockedUntil: z.string().nullable(), noShows: z.number().int(), limit: z.number().int() }),
      hallId: z.string().uuid(),
      hallCode: z.string(),
      groupId: z.string().uuid(),
      hallName: z.string(),
      address: z.string(),
      groupName: z.string(),
      days: z.array(z.object({ day: z.string(), slots: z.array(z.object({ start: z.string(), end: z.string(), time: z.string(), remaining: z.number().int() })) })),
    }),
  ),
  block: z.object({ blockedUntil: z.string().nullable(), noShows: z.number().int(), limit: z.number().int() }),
});

export const bookBody = z.object({ itemId: z.string().uuid(), hallId: z.string().uuid(), slotStart: z.string().datetime({ offset: true }) });

export const appointmentOut = z.object({
  id: z.string().uuid(),
  code: z.string(),
  status: z.enum(['booked', 'cancelled', 'checked_in', 'no_show']),
  day: civilDate,
  start: z.string(),
  end: z.string(),
  time: z.string(),
  hall: z.object({ code: z.string(), name: z.string(), address: z.string() }),
  groupName: z.string(),
  item: z.object({ id: z.string().uuid(), name: z.string() }),
});
export const myAppointmentsOut = z.object({
  appointments: z.array(appointmentOut),
  block: z.object({ blockedUntil: z.string().nullable(), noShows: z.number().int(), limit: z.number().int() }),
});

// ---- Queue tickets ----

export const kioskTicketBody = z.object({ hallCode: hallCodeParams.shape.code, groupId: z.string().uuid() });
export const checkInBody = z.object({ hallCode: hallCodeParams.shape.code, code: z.string().trim().toUpperCase().pipe(z.string().regex(/^[A-Z0-9]{8}$/, { message: 'INVALID' })) });

export const ticketOut = z.object({
  id: z.string().uuid(),
  number: z.string(),
  status: z.enum(['waiting', 'called', 'serving', 'done', 'skipped']),
  source: z.enum(['kiosk', 'phone', 'appointment']),
  priority: z.boolean(),
  hallName: z.string(),
  groupName: z.string(),
  takenAt: z.string(),
  /** Tickets of the group called before this one (for a waiting ticket). */
  ahead: z.number().int(),
  windowNumber: z.number().int().nullable(),
  callCount: z.number().int(),
  caseNo: z.string().nullable(),
  caseId: z.string().uuid().nullable(),
});
export const myTicketsOut = z.object({ tickets: z.array(ticketOut) });

/** What the kiosk shows before taking a ticket: the hall's business types and their queues. */
export const kioskHallOut = z.object({
  code: z.string(),
  name: z.string(),
  groups: z.array(z.object({ id: z.string().uuid(), letter: z.string(), name: z.string(), waiting: z.number().int() })),
});

// ---- The window's calling panel ----

export const windowPanelOut = z.object({
  window: z.object({ id: z.string().uuid(), number: z.number().int(), hallCode: z.string(), hallName: z.string(), groupId: z.string().uuid(), groupName: z.string() }),
  current: ticketOut.extend({ applicantName: z.string().nullable() }).nullable(),
  waiting: z.array(z.object({ number: z.string(), priority: z.boolean(), takenAt: z.string() })),
  groups: z.array(z.object({ id: z.string().uuid(), letter: z.string(), name: z.string() })),
});
export const myWindowsOut = z.object({
  seat: z.object({ windowId: z.string().uuid() }).nullable(),
  windows: z.array(z.object({ id: z.string().uuid(), number: z.number().int(), hallName: z.string(), groupName: z.string(), clerkName: z.string().nullable() })),
});
export const transferBody = z.object({ groupId: z.string().uuid() });
export const ticketIdParams = z.object({ id: z.string().uuid(), ticketId: z.string().uuid() });

// ---- The waiting-room display (public, ticket numbers only) ----

export const displayOut = z.object({
  hallName: z.string(),
  now: z.string(),
  calls: z.array(z.object({ id: z.string().uuid(), number: z.string(), window: z.number().int(), calledAt: z.string(), callCount: z.number().int() })),
  waiting: z.array(z.object({ letter: z.string(), name: z.string(), count: z.number().int() })),
});

export type HallView = z.output<typeof hallOut>;
export type SlotsView = z.output<typeof slotsOut>;
export type AppointmentView = z.output<typeof appointmentOut>;
export type MyAppointments = z.output<typeof myAppointmentsOut>;
export type TicketView = z.output<typeof ticketOut>;
export type KioskHall = z.output<typeof kioskHallOut>;
export type WindowPanel = z.output<typeof windowPanelOut>;
export type MyWindows = z.output<typeof myWindowsOut>;
export type DisplayView = z.output<typeof displayOut>;
