import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/client.js';
import { requireActor } from '../../identity/index.js';
import { bookAppointment } from './bookAppointment.js';
import { callNext } from './callNext.js';
import { cancelAppointment } from './cancelAppointment.js';
import { checkInAppointment } from './checkIn.js';
import {
  appointmentOut,
  bookBody,
  checkInBody,
  displayOut,
  hallBody,
  hallCodeParams,
  hallIdParams,
  hallList,
  idParams,
  kioskHallOut,
  kioskTicketBody,
  myAppointmentsOut,
  myTicketsOut,
  myWindowsOut,
  slotsOut,
  slotsQuery,
  ticketIdParams,
  ticketOut,
  transferBody,
  windowBody,
  windowGroupBody,
  windowPanelOut,
} from './contract.js';
import { assertMayManageHalls } from './policy.js';
import { ticketById, ticketViews } from './queue.js';
import { listSlots, myAppointments, readAppointment } from './readAppointments.js';
import { hallDisplay, kioskHall, listHalls, myTickets, myWindows, windowPanel } from './readQueue.js';
import { addWindow, addWindowGroup, createHall } from './setupHall.js';
import { takeKioskTicket, takePhoneTicket } from './takeTicket.js';
import { finishTicket, recallTicket, serveTicket, skipTicket, transferTicket } from './ticketMoves.js';
import { leaveWindow, sitAtWindow } from './windowSeat.js';

const created = z.object({ id: z.string().uuid() });

/** The hall's setup, appointments, queue tickets, calling panel and waiting-room display. */
export async function queueRoutes(app: FastifyInstance, opts: { db: Db }) {
  const { db } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['hall'];

  // ---- Setup (platform admins) ----
  r.get('/api/hall/halls', { schema: { tags, summary: 'Halls with their window groups and windows (staff)', response: { 200: hallList } } }, async (req) => {
    const actor = requireActor(req);
    if (actor.kind !== 'staff') assertMayManageHalls(actor);
    return { halls: await listHalls(db, req.lang) };
  });
  r.post('/api/hall/halls', { schema: { tags, summary: 'Create a service hall (platform admin)', body: hallBody, response: { 201: created } } }, async (req, reply) => {
    const actor = requireActor(req);
    return reply.code(201).send(await db.transaction((tx) => createHall(tx, actor, req.body)));
  });
  r.post('/api/hall/halls/:hallId/groups', { schema: { tags, summary: 'Add a window group (business type) to a hall', params: hallIdParams, body: windowGroupBody, response: { 201: created } } }, async (req, reply) => {
    const actor = requireActor(req);
    return reply.code(201).send(await db.transaction((tx) => addWindowGroup(tx, actor, req.params.hallId, req.body)));
  });
  r.post('/api/hall/halls/:hallId/windows', { schema: { tags, summary: 'Add a numbered window to a group', params: hallIdParams, body: windowBody, response: { 201: created } } }, async (req, reply) => {
    const actor = requireActor(req);
    return reply.code(201).send(await db.transaction((tx) => addWindow(tx, actor, req.params.hallId, req.body)));
  });

  // ---- Public: the kiosk and the waiting-room display (no sign-in, ticket numbers only) ----
  r.get('/api/hall/halls/:code/kiosk', { schema: { tags, summary: 'The business types of a hall and their queues, for the kiosk', params: hallCodeParams, response: { 200: kioskHallOut } } }, async (req) =>
    kioskHall(db, req.lang, req.params.code),
  );
  r.get('/api/hall/halls/:code/display', { schema: { tags, summary: 'The waiting-room display: numbers called, windows, waiting counts', params: hallCodeParams, response: { 200: displayOut } } }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return hallDisplay(db, req.lang, req.params.code);
  });
  r.post('/api/hall/kiosk/tickets', { schema: { tags, summary: 'Take an anonymous ticket at the kiosk', body: kioskTicketBody, response: { 201: ticketOut } } }, async (req, reply) => {
    const view = await db.transaction(async (tx) => (await ticketViews(tx, req.lang, [(await ticketById(tx, await takeKioskTicket(tx, req.body)))!]))[0]!);
    return reply.code(201).send(view);
  });
  r.post('/api/hall/kiosk/check-in', { schema: { tags, summary: 'Check in an appointment with its booking code: a priority ticket', body: checkInBody, response: { 201: ticketOut } } }, async (req, reply) => {
    const view = await db.transaction(async (tx) => (await ticketViews(tx, req.lang, [(await ticketById(tx, await checkInAppointment(tx, req.body)))!]))[0]!);
    return reply.code(201).send(view);
  });

  // ---- Citizens: appointments and tickets by phone ----
  r.get('/api/hall/slots', { schema: { tags, summary: 'Open appointment slots for an item', querystring: slotsQuery, response: { 200: slotsOut } } }, async (req) =>
    listSlots(db, requireActor(req), req.lang, req.query.itemId),
  );
  r.get('/api/hall/appointments', { schema: { tags, summary: 'My appointments and whether online booking is blocked', response: { 200: myAppointmentsOut } } }, async (req) =>
    myAppointments(db, requireActor(req), req.lang),
  );
  r.post('/api/hall/appointments', { schema: { tags, summary: 'Book an appointment slot', body: bookBody, response: { 201: appointmentOut } } }, async (req, reply) => {
    const actor = requireActor(req);
    const view = await db.transaction(async (tx) => readAppointment(tx, actor, req.lang, (await bookAppointment(tx, actor, req.body)).id));
    return reply.code(201).send(view);
  });
  r.get('/api/hall/appointments/:id', { schema: { tags, summary: 'One of my appointments', params: idParams, response: { 200: appointmentOut } } }, async (req) =>
    readAppointment(db, requireActor(req), req.lang, req.params.id),
  );
  r.post('/api/hall/appointments/:id/cancel', { schema: { tags, summary: 'Cancel my appointment', params: idParams, response: { 200: appointmentOut } } }, async (req) => {
    const actor = requireActor(req);
    return db.transaction(async (tx) => {
      await cancelAppointment(tx, actor, req.params.id);
      return readAppointment(tx, actor, req.lang, req.params.id);
    });
  });
  r.get('/api/hall/tickets', { schema: { tags, summary: 'My tickets of today', response: { 200: myTicketsOut } } }, async (req) => ({ tickets: await myTickets(db, requireActor(req), req.lang) }));
  r.post('/api/hall/tickets', { schema: { tags, summary: 'Take a ticket by phone before coming to the hall', body: kioskTicketBody, response: { 201: ticketOut } } }, async (req, reply) => {
    const actor = requireActor(req);
    const view = await db.transaction(async (tx) => (await ticketViews(tx, req.lang, [(await ticketById(tx, await takePhoneTicket(tx, actor, req.body)))!]))[0]!);
    return reply.code(201).send(view);
  });

  // ---- The window's calling panel (clerks) ----
  r.get('/api/hall/windows', { schema: { tags, summary: 'Windows a clerk may sign in at, and their own', response: { 200: myWindowsOut } } }, async (req) => myWindows(db, requireActor(req), req.lang));
  r.get('/api/hall/windows/:id', { schema: { tags, summary: 'The calling panel of my window', params: idParams, response: { 200: windowPanelOut } } }, async (req) =>
    windowPanel(db, requireActor(req), req.lang, req.params.id),
  );
  const panelAfter = (name: string, summary: string, move: (tx: Parameters<Parameters<Db['transaction']>[0]>[0], actor: ReturnType<typeof requireActor>, id: string) => Promise<unknown>) =>
    r.post(`/api/hall/windows/:id/${name}`, { schema: { tags, summary, params: idParams, response: { 200: windowPanelOut } } }, async (req) => {
      const actor = requireActor(req);
      return db.transaction(async (tx) => {
        await move(tx, actor, req.params.id);
        return windowPanel(tx, actor, req.lang, req.params.id);
      });
    });
  panelAfter('sit', 'Sign in at a window', (tx, actor, id) => sitAtWindow(tx, actor, id));
  panelAfter('call-next', 'Call the next ticket (appointments first, then by time)', (tx, actor, id) => callNext(tx, actor, id));
  r.post('/api/hall/windows/:id/leave', { schema: { tags, summary: 'Sign out of my window', params: idParams, response: { 204: z.null() } } }, async (req, reply) => {
    const actor = requireActor(req);
    await db.transaction((tx) => leaveWindow(tx, actor, req.params.id));
    return reply.code(204).send(null);
  });
  const ticketMove = (name: string, summary: string, move: (tx: Parameters<Parameters<Db['transaction']>[0]>[0], actor: ReturnType<typeof requireActor>, windowId: string, ticketId: string) => Promise<unknown>) =>
    r.post(`/api/hall/windows/:id/tickets/:ticketId/${name}`, { schema: { tags, summary, params: ticketIdParams, response: { 200: windowPanelOut } } }, async (req) => {
      const actor = requireActor(req);
      return db.transaction(async (tx) => {
        await move(tx, actor, req.params.id, req.params.ticketId);
        return windowPanel(tx, actor, req.lang, req.params.id);
      });
    });
  ticketMove('recall', 'Call the ticket again (a recall after the third call skips it)', (tx, a, w, t) => recallTicket(tx, a, w, t));
  ticketMove('skip', 'Skip the called ticket (the person did not come)', (tx, a, w, t) => skipTicket(tx, a, w, t));
  ticketMove('serve', 'Start serving the called person (opens the hall intake)', (tx, a, w, t) => serveTicket(tx, a, w, t));
  ticketMove('finish', 'Finish the ticket', (tx, a, w, t) => finishTicket(tx, a, w, t));
  r.post('/api/hall/windows/:id/tickets/:ticketId/transfer', { schema: { tags, summary: 'Transfer the ticket to another window group', params: ticketIdParams, body: transferBody, response: { 200: windowPanelOut } } }, async (req) => {
    const actor = requireActor(req);
    return db.transaction(async (tx) => {
      await transferTicket(tx, actor, req.params.id, req.params.ticketId, req.body.groupId);
      return windowPanel(tx, actor, req.lang, req.params.id);
    });
  });
}
