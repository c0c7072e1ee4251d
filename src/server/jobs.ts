import PgBoss from 'pg-boss';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/client.js';
import { purgeExpiredSessions } from '../modules/identity/index.js';
import { purgeExpiredOidcPayloads } from '../modules/oidc/index.js';
import { purgeOldQrSignIns } from '../modules/identity/index.js';
import { markNoShows, purgeUnattachedUploads, purgeUploadRateWindows, remindAppointments, runDeadlineWatch } from '../modules/cases/index.js';
import type { FileStores } from '../modules/files/index.js';
import { purgeEndedWindows } from '../modules/ratelimit/index.js';

/** A job pg-boss runs on a cron schedule (UTC), once per due time for the whole platform. */
export type ScheduledJob = { name: string; cron: string; run: () => Promise<unknown> };

/** The platform's housekeeping. */
export function platformJobs(
  database: Database,
  log: FastifyBaseLogger,
  opts: { files: FileStores; uploadPurgeGraceHours: number; uploadRateWindowSeconds: number },
): ScheduledJob[] {
  const db = database.db;
  return [
    {
      name: 'sessions.purge',
      cron: '17 * * * *',
      run: async () => {
        await purgeExpiredSessions(db);
        await purgeOldQrSignIns(db);
      },
    },
    { name: 'oidc.purge', cron: '23 * * * *', run: () => purgeExpiredOidcPayloads(db) },
    {
      // Uploads no case took within the grace period (an abandoned application) are not kept.
      name: 'uploads.purge',
      cron: '41 * * * *',
      run: async () => {
        const purged = await purgeUnattachedUploads(db, opts.files, {
          olderThan: new Date(Date.now() - opts.uploadPurgeGraceHours * 3600_000),
          onContentLeft: (key, err) => log.warn({ key, err: (err as Error).message }, 'purged upload: its content could not be deleted from the file store'),
        });
        await purgeUploadRateWindows(db, opts.uploadRateWindowSeconds);
        if (purged) log.info({ purged }, 'purged uploads never attached to a case');
      },
    },
    {
      // 电子监察 of the deadlines: hourly, so a day's colours are in minutes after midnight in
      // Asia/Shanghai (16:00 UTC) and a missed run is caught up; a run that changes nothing writes nothing.
      name: 'cases.deadline-watch',
      cron: '5 * * * *',
      run: async () => {
        const out = await runDeadlineWatch(db);
        if (out.changed || out.lapsed) log.info(out, 'deadline watch: clocks coloured, supplements lapsed');
      },
    },
    // Counters of the HTTP rate limits whose window has ended.
    { name: 'ratelimit.purge', cron: '*/10 * * * *', run: () => purgeEndedWindows(db) },
    // Hall bookings not checked in by their slot's end plus the hall's grace become no-shows.
    { name: 'hall.noshows', cron: '*/5 * * * *', run: () => db.transaction((tx) => markNoShows(tx)) },
    {
      // The day-before reminder, in the Shanghai evening (18:07; 19:07 and 20:07 catch bookings made
      // meanwhile). Through notify: the message centre, and SMS after the commit as the person chose.
      name: 'hall.reminders',
      cron: '7 10-12 * * *',
      run: async () => {
        const r = await remindAppointments(db);
        if (r.reminded) log.info(r, 'appointment reminders');
      },
    },
  ];
}

export type JobOptions = {
  jobs: ScheduledJob[];
  /** How often pg-boss checks schedules and polls for work (its defaults: 30 s and 2 s); tests shorten them. */
  cronMonitorIntervalSeconds?: number;
  pollingIntervalSeconds?: number;
};

/**
 * Background jobs on pg-boss, through our own connection so PGlite works too
 * (pg-boss sends multi-statement scripts without parameters: those go to `exec`).
 *
 * Every instance may run this (JOBS=true): a scheduled job still runs once per due time. pg-boss
 * lets one instance at a time evaluate the schedules (an UPDATE on pgboss.version.cron_on that
 * only one wins per monitor interval), queues each due run with a singleton key for its minute,
 * and hands each queued job to one worker (SELECT … FOR UPDATE SKIP LOCKED). Start-up itself
 * (pg-boss's schema, queues, schedules) takes the platform start-up lock: pg-boss 10's
 * create_queue deadlocks when two instances create the same queue at once.
 */
export async function startJobs(database: Database, log: FastifyBaseLogger, opts: JobOptions) {
  const boss = new PgBoss({
    db: {
      async executeSql(text: string, values: unknown[]) {
        if ((!values || values.length === 0) && database.execScript) {
          return { rows: await database.execScript(text) };
        }
        return { rows: await database.query(text, values ?? []) };
      },
    },
    schema: 'pgboss',
    supervise: true,
    schedule: true,
    ...(opts.cronMonitorIntervalSeconds ? { cronMonitorIntervalSeconds: opts.cronMonitorIntervalSeconds, cronWorkerIntervalSeconds: opts.cronMonitorIntervalSeconds } : {}),
  });
  boss.on('error', (err) => log.error({ err }, 'job queue error'));
  await database.exclusive(async () => {
    await boss.start();
    for (const job of opts.jobs) {
      await boss.createQueue(job.name);
      await boss.schedule(job.name, job.cron);
    }
  });
  for (const job of opts.jobs) {
    await boss.work(job.name, { ...(opts.pollingIntervalSeconds ? { pollingIntervalSeconds: opts.pollingIntervalSeconds } : {}) }, async () => {
      await job.run();
    });
  }

  return {
    boss,
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 5000 });
    },
  };
}
