import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import type { Database } from '../../db/client.js';

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
