import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { eq, isNotNull, sql } from 'drizzle-orm';
import { checkCreditCode } from '../../lib/identifiers.js';
import { serviceItems } from '../../modules/catalog/tables.js';
import { accounts, departments } from '../../modules/identity/tables.js';
import { licenceTypes } from '../../modules/licences/tables.js';
import { entityRegistry } from '../../modules/registry/tables.js';
import { auditEvents } from '../../modules/supervision/tables.js';
import { verifyAuditChain } from '../../modules/supervision/index.js';
import { seedDemo } from './seed.js';
import { createTestDatabase } from '../../test/db.js';
import { createEmptyPostgresDatabase } from '../../test/instances.js';
import { Client, createAppOn, type TestContext } from '../../test/app.js';
import { TEST_MASTER_KEYS } from '../../test/global-setup.js';
import { installKeyring, parseKeyring } from '../../lib/secretbox.js';
import { migrateDatabase, openPglite, openPostgres, type Database } from '../../db/client.js';
import { cases } from '../../modules/cases/tables.js';
import { demoCaseItems } from './cases.js';

/**
 * The demo node is what operators and testers see first, so its data must obey the national rules
 * it claims to follow. Read from a database the real seed filled, not from the source lists.
 */
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('demo seed consistency', () => {
  it('every credit code passes the GB 32100 MOD 31 check (departments, enterprises, the entity registry)', async () => {
    const { db } = database;
    const codes = [
      ...(await db.select({ c: departments.creditCode }).from(departments)).map((r) => r.c),
      ...(await db.select({ c: accounts.creditCode }).from(accounts).where(isNotNull(accounts.creditCode))).map((r) => r.c!),
      ...(await db.select({ c: entityRegistry.creditCode }).from(entityRegistry)).map((r) => r.c),
    ];
    expect(codes.length).toBeGreaterThan(6);
    expect(codes.filter((c) => !checkCreditCode(c).ok)).toEqual([]);
  });

  it('every licence type code is a valid credit code of the defining authority plus a 3-digit sequence (GB/T 36904)', async () => {
    const types = await database.db.select({ code: licenceTypes.code }).from(licenceTypes);
    expect(types.length).toBeGreaterThan(0);
    const bad = types.map((t) => t.code).filter((c) => !/^[0-9A-Z]{18}\d{3}$/.test(c) || !checkCreditCode(c.slice(0, 18)).ok);
    expect(bad).toEqual([]);
  });

  it('every 即办件 promises 0 days and every item promising 0 days is a 即办件; promised never exceeds statutory (GB/T 39554 checks)', async () => {
    const items = await database.db.select({ code: serviceItems.code, guide: serviceItems.guide, promised: serviceItems.promisedLimitDays, legal: serviceItems.legalLimitDays, type: serviceItems.licenceTypeCode }).from(serviceItems);
    expect(items.some((i) => i.guide.caseKind === 'immediate')).toBe(true);
    const inconsistent = items.filter((i) => (i.guide.caseKind === 'immediate') !== (i.promised === 0)).map((i) => `${i.code}: ${i.guide.caseKind}, promised ${i.promised}`);
    expect(inconsistent).toEqual([]);
    expect(items.filter((i) => i.promised > i.legal).map((i) => i.code)).toEqual([]);
    const typeCodes = new Set((await database.db.select({ code: licenceTypes.code }).from(licenceTypes)).map((t) => t.code));
    expect(items.filter((i) => i.type !== null && !typeCodes.has(i.type)).map((i) => i.code)).toEqual([]);
  });

  it('went through the modules’ use cases: every department, staff account, role, licence type and item has its audit event, by nobody (the installation), and the chain verifies', async () => {
    const { db } = database;
    const count = async (action: string) => (await db.select({ n: sql<number>`count(*)::int` }).from(auditEvents).where(eq(auditEvents.action, action)))[0]!.n;
    const rows = async (t: typeof departments | typeof licenceTypes | typeof serviceItems) => (await db.select({ n: sql<number>`count(*)::int` }).from(t))[0]!.n;
    const staff = (await db.select({ n: sql<number>`count(*)::int` }).from(accounts).where(eq(accounts.kind, 'staff')))[0]!.n;
    expect(await count('department.create')).toBe(await rows(departments));
    expect(await count('staff.create')).toBe(staff);
    expect(await count('role.grant')).toBe(staff);
    expect(await count('licence_type.create')).toBe(await rows(licenceTypes));
    expect(await count('service_item.create')).toBe(await rows(serviceItems));
    expect(await count('account.provision')).toBe(3);
    const actors = await db.selectDistinct({ a: auditEvents.actorAccountId }).from(auditEvents);
    expect(actors).toEqual([{ a: null }]);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('seeding again changes nothing', async () => {
    const before = (await database.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents))[0]!.n;
    expect(await seedDemo(database)).toBe(false);
    expect((await database.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents))[0]!.n).toBe(before);
  });
});

/** An empty, migrated database (PGlite, or one on the PostgreSQL server of the run): what `npm start` first finds. */
async function emptyDatabase(): Promise<{ database: Database; drop(): Promise<void> }> {
  if (inject('pgUrl')) {
    const empty = await createEmptyPostgresDatabase();
    const database = await openPostgres(empty.url, 4);
    await migrateDatabase(database);
    return { database, drop: async () => (await database.close(), await empty.drop()) };
  }
  const database = await openPglite(await PGlite.create());
  await migrateDatabase(database);
  return { database, drop: () => database.close() };
}

describe('the demo city at work (its cases, made by the demo people through the use cases)', () => {
  let ctx: TestContext;
  let drop: () => Promise<void>;
  const signedIn = async (name: string) => {
    const c = new Client(ctx.app);
    await c.login(name);
    return c;
  };
  type Row = { id: string; caseNo: string; item: { code: string }; status: string; clockColour: string | null; clockPaused: boolean };
  const list = async (c: Client, query: string) => {
    const res = await c.get(`/api/cases?${query}`);
    expect(res.statusCode).toBe(200);
    return res.json().items as Row[];
  };

  beforeAll(async () => {
    installKeyring(parseKeyring(TEST_MASTER_KEYS));
    const empty = await emptyDatabase();
    drop = empty.drop;
    expect(await seedDemo(empty.database)).toBe(true);
    ctx = await createAppOn(empty.database);
  }, 120_000);
  afterAll(async () => {
    await ctx.app.close();
    await drop();
  });

  it('张三 finds his cases in every state in 我的办件, a draft, unread messages in the bell, a certificate and the case documents', async () => {
    const zhang = await signedIn('13800000001');
    const mine = await list(zhang, 'scope=mine');
    const byItem = Object.fromEntries(mine.map((r) => [r.item.code, r]));
    expect(mine).toHaveLength(4);
    expect(byItem[demoCaseItems.residence]!.status).toBe('submitted');
    expect(byItem[demoCaseItems.business]!.status).toBe('supplement_requested');
    expect(byItem[demoCaseItems.food]!.status).toBe('accepted');
    expect(byItem[demoCaseItems.noRecord]!.status).toBe('completed');

    const drafts = (await zhang.get('/api/drafts')).json().items as { item: { code: string } }[];
    expect(drafts.map((d) => d.item.code)).toEqual([demoCaseItems.marriage]);

    expect((await zhang.get('/api/notifications/unread-count')).json().count).toBe(4);
    const kinds = ((await zhang.get('/api/notifications?unread=true')).json().items as { kind: string; caseNo: string }[]).map((n) => `${n.caseNo} ${n.kind}`).sort();
    expect(kinds).toEqual(
      [
        `${byItem[demoCaseItems.business]!.caseNo} supplement_requested`,
        `${byItem[demoCaseItems.food]!.caseNo} accepted`,
        `${byItem[demoCaseItems.noRecord]!.caseNo} accepted`,
        `${byItem[demoCaseItems.noRecord]!.caseNo} completed`,
      ].sort(),
    );

    const wallet = (await zhang.get('/api/licences')).json().items as { name?: string }[];
    expect(wallet).toHaveLength(1);
    const documents = async (id: string) => ((await zhang.get(`/api/cases/${id}/documents`)).json().items as { kind: string }[]).map((d) => d.kind).sort();
    expect(await documents(byItem[demoCaseItems.noRecord]!.id)).toEqual(['acceptance', 'approval']);
    expect(await documents(byItem[demoCaseItems.business]!.id)).toEqual(['supplement']);

    // The hall appointment: booked whenever the hall has a slot within its booking period (not over a long holiday).
    const slots = (await zhang.get(`/api/hall/slots?itemId=${(await zhang.get('/api/drafts')).json().items[0].item.id}`)).json();
    const anySlot = (slots.options as { days: { slots: unknown[] }[] }[]).some((o) => o.days.some((d) => d.slots.length > 0));
    expect((await zhang.get('/api/hall/appointments')).json().appointments).toHaveLength(anySlot ? 1 : 0);
  });

  it('李四’s cases show the deadline clock: one yellow, one red, one paused for a special procedure', async () => {
    const li = await signedIn('13800000002');
    const mine = await list(li, 'scope=mine');
    expect(mine.map((r) => `${r.item.code} ${r.clockColour}${r.clockPaused ? ' paused' : ''}`).sort()).toEqual(
      [`${demoCaseItems.residence} yellow`, `${demoCaseItems.noRecord} red`, `${demoCaseItems.business} green paused`].sort(),
    );
  });

  it('the staff have work waiting: the clerk’s intake queue, both departments’ parallel approval queue, the supervisor’s alarms', async () => {
    const intake = await list(await signedIn('ga.clerk'), 'scope=intake');
    expect(intake.map((r) => `${r.item.code} ${r.status}`)).toEqual([`${demoCaseItems.residence} submitted`]);
    for (const approver of ['scjg.approver', 'wj.approver']) {
      expect((await list(await signedIn(approver), 'scope=approval')).map((r) => r.item.code)).toContain(demoCaseItems.food);
    }
    const alarms = await list(await signedIn('zwfw.supervisor'), 'scope=alarms');
    expect(alarms.map((r) => r.clockColour).sort()).toEqual(['red', 'yellow']);
  });

  it('is written like the app writes it: the audit chain verifies, and starting again adds nothing', async () => {
    const { db } = ctx.database;
    expect((await verifyAuditChain(db)).ok).toBe(true);
    const count = async () => [(await db.select({ n: sql<number>`count(*)::int` }).from(cases))[0]!.n, (await db.select({ n: sql<number>`count(*)::int` }).from(auditEvents))[0]!.n];
    const before = await count();
    expect(before[0]).toBe(7);
    expect(await seedDemo(ctx.database)).toBe(false);
    expect(await count()).toEqual(before);
  });
});
