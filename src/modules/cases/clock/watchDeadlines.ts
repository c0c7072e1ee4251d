import { sql } from 'drizzle-orm';
import type { Tx } from '../../../db/client.js';
import { appendAudit } from '../../supervision/index.js';
import { WARN_SHARE } from './dates.js';

const AUDIT_CHUNK = 500;

/** A UUIDv7 made in SQL (PostgreSQL 15 has no uuidv7()): the millisecond time over a random v4, version bits set to 7. */
const uuidv7Sql = sql.raw(
  `encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid`,
);

/**
 * 电子监察 of the deadlines: one set-based statement colours every running clock from its stored
 * dates and `today` (Asia/Shanghai) — `red` past its due date, `yellow` from its warning date (80 %
 * of the limit used), else `green` — and writes only the rows whose colour changes. A paused clock
 * (supplement notice open, special procedure) keeps its colour. Each case that turns yellow or red
 * gets a history entry (`clock_yellow`, `clock_red`, by the platform), in the same statement; the
 * changes are audited in chunks of 500 case numbers.
 *
 * The running clock is the acceptance clock (accept_due_date) before acceptance and the promised
 * one (due_date) after; rows from before the clocks have no warning date and turn yellow at their due date.
 */
export async function watchDeadlines(tx: Tx, today: string): Promise<{ changed: number; yellow: number; red: number }> {
  const result = await tx.execute(sql`
    WITH running AS (
      SELECT id, due, coalesce(warn_date, due) AS warn
      FROM (SELECT id, warn_date, CASE WHEN status = 'accepted' THEN due_date ELSE accept_due_date END AS due
            FROM cases
            WHERE status IN ('submitted', 'resubmitted', 'accepted') AND paused_since IS NULL) r
      WHERE due IS NOT NULL
    ), coloured AS (
      SELECT id, due, CASE WHEN ${today}::date > due THEN 'red' WHEN ${today}::date >= warn THEN 'yellow' ELSE 'green' END AS colour
      FROM running
    ), changed AS (
      UPDATE cases SET clock_colour = coloured.colour, updated_at = now()
      FROM coloured
      WHERE cases.id = coloured.id AND cases.clock_colour <> coloured.colour
      RETURNING cases.id, cases.case_no, cases.status, coloured.colour, coloured.due
    ), events AS (
      INSERT INTO case_events (id, case_id, actor_account_id, action, from_status, to_status, note, detail)
      SELECT ${uuidv7Sql}, id, NULL, 'clock_' || colour, status, status, NULL, jsonb_build_object('dueDate', due::text, 'on', ${today}::text, 'warnShare', ${WARN_SHARE}::float8)
      FROM changed WHERE colour IN ('yellow', 'red')
    )
    SELECT (SELECT count(*)::int FROM changed) AS changed,
           coalesce((SELECT jsonb_agg(jsonb_build_object('caseNo', case_no, 'colour', colour)) FROM changed WHERE colour IN ('yellow', 'red')), '[]'::jsonb) AS alarms`);
  const row = (result as unknown as { rows: { changed: number; alarms: { caseNo: string; colour: 'yellow' | 'red' }[] | string }[] }).rows[0]!;
  const alarms = typeof row.alarms === 'string' ? (JSON.parse(row.alarms) as { caseNo: string; colour: 'yellow' | 'red' }[]) : row.alarms;
  for (let i = 0; i < alarms.length; i += AUDIT_CHUNK) {
    await appendAudit(tx, { actorAccountId: null, action: 'case.clock_alarm', entityType: 'deadline_watch', entityId: today, detail: { on: today, cases: alarms.slice(i, i + AUDIT_CHUNK) } });
  }
  return { changed: Number(row.changed), yellow: alarms.filter((a) => a.colour === 'yellow').length, red: alarms.filter((a) => a.colour === 'red').length };
}
