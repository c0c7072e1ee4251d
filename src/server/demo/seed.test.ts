import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isNotNull } from 'drizzle-orm';
import { checkCreditCode } from '../../lib/identifiers.js';
import { serviceItems } from '../../modules/catalog/tables.js';
import { accounts, departments } from '../../modules/identity/tables.js';
import { licenceTypes } from '../../modules/licences/tables.js';
import { entityRegistry } from '../../modules/registry/tables.js';
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
});
