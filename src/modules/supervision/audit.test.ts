import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { sql } from 'drizzle-orm';
import { openPostgres, type Database, type Db } from '../../db/client.js';
import { checkRoleSeparation, grantApplicationRole } from '../../db/roles.js';
import { createTestDatabase } from '../../test/db.js';
import { appendAudit, auditEventsFor, describeAuditVerification, verifyAuditChain } from './audit.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const onPostgres = Boolean(inject('pgTemplate'));

async function append(db: Db, entityId: string, n: number) {
  for (let i = 0; i < n; i++) {
    await db.transaction((tx) => appendAudit(tx, { actorAccountId: null, action: 'test.step', entityType: 'thing', entityId, detail: { i } }));
  }
}

/**
 * Someone with the owner's rights (or the PGlite files) going around the append-only triggers:
 * `session_replication_role = replica` switches ordinary triggers off for the transaction.
 */
async function asIntruder(db: Db, statement: ReturnType<typeof sql>) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    await tx.execute(statement);
  });
}

/** The database's own message (drizzle wraps it in "Failed query: …"). */
async function refused(p: Promise<unknown>, message: RegExp) {
  const e = await p.then(
    () => null,
    (err: Error & { cause?: Error }) => err,
  );
  expect(e, 'the database accepted it').not.toBeNull();
  expect((e!.cause ?? e!).message).toMatch(message);
}

/** A fresh database per tampering test: a broken chain stays broken. */
async function withOwnDatabase(fn: (db: Db) => Promise<void>) {
  const d = await createTestDatabase();
  try {
    await fn(d.db);
  } finally {
    await d.close();
  }
}

describe('audit chain', () => {
  it('chains events in order, also with concurrent writers', async () => {
    const { db } = database;
    await append(db, 'T1', 5);
    await Promise.all(
      [5, 6, 7, 8].map((i) => db.transaction((tx) => appendAudit(tx, { actorAccountId: null, action: 'test.step', entityType: 'thing', entityId: 'T1', detail: { i } }))),
    );
    const events = await auditEventsFor(db, 'thing', 'T1');
    expect(events).toHaveLength(9);
    const v = await verifyAuditChain(db);
    expect(v).toMatchObject({ ok: true, brokenAt: null });
    expect(v.headSeq).toBe(events.at(-1)!.seq);
  });

  it('rolls the event back with the change it records', async () => {
    const { db } = database;
    const before = (await auditEventsFor(db, 'thing', 'T2')).length;
    await expect(
      db.transaction(async (tx) => {
        await appendAudit(tx, { actorAccountId: null, action: 'test.fail', entityType: 'thing', entityId: 'T2' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await auditEventsFor(db, 'thing', 'T2')).toHaveLength(before);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('detects an edited event', () =>
    withOwnDatabase(async (db) => {
      await append(db, 'E', 4);
      const victim = (await auditEventsFor(db, 'thing', 'E'))[1]!;
      await asIntruder(db, sql`UPDATE audit_events SET detail = '{"i": 99}'::jsonb WHERE seq = ${victim.seq}`);
      expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: victim.seq, reason: 'row_altered' });
    }));

  it('detects deleting the newest events: the chain is compared with its head', () =>
    withOwnDatabase(async (db) => {
      await append(db, 'D', 5);
      const events = await auditEventsFor(db, 'thing', 'D');
      const keep = events[2]!.seq;
      await asIntruder(db, sql`DELETE FROM audit_events WHERE seq > ${keep}`);
      const v = await verifyAuditChain(db);
      expect(v).toMatchObject({ ok: false, brokenAt: keep + 1, reason: 'tail_missing', headSeq: events.at(-1)!.seq });
      expect(describeAuditVerification(v)).toContain('the newest events were deleted');
    }));

  it('detects events deleted in the middle', () =>
    withOwnDatabase(async (db) => {
      await append(db, 'M', 5);
      const events = await auditEventsFor(db, 'thing', 'M');
      await asIntruder(db, sql`DELETE FROM audit_events WHERE seq IN (${events[1]!.seq}, ${events[2]!.seq})`);
      expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: events[1]!.seq, reason: 'rows_missing' });
    }));

  it('the database refuses to change, delete or truncate audit rows or to move the head (guard against accidents)', () =>
    withOwnDatabase(async (db) => {
      await append(db, 'G', 2);
      const [last] = (await auditEventsFor(db, 'thing', 'G')).slice(-1);
      await refused(db.execute(sql`UPDATE audit_events SET detail = '{}'::jsonb WHERE seq = ${last!.seq}`), /append-only/);
      await refused(db.execute(sql`DELETE FROM audit_events WHERE seq = ${last!.seq}`), /append-only/);
      await refused(db.execute(sql`TRUNCATE audit_events`), /append-only/);
      await refused(db.execute(sql`UPDATE audit_head SET seq = seq - 1`), /only moves forward/);
      await refused(db.execute(sql`DELETE FROM audit_head`), /only moves forward/);
      await refused(
        db.execute(sql`INSERT INTO audit_events (seq, at, action, entity_type, entity_id, detail, prev_hash, hash)
                       VALUES (${last!.seq + 5}, now(), 'forged', 'thing', 'G', '{}'::jsonb, 'x', 'y')`),
        /append-only/,
      );
      expect((await verifyAuditChain(db)).ok).toBe(true);
    }));
});

describe.runIf(onPostgres)('audit chain under a separate application role (PostgreSQL)', () => {
  it('the application role appends but cannot rewrite the log, not even consistently', async () => {
    const d = await createTestDatabase();
    const role = `yw_app_${randomBytes(5).toString('hex')}`;
    let app: Database | null = null;
    try {
      await append(d.db, 'R', 3);
      await d.query(`CREATE ROLE ${role} LOGIN`);
      // The test's superuser connection plays the owner that ran the migrations.
      await grantApplicationRole(d, role);
      const [{ name }] = (await d.query<{ name: string }>('SELECT current_database() AS name')) as [{ name: string }];
      const url = new URL(inject('pgUrl'));
      url.username = role;
      url.pathname = `/${name}`;
      // One connection: the temporary table below must be seen by the append.
      app = await openPostgres(url.toString(), 1);
      expect(await checkRoleSeparation(app)).toMatchObject({ separated: true, appRole: role });

      // What someone with the application's password would try, in order of sophistication.
      const events = await auditEventsFor(app.db, 'thing', 'R');
      const last = events.at(-1)!;
      await expect(app.query(`UPDATE audit_events SET detail = '{"i": 99}'::jsonb WHERE seq = $1`, [last.seq])).rejects.toThrow(/permission denied/);
      await expect(app.query('DELETE FROM audit_events WHERE seq >= $1', [events[1]!.seq])).rejects.toThrow(/permission denied/);
      await expect(app.query('TRUNCATE audit_events')).rejects.toThrow(/permission denied/);
      await expect(app.query('UPDATE audit_head SET seq = $1, hash = $2', [events[0]!.seq, events[0]!.hash])).rejects.toThrow(/permission denied/);
      await expect(app.query('ALTER TABLE audit_events DISABLE TRIGGER ALL')).rejects.toThrow(/must be owner/);
      await expect(app.query('SET session_replication_role = replica')).rejects.toThrow(/permission denied/);
      // A temporary table shadowing the head must not fool the SECURITY DEFINER function.
      await app.query('CREATE TEMP TABLE audit_head (id int, seq bigint, hash text)');
      await app.query(`INSERT INTO audit_head VALUES (1, 0, '${'0'.repeat(64)}')`);

      // The application's own work still goes through: an append, and a business write.
      await app.db.transaction((tx) => appendAudit(tx, { actorAccountId: null, action: 'test.by_app', entityType: 'thing', entityId: 'R' }));
      await app.query(`INSERT INTO sign_in_throttle (name_hash, last_failure_at) VALUES ('role-test', now())`);
      await app.query(`DELETE FROM sign_in_throttle WHERE name_hash = 'role-test'`);
      const v = await verifyAuditChain(d.db);
      expect(v).toMatchObject({ ok: true, headSeq: last.seq + 1 });
    } finally {
      await app?.close();
      await d.query(`DROP OWNED BY ${role}`);
      await d.close();
      const admin = await openPostgres(inject('pgUrl'), 1);
      await admin.query(`DROP ROLE IF EXISTS ${role}`);
      await admin.close();
    }
  });
});

describe.skipIf(onPostgres)('audit chain under a separate application role (skipped on PGlite)', () => {
  it.skip('PGlite is one embedded superuser with no roles: anyone with the data folder can rewrite the log (docs/operations.md)', () => {});
});
