import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { createTestDatabase } from '../../test/db.js';
import { appendAudit, auditEventsFor, verifyAuditChain } from './audit.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('audit chain', () => {
  it('chains events in order and detects an edited or deleted row', async () => {
    const { db } = database;
    for (let i = 0; i < 5; i++) {
      await db.transaction((tx) => appendAudit(tx, { actorAccountId: null, action: 'test.step', entityType: 'thing', entityId: 'T1', detail: { i } }));
    }
    // Concurrent writers still form one unbroken chain.
    await Promise.all(
      [5, 6, 7, 8].map((i) => db.transaction((tx) => appendAudit(tx, { actorAccountId: null, action: 'test.step', entityType: 'thing', entityId: 'T1', detail: { i } }))),
    );
    const events = await auditEventsFor(db, 'thing', 'T1');
    expect(events).toHaveLength(9);
    expect((await verifyAuditChain(db)).ok).toBe(true);

    const victim = events[3]!;
    await db.execute(sql`UPDATE audit_events SET detail = '{"i": 99}'::jsonb WHERE seq = ${victim.seq}`);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: victim.seq });
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
  });
});
