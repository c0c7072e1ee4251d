/**
 * Bulk seed for `npm run bench:scale`: a city node two years into service, written with
 * set-based SQL (generate_series, INSERT … SELECT) straight into PostgreSQL, not through the API —
 * a million submissions over HTTP would take hours here.
 *
 * On top of the demo node (migrated and seeded by the bench server as usual) it adds:
 * - 20 more bureaus under the city government, each with one published item (copied from a demo item);
 * - 600 000 persons and 20 000 enterprises (no password anyone knows, no sealed identifiers);
 * - 1 000 000 cases over the last 730 days (ending yesterday, Shanghai), spread over the 23
 *   departments with items (public security 22 %, market regulation 18 %, civil affairs 10 %, the
 *   rest falling off by rank), over applicants with a long tail (a few apply often), and over
 *   statuses by age: most of a month or older are closed, recent ones wait in the queues;
 * - 10 000 000 certificates over the same two years (most from before the platform, so without a
 *   case), over the same holders, a few per cent revoked;
 * - the demo citizen 张三 with 80 cases and 60 certificates, and the demo enterprise with 10 000
 *   certificates issued through the real `issueLicence` (signed, identifiers sealed), each with its
 *   completed case: the heaviest wallet, whose list the issue measured at 3.6 MB;
 * - 500 000 sessions opened over the last 13 hours with the default 12-hour lifetime: the hour
 *   that has expired since the last hourly purge is that job's work (≈ 38 000 rows, the oldest);
 * - `mz.clerk` and `mz.approver` also hold their role in public security and five of the new
 *   bureaus: the lists over several departments.
 *
 * Bulk certificates carry placeholder signatures and readable (legacy-format) identifiers: only
 * the real ones above are verified or opened in the timed sections.
 *
 * Secondary indexes and constraints of the two big tables are dropped for the load and rebuilt
 * with their own definitions afterwards (foreign keys NOT VALID: the rows are generated consistent).
 */
import pg from 'pg';
import { openPostgres } from '../src/db/client.js';
import { demoCitizens, demoEntity } from '../src/server/demo/seed.js';
import { issueLicence } from '../src/modules/licences/service.js';

/** BENCH_SCALE_FACTOR (default 1) shrinks the volume for a quick trial of the script itself. */
const f = Number(process.env.BENCH_SCALE_FACTOR ?? 1);
const scaled = (n: number) => Math.max(100, Math.round(n * f));
export const SCALE = {
  persons: scaled(600_000),
  entities: scaled(20_000),
  cases: scaled(1_000_000),
  licences: scaled(10_000_000),
  sessions: scaled(500_000),
  extraDepartments: 20,
  heavyHolderLicences: Math.min(10_000, scaled(10_000)),
  citizenCases: 80,
  citizenLicences: 60,
};
/**
 * BENCH_SCALE_RUNNING=1: every case but 张三's closed ones is still running (submitted, in a
 * supplement round or in approval), for the deadline watch over a million running cases; the
 * default spread is a city two years in, most cases long closed.
 */
export const RUNNING = process.env.BENCH_SCALE_RUNNING === '1';
export const SEED_VERSION = `scale-v4-${f}${RUNNING ? '-running' : ''}`;

type Log = (s: string) => void;

async function timed<T>(log: Log, what: string, f: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const r = await f();
  log(`  ${what}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return r;
}

/** Drops a table's primary key, unique and foreign-key constraints and its other indexes; returns how to put them back. */
async function dropIndexes(c: pg.Client, table: string): Promise<string[]> {
  const cons = await c.query<{ conname: string; def: string; contype: string }>(
    `SELECT conname, pg_get_constraintdef(oid) AS def, contype FROM pg_constraint WHERE conrelid = $1::regclass AND contype IN ('p','u','f') ORDER BY contype DESC`,
    [table],
  );
  const idx = await c.query<{ indexname: string; indexdef: string }>(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = $1 AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname AND k.conrelid = $1::regclass)`,
    [table],
  );
  // Foreign keys of other tables pointing here depend on the primary key: drop and restore those too.
  const inbound = await c.query<{ conname: string; def: string; tbl: string }>(
    `SELECT conname, pg_get_constraintdef(oid) AS def, conrelid::regclass::text AS tbl FROM pg_constraint WHERE confrelid = $1::regclass AND contype = 'f' AND conrelid <> $1::regclass`,
    [table],
  );
  for (const k of inbound.rows) await c.query(`ALTER TABLE ${k.tbl} DROP CONSTRAINT ${k.conname}`);
  for (const k of cons.rows.filter((k) => k.contype === 'f')) await c.query(`ALTER TABLE ${table} DROP CONSTRAINT ${k.conname}`);
  for (const k of cons.rows.filter((k) => k.contype !== 'f')) await c.query(`ALTER TABLE ${table} DROP CONSTRAINT ${k.conname}`);
  for (const i of idx.rows) await c.query(`DROP INDEX ${i.indexname}`);
  return [
    ...cons.rows.filter((k) => k.contype !== 'f').map((k) => `ALTER TABLE ${table} ADD CONSTRAINT ${k.conname} ${k.def}`),
    ...idx.rows.map((i) => i.indexdef),
    ...cons.rows.filter((k) => k.contype === 'f').map((k) => `ALTER TABLE ${table} ADD CONSTRAINT ${k.conname} ${k.def} NOT VALID`),
    ...inbound.rows.map((k) => `ALTER TABLE ${k.tbl} ADD CONSTRAINT ${k.conname} ${k.def} NOT VALID`),
  ];
}

async function restore(c: pg.Client, log: Log, statements: string[]) {
  for (const s of statements) await timed(log, s.replace(/ USING btree/, '').slice(0, 110), () => c.query(s));
}

/** A UUID whose first 48 bits are the given time in ms, like the app's UUIDv7 keys (SQL expression). */
const uuidAt = (ts: string, salt: string) =>
  `(lpad(to_hex((extract(epoch FROM ${ts}) * 1000)::bigint), 12, '0') || '7' || substr(md5(${salt}), 1, 3) || '8' || substr(md5(${salt}), 4, 15))::uuid`;

export async function seedScale(url: string, log: Log): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  let zhang = '';
  let entityId = '';
  try {
    await c.query(`SET maintenance_work_mem = '1GB'; SET synchronous_commit = off; SET work_mem = '256MB'`);
    // Deterministic ids for generated rows (RFC 9562 version 4 layout, so the API's uuid checks accept them).
    await c.query(`CREATE FUNCTION bench_uuid(text) RETURNS uuid IMMUTABLE LANGUAGE sql AS
      $$ SELECT (substr(md5($1), 1, 12) || '4' || substr(md5($1), 14, 3) || '8' || substr(md5($1), 18, 15))::uuid $$`);
    const dept = async (code: string) => (await c.query<{ id: string }>(`SELECT id FROM departments WHERE code = $1`, [code])).rows[0]!.id;
    const lz = await dept('LZ');

    await timed(log, `${SCALE.extraDepartments} more bureaus, one item each`, async () => {
      await c.query(
        `INSERT INTO departments (id, code, name, credit_code, region_code, parent_id)
         SELECT bench_uuid('dept' || i), 'B' || lpad(i::text, 2, '0'),
                jsonb_build_object('zh', '兰州市第' || i || '委办局', 'en', 'Lanzhou Bureau No. ' || i),
                '11620100MB' || lpad(i::text, 7, '0') || 'X', '620100', $1
         FROM generate_series(1, $2) i`,
        [lz, SCALE.extraDepartments],
      );
      await c.query(
        `INSERT INTO service_items (id, code, basic_item_id, region_code, department_id, item_type, name, guide, materials, form, legal_limit_days, promised_limit_days, online_depth, min_level, licence_type_code, applicant_kinds, published)
         SELECT bench_uuid('item' || d.i), '9' || lpad(d.i::text, 11, '0'), s.basic_item_id, '620100', bench_uuid('dept' || d.i), s.item_type,
                jsonb_build_object('zh', (s.name->>'zh') || '（第' || d.i || '委办局）', 'en', (s.name->>'en') || ' (Bureau ' || d.i || ')'),
                s.guide, s.materials, s.form, s.legal_limit_days, s.promised_limit_days, s.online_depth, s.min_level, NULL, s.applicant_kinds, true
         FROM generate_series(1, $1) d(i)
         CROSS JOIN LATERAL (SELECT * FROM service_items WHERE code NOT LIKE '9%' ORDER BY code OFFSET (d.i % 6) LIMIT 1) s`,
        [SCALE.extraDepartments],
      );
      // Each bureau's implementation gets its published version 1 (what its cases are applied under).
      await c.query(
        `INSERT INTO service_item_versions (id, service_item_id, version_no, status, overrides, content, published_at)
         SELECT bench_uuid('version' || i.id), i.id, 1, 'published', '{}'::jsonb,
                jsonb_build_object('name', i.name, 'itemType', i.item_type, 'guide', i.guide, 'materials', i.materials, 'form', i.form,
                                   'legalLimitDays', i.legal_limit_days, 'promisedLimitDays', i.promised_limit_days, 'onlineDepth', i.online_depth,
                                   'licenceTypeCode', i.licence_type_code, 'minLevel', i.min_level, 'applicantKinds', i.applicant_kinds), now()
         FROM service_items i WHERE i.current_version_id IS NULL`,
      );
      await c.query(`UPDATE service_items SET current_version_id = bench_uuid('version' || id) WHERE current_version_id IS NULL`);
    });

    await timed(log, `${SCALE.persons + SCALE.entities} applicants`, () =>
      c.query(
        `INSERT INTO accounts (id, kind, name, password_hash, level, created_at)
         SELECT bench_uuid('acct' || i),
                CASE WHEN i <= $1::int THEN 'person' ELSE 'entity' END,
                CASE WHEN i <= $1
                  THEN (array['王','李','张','刘','陈','杨','赵','黄','周','吴','徐','孙','马','朱','胡'])[1 + i % 15] || (array['伟','芳','娜','敏','静','丽','强','磊','军','洋','勇','艳','杰','娟','涛','明','超','秀英','华','慧'])[1 + (i / 15) % 20]
                  ELSE '兰州' || (array['恒达','金城','黄河','陇原','新兴','丝路','安宁','城关'])[1 + i % 8] || '商贸有限公司' || (i - $1::int)
                END,
                'bench-scale:no-password', CASE WHEN i % 10 = 0 THEN 3 ELSE 2 END, now() - interval '800 days' * random()
         FROM generate_series(1, $1::int + $2::int) i`,
        [SCALE.persons, SCALE.entities],
      ),
    );

    // Departments with items, and how likely a case is theirs.
    // The city bureaus count with their district units (GA, GA-CG…); every other unit with items falls off by rank.
    await c.query(`CREATE TABLE bench_pick AS
      WITH d0 AS (
        SELECT s.id AS item_id, s.current_version_id AS item_version_id, s.department_id, s.promised_limit_days, dep.code,
               substring(dep.code from '^(GA|SCJG|MZ)(?:-|$)') AS big
        FROM service_items s JOIN departments dep ON dep.id = s.department_id
      ),
      ranked AS (
        SELECT code, row_number() OVER (ORDER BY code ~ '^B[0-9]+$', code) AS r, count(*) OVER () AS n
        FROM (SELECT DISTINCT code FROM d0 WHERE big IS NULL) x
      ),
      d AS (
        SELECT d0.item_id, d0.item_version_id, d0.department_id, d0.promised_limit_days,
               CASE d0.big WHEN 'GA' THEN 0.22 / count(*) OVER (PARTITION BY d0.big)
                 WHEN 'SCJG' THEN 0.18 / count(*) OVER (PARTITION BY d0.big)
                 WHEN 'MZ' THEN 0.10 / count(*) OVER (PARTITION BY d0.big)
                 ELSE 0.50 * (1.0 / (1 + ranked.r)) / (SELECT sum(1.0 / (1 + g)) FROM generate_series(1, ranked.n) g)
                   / count(*) OVER (PARTITION BY d0.department_id) END AS w
        FROM d0 LEFT JOIN ranked ON ranked.code = d0.code
      )
      SELECT item_id, item_version_id, department_id, promised_limit_days, sum(w) OVER (ORDER BY item_id) - w AS lo,
             CASE WHEN row_number() OVER (ORDER BY item_id DESC) = 1 THEN 2 ELSE sum(w) OVER (ORDER BY item_id) END AS hi
      FROM d`);

    zhang = (await c.query<{ id: string }>(`SELECT id FROM accounts WHERE kind = 'person' AND name = $1 AND password_hash <> 'bench-scale:no-password' LIMIT 1`, [demoCitizens[0]!.name])).rows[0]!.id;
    entityId = (await c.query<{ id: string }>(`SELECT id FROM accounts WHERE credit_code = $1`, [demoEntity.creditCode])).rows[0]!.id;
    const n = SCALE.persons + SCALE.entities;

    const restoreCases = await dropIndexes(c, 'cases');
    await timed(log, `${SCALE.cases} cases`, () =>
      c.query(
        `WITH g AS (
           SELECT i, random() AS r, random() AS s, random() AS a,
                  date_trunc('second', (date_trunc('day', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai') - interval '1 second' - interval '730 days' * power(random(), 1.15)) AS at
           FROM generate_series(1, $1) i
         ), x AS (
           SELECT g.*, p.item_id, p.item_version_id, p.department_id, p.promised_limit_days,
                  CASE WHEN g.i <= $4::int THEN $2::uuid ELSE bench_uuid('acct' || (1 + floor(power(g.a, 1.6) * $3))::int) END AS applicant,
                  extract(epoch FROM now() - g.at) / 86400 AS age,
                  CASE
                    WHEN g.i <= $4::int * 3 / 4 THEN 'completed'
                    WHEN $5::boolean THEN
                      CASE WHEN g.s < 0.30 THEN 'submitted' WHEN g.s < 0.33 THEN 'resubmitted' WHEN g.s < 0.40 THEN 'supplement_requested' ELSE 'accepted' END
                    WHEN extract(epoch FROM now() - g.at) / 86400 > 30 THEN
                      CASE WHEN g.s < 0.90 THEN 'completed' WHEN g.s < 0.95 THEN 'denied' WHEN g.s < 0.99 THEN 'rejected' WHEN g.s < 0.995 THEN 'accepted' ELSE 'supplement_requested' END
                    ELSE
                      CASE WHEN g.s < 0.10 THEN 'submitted' WHEN g.s < 0.12 THEN 'resubmitted' WHEN g.s < 0.17 THEN 'supplement_requested' WHEN g.s < 0.42 THEN 'accepted'
                           WHEN g.s < 0.92 THEN 'completed' WHEN g.s < 0.96 THEN 'denied' ELSE 'rejected' END
                  END AS status
           FROM g JOIN bench_pick p ON g.r >= p.lo AND g.r < p.hi
         )
         INSERT INTO cases (id, case_no, item_id, item_version_id, department_id, applicant_account_id, status, channel, form, round, submitted_at, accepted_at, due_date, completed_at, updated_at,
                            accept_limit_days, accept_due_date, warn_date, paused_since, pause_kind, supplement_deadline, extension_days)
         SELECT ${uuidAt('x.at', "'case' || x.i")},
                '620100-' || to_char(x.at AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || '-' || lpad((x.i % 1000000)::text, 6, '0'),
                x.item_id, x.item_version_id, x.department_id, x.applicant, x.status,
                CASE WHEN x.i % 10 = 0 THEN 'hall' ELSE 'online' END,
                jsonb_build_object('purpose', '就业', 'note', '批量生成的办件 ' || x.i),
                CASE WHEN x.status = 'resubmitted' THEN 2 ELSE 1 END,
                x.at,
                CASE WHEN x.status IN ('accepted', 'completed', 'denied') THEN x.at + interval '3 hours' END,
                CASE WHEN x.status IN ('accepted', 'completed', 'denied') THEN ((x.at AT TIME ZONE 'Asia/Shanghai')::date + (x.promised_limit_days * 7 / 5 + 1)) END,
                CASE WHEN x.status IN ('completed', 'denied', 'rejected') THEN x.at + interval '1 day' * least(x.age, 1 + 10 * x.s) END,
                x.at + interval '1 hour',
                -- The clocks (calendar days standing in for working days, 7 for 5): 受理时限 of 5 from
                -- submission, warning at 4; the promised clock warns at 80 % of its limit; an open
                -- supplement notice pauses the next day with 30 working days to answer; one accepted
                -- case in 50 is in a special procedure, one in 20 of the accepted and completed extended.
                5,
                CASE WHEN x.status IN ('submitted', 'resubmitted', 'supplement_requested') THEN (x.at AT TIME ZONE 'Asia/Shanghai')::date + 7 END,
                CASE WHEN x.status IN ('submitted', 'resubmitted', 'supplement_requested') THEN (x.at AT TIME ZONE 'Asia/Shanghai')::date + 6
                     WHEN x.status IN ('accepted', 'completed', 'denied') THEN ((x.at AT TIME ZONE 'Asia/Shanghai')::date + (x.promised_limit_days * 7 * 4 / 25 + 1)) END,
                CASE WHEN x.status = 'supplement_requested' THEN (x.at AT TIME ZONE 'Asia/Shanghai')::date + 1
                     WHEN x.status = 'accepted' AND x.i % 50 = 0 THEN (x.at AT TIME ZONE 'Asia/Shanghai')::date + 2 END,
                CASE WHEN x.status = 'supplement_requested' THEN 'supplement' WHEN x.status = 'accepted' AND x.i % 50 = 0 THEN 'special' END,
                CASE WHEN x.status = 'supplement_requested' THEN (x.at AT TIME ZONE 'Asia/Shanghai')::date + 43 END,
                CASE WHEN x.status IN ('accepted', 'completed') AND x.i % 20 = 0 THEN 3 ELSE 0 END
         FROM x`,
        [SCALE.cases, zhang, n - 1, SCALE.citizenCases, RUNNING],
      ),
    );
    // The enterprise's completed cases, one per certificate it holds (market regulation's business licence item).
    const business = (await c.query<{ id: string; current_version_id: string; department_id: string; licence_type_code: string }>(
      `SELECT id, current_version_id, department_id, licence_type_code FROM service_items WHERE licence_type_code IS NOT NULL AND applicant_kinds ? 'entity' ORDER BY code LIMIT 1`,
    )).rows[0]!;
    await timed(log, `${SCALE.heavyHolderLicences} completed cases of the enterprise`, () =>
      c.query(
        `INSERT INTO cases (id, case_no, item_id, item_version_id, department_id, applicant_account_id, status, channel, form, round, submitted_at, accepted_at, due_date, completed_at, updated_at)
         SELECT ${uuidAt('at', "'ecase' || i")}, '620100-' || to_char(at AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || '-' || (1000000 + i),
                $1, $5, $2, $3, 'completed', 'online', jsonb_build_object('tradeName', '兰州一网通科技有限公司第' || i || '分店', 'organisation', '有限责任公司', 'scope', '软件开发', 'address', '城关区张掖路 ' || i || ' 号'),
                1, at, at + interval '1 hour', (at::date + 5), at + interval '2 days', at + interval '2 days'
         FROM (SELECT i, date_trunc('second', now() - interval '1 day' - interval '720 days' * (i::float / $4)) AS at FROM generate_series(1, $4) i) s`,
        [business.id, business.department_id, entityId, SCALE.heavyHolderLicences, business.current_version_id],
      ),
    );
    // 张三's closed cases are food business licences (an item that issues a certificate).
    await c.query(`UPDATE cases SET item_id = $1, item_version_id = $4, department_id = $2 WHERE applicant_account_id = $3 AND status = 'completed'`, [business.id, business.department_id, zhang, business.current_version_id]);
    // Bulk numbers (seven-digit sequences) are not from the counter; the counter keeps the demo city's own cases of today.
    await restore(c, log, restoreCases);
    // The cases in approval are in their department's approval queue through their open task (the default flow's one step);
    // the demo city's own cases in approval already have theirs.
    await timed(log, 'open approval tasks of the accepted cases', () =>
      c.query(`INSERT INTO case_tasks (id, case_id, step, task, department_id, definition, step_name, parallel, needed, status, case_submitted_at, opened_at)
               SELECT bench_uuid('task' || id::text), id, 0, 0, department_id,
                      '{"department":null,"role":"approver","name":{"zh":"审批","en":"Approval"},"mode":"single"}'::jsonb,
                      '{"zh":"审批","en":"Approval"}'::jsonb, false, 1, 'open', submitted_at, coalesce(accepted_at, updated_at)
               FROM cases WHERE status = 'accepted' AND NOT EXISTS (SELECT 1 FROM case_tasks t WHERE t.case_id = cases.id)`),
    );

    const restoreLicences = await dropIndexes(c, 'licences');
    await c.query(`CREATE TABLE bench_types AS
      SELECT row_number() OVER (ORDER BY t.code) AS n, t.id AS type_id, t.department_id, k.id AS key_id, d.name AS issuer_name, d.credit_code
      FROM licence_types t JOIN departments d ON d.id = t.department_id
      JOIN LATERAL (SELECT id FROM signing_keys WHERE department_id = t.department_id AND active ORDER BY created_at DESC LIMIT 1) k ON true`);
    const types = Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM bench_types`)).rows[0]!.n);
    await timed(log, `${SCALE.licences} certificates`, async () => {
      // In slices, so progress shows and no single statement holds gigabytes of WAL.
      const slice = 1_000_000;
      for (let from = 1; from <= SCALE.licences; from += slice) {
        await c.query(
          `INSERT INTO licences (id, identifier, verify_code, type_id, case_id, holder_account_id, holder_name, holder_id_number, issuer_department_id, issuer_name, issuer_credit_code, face, issued_at, valid_from, valid_until, status, key_id, signed_payload, signature, revoked_at, revoke_reason)
           SELECT ${uuidAt('g.at', "'lic' || g.i")}, 'BULK' || lpad(g.i::text, 9, '0'), md5('verify' || g.i),
                  t.type_id, NULL, a.id, a.name, '62010219900101' || lpad((g.i % 10000)::text, 4, '0'), t.department_id, t.issuer_name, t.credit_code,
                  jsonb_build_object('purpose', '就业', 'caseNo', 'legacy-' || g.i), g.at, (g.at AT TIME ZONE 'Asia/Shanghai')::date,
                  CASE WHEN g.i % 3 = 0 THEN NULL ELSE ((g.at AT TIME ZONE 'Asia/Shanghai')::date + interval '5 years')::date END,
                  CASE WHEN g.i % 33 = 0 THEN 'revoked' ELSE 'valid' END, t.key_id, 'bulk-import', 'bulk-import',
                  CASE WHEN g.i % 33 = 0 THEN g.at + interval '30 days' END, CASE WHEN g.i % 33 = 0 THEN '证照信息变更，重新核发' END
           FROM (SELECT i, date_trunc('second', now() - interval '1 day' - interval '730 days' * random()) AS at,
                        1 + floor(power(random(), 1.6) * $3)::int AS holder, 1 + (i % $4) AS type_n
                 FROM generate_series($1::int, $2::int) i) g
           JOIN bench_types t ON t.n = g.type_n
           JOIN accounts a ON a.id = bench_uuid('acct' || g.holder)`,
          [from, Math.min(SCALE.licences, from + slice - 1), n - 1, types],
        );
        log(`    … ${Math.min(SCALE.licences, from + slice - 1).toLocaleString('en-US')}`);
      }
    });
    await restore(c, log, restoreLicences);
    await c.query(`DROP TABLE bench_pick; DROP TABLE bench_types`);

    await timed(log, `${SCALE.sessions} sessions`, () =>
      c.query(
        `INSERT INTO sessions (id, account_id, csrf, user_agent, channel, created_at, expires_at)
         SELECT encode(sha256(('bench-session' || i)::bytea), 'hex'), bench_uuid('acct' || (1 + i % $2)), md5('csrf' || i), 'Mozilla/5.0 (bench)', 'web', at, at + interval '12 hours'
         FROM (SELECT i, now() - interval '13 hours' * (1 - i::float / $1) AS at FROM generate_series(1, $1) i) s`,
        [SCALE.sessions, n - 1],
      ),
    );
    await timed(log, 'roles over several departments (mz.clerk, mz.approver)', () =>
      c.query(
        `INSERT INTO account_roles (account_id, role, department_id)
         SELECT a.id, r.role, d.id FROM accounts a JOIN account_roles r ON r.account_id = a.id
         CROSS JOIN departments d
         WHERE a.username IN ('mz.clerk', 'mz.approver') AND r.role IN ('clerk', 'approver') AND d.code IN ('GA', 'B01', 'B02', 'B03', 'B04', 'B05')`,
      ),
    );
  } finally {
    await c.end();
  }

  // The real certificates: the enterprise's 10 000 and 张三's, issued by the use case itself.
  const database = await openPostgres(url, 2);
  try {
    await timed(log, `${SCALE.heavyHolderLicences + SCALE.citizenLicences} certificates issued through issueLicence`, async () => {
      const rows = await database.query<{ id: string; case_no: string; applicant_account_id: string; department_id: string; form: Record<string, unknown>; licence_type_code: string; name: string; id_number: string }>(
        `SELECT c.id, c.case_no, c.applicant_account_id, c.department_id, c.form, s.licence_type_code, a.name, coalesce(a.credit_code, '') AS id_number
         FROM cases c JOIN service_items s ON s.id = c.item_id JOIN accounts a ON a.id = c.applicant_account_id
         WHERE c.status = 'completed' AND s.licence_type_code IS NOT NULL AND c.applicant_account_id IN ($1, $2)
         ORDER BY c.submitted_at`,
        [entityId, zhang],
      );
      const actor = (await database.query<{ id: string }>(`SELECT id FROM accounts WHERE username = 'scjg.approver'`))[0]!.id;
      let zhangIssued = 0;
      for (let i = 0; i < rows.length; i += 500) {
        await database.db.transaction(async (tx) => {
          for (const r of rows.slice(i, i + 500)) {
            const mine = r.id_number === '';
            if (mine && zhangIssued++ >= SCALE.citizenLicences) continue;
            await issueLicence(tx, {
              typeCode: r.licence_type_code,
              caseId: r.id,
              holderAccountId: r.applicant_account_id,
              issuerDepartmentId: r.department_id,
              actorAccountId: actor,
              sources: { applicant: { name: r.name, idNumber: mine ? demoCitizens[0]!.idNumber : r.id_number }, form: r.form, caseNo: r.case_no },
            });
          }
        });
      }
    });
  } finally {
    await database.close();
  }

  const c2 = new pg.Client({ connectionString: url });
  await c2.connect();
  try {
    await timed(log, 'VACUUM ANALYZE (as autovacuum would have by now)', () => c2.query(`VACUUM ANALYZE`));
  } finally {
    await c2.end();
  }
}
