import type { Db } from '../../../db/client.js';
import { shanghaiDate } from '../../../lib/calendar.js';
import { lapseSupplements } from './lapseSupplements.js';
import { warnSupplements } from './warnSupplements.js';
import { watchDeadlines } from './watchDeadlines.js';

/**
 * The scheduled deadline watch (src/server/jobs.ts): lapse the expired supplement notices, warn the
 * applicants whose supplement deadline is near, then colour every running clock.
 */
export async function runDeadlineWatch(db: Db, today: string = shanghaiDate(new Date())) {
  const { lapsed } = await lapseSupplements(db, today);
  const { warned } = await db.transaction((tx) => warnSupplements(tx, today));
  const colours = await db.transaction((tx) => watchDeadlines(tx, today));
  return { lapsed, warned, ...colours };
}
