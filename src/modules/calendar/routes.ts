import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { assertCanManageCalendar } from './policy.js';
import { enterOut, overviewOut, scheduleBody, yearOut, yearParams } from './contract.js';
import { calendarOverview, enterSchedule, installAfterCommit, loadCalendar, scheduleYear, startCalendarPoll, type OnCalendarChange } from './service.js';

type Opts = {
  db: Db;
  /** Recomputes what depends on the calendar (open cases' due dates), inside the entry's transaction. */
  onChange: OnCalendarChange;
  /** How often this instance checks whether another one entered a schedule (ms); 0 = never. */
  pollMs?: number;
};

/** Official year schedules for platform admins, and this instance's calendar kept in step with the database. */
export async function calendarRoutes(app: FastifyInstance, opts: Opts) {
  const { db, onChange } = opts;
  await loadCalendar(db);
  const pollMs = opts.pollMs ?? 5000;
  if (pollMs > 0) {
    const stop = startCalendarPoll(db, pollMs, (err) => app.log.error({ err }, 'calendar version check failed'));
    app.addHook('onClose', async () => stop());
  }

  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['calendar'];

  r.get('/api/admin/calendar', { schema: { tags, response: { 200: overviewOut } } }, async (req) => {
    assertCanManageCalendar(req.actor);
    return calendarOverview(db);
  });

  r.get('/api/admin/calendar/years/:year', { schema: { tags, params: yearParams, response: { 200: yearOut } } }, async (req) => {
    assertCanManageCalendar(req.actor);
    return scheduleYear(db, req.params.year);
  });

  r.put('/api/admin/calendar/years/:year', { schema: { tags, params: yearParams, body: scheduleBody, response: { 200: enterOut } } }, async (req) => {
    const actor = assertCanManageCalendar(req.actor);
    const done = await db.transaction((tx) => enterSchedule(tx, actor, req.params.year, req.body, { origin: 'admin', onChange }));
    installAfterCommit(done.calendar, done.years);
    return { schedule: await scheduleYear(db, req.params.year), recomputedCases: done.recomputed };
  });
}
