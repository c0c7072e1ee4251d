import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.js';
import { createTestDatabase } from '../test/db.js';
import { multiInstanceSkipReason } from '../test/instances.js';
import { startJobs, type ScheduledJob } from './jobs.js';

const log = { error: () => {}, warn: () => {}, info: () => {} } as never;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Several schedulers on one database are several processes on PostgreSQL; PGlite has one process.
const skipReason = multiInstanceSkipReason();
let database: Database;
beforeAll(async () => {
  if (!skipReason) database = await createTestDatabase();
});
afterAll(() => database?.close());

describe('scheduled jobs with several instances', () => {
  it('run once per due time although every instance runs the scheduler', async (ctx) => {
    if (skipReason) return ctx.skip(skipReason);
    // Observe inside one minute: a job due every minute must run exactly once in it.
    const second = new Date().getUTCSeconds();
    if (second >= 45) await sleep((61 - second) * 1000);
    const runs: string[] = [];
    const job = (instance: string): ScheduledJob => ({ name: 'test.every-minute', cron: '* * * * *', run: async () => void runs.push(instance) });
    const fast = { cronMonitorIntervalSeconds: 1, pollingIntervalSeconds: 0.5 };
    // Started at the same moment, as instances of one rollout are (both create the queue and the schedule).
    const instances = await Promise.all(['one', 'two', 'three'].map((name) => startJobs(database, log, { jobs: [job(name)], ...fast })));
    try {
      for (let waited = 0; runs.length === 0 && waited < 10_000; waited += 250) await sleep(250);
      // Several more scheduler rounds on every instance: none may run it again.
      await sleep(5_000);
    } finally {
      await Promise.all(instances.map((i) => i.stop()));
    }
    expect(runs).toHaveLength(1);
    const schedules = await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.schedule WHERE name = 'test.every-minute'`);
    expect(schedules[0]!.n).toBe(1);
  }, 60_000);
});
