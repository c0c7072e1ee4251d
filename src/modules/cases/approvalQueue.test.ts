import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestContext } from '../../test/app.js';
import { createDepartment, createItem, createPerson, createStaff, type TestDepartment } from '../../test/factories.js';
import { decodeCursor } from '../../lib/page.js';
import { uuidv7 } from '../../lib/uuid.js';
import { loadActor, type Actor } from '../identity/index.js';
import { approvalQueueQuery, listCases } from './service.js';
import { caseTasks, cases, type ClockColour } from './tables.js';

/**
 * The approval queue over several departments merges each department's range of open tasks. It
 * must list exactly what one query over all of them would: every case with an open task for one of
 * the approver's departments, once, oldest first (ties on the same instant broken by id), in pages
 * that follow each other without gaps or repeats, with the colour filter applied.
 */
let ctx: TestContext;
let a: TestDepartment;
let b: TestDepartment;
let c: TestDepartment;
let approver: Actor;

const colours: ClockColour[] = ['green', 'yellow', 'red'];

beforeAll(async () => {
  ctx = await createTestApp();
  const { db } = ctx.database;
  [a, b, c] = [await createDepartment(db), await createDepartment(db), await createDepartment(db)];
  const staff = await createStaff(db, a.id, ['approver']);
  await db.execute(sql`INSERT INTO account_roles (account_id, role, department_id) VALUES (${staff.id}, 'approver', ${b.id})`);
  approver = (await loadActor(db, staff.id))!;
  const applicant = await createPerson(db);
  const items = new Map<string, { id: string; currentVersionId: string | null }>();
  for (const d of [a, b, c]) items.set(d.id, await createItem(db, d.id));

  // 60 accepted cases over a few seconds, several on the very same instant (the tie is broken by
  // id), in every colour, each with open tasks for A, B, both (a parallel step) or only C (not the
  // approver's); some of A's tasks are already decided (not in the queue).
  const base = Date.parse('2026-11-02T01:00:00Z');
  for (let i = 0; i < 60; i++) {
    const id = uuidv7();
    const at = new Date(base + Math.floor(i / 3) * 1000);
    const where = [[a], [b], [a, b], [c], [a, c]][i % 5]!;
    const item = items.get(where[0]!.id)!;
    await db.insert(cases).values({
      id,
      caseNo: `T-${id}`,
      itemId: item.id,
      itemVersionId: item.currentVersionId!,
      departmentId: where[0]!.id,
      applicantAccountId: applicant.id,
      status: 'accepted',
      form: {},
      submittedAt: at,
      acceptedAt: at,
      clockColour: colours[(i * 7) % 3]!,
    });
    for (const [k, d] of where.entries()) {
      const decided = d === a && i % 11 === 0;
      await db.insert(caseTasks).values({
        id: uuidv7(),
        caseId: id,
        step: 1,
        task: k,
        departmentId: d.id,
        definition: { department: null, role: 'approver', name: { zh: '审批', en: 'Approval' }, mode: 'single' },
        stepName: { zh: '审批', en: 'Approval' },
        parallel: where.length > 1,
        needed: 1,
        status: decided ? 'agreed' : 'open',
        caseSubmittedAt: at,
        openedAt: at,
        ...(decided ? { closedAt: at } : {}),
      });
    }
  }
});
afterAll(() => ctx.close());

/** What one plain query over every department gives: the reference the merge must equal. */
async function reference(colour?: ClockColour) {
  const rows = await ctx.database.db.execute(sql`
    SELECT id FROM cases
    WHERE EXISTS (SELECT 1 FROM case_tasks t WHERE t.case_id = cases.id AND t.status = 'open' AND t.department_id IN (${a.id}, ${b.id}))
      ${colour ? sql`AND clock_colour = ${colour}` : sql``}
    ORDER BY submitted_at, id`);
  return (rows as unknown as { rows: { id: string }[] }).rows.map((r) => r.id);
}

async function pages(limit: number, colour?: ClockColour) {
  const out: string[][] = [];
  let cursor: string | null = null;
  do {
    const key = cursor ? decodeCursor(cursor)! : undefined;
    const page = await listCases(ctx.database.db, approver, 'approval', key ? { limit, cursor: key } : { limit }, colour ? { colour } : {});
    out.push(page.rows.map((r) => r.id));
    cursor = page.nextCursor;
    expect(out.length).toBeLessThan(100);
  } while (cursor);
  return out;
}

describe('the approval queue over several departments', () => {
  it('lists every case open for one of them once, oldest first, in pages without gaps or repeats', async () => {
    const all = await reference();
    expect(all.length).toBeGreaterThan(30);
    for (const limit of [1, 4, 7, 20, 100]) {
      const got = await pages(limit);
      expect(got.flat(), `limit ${limit}`).toEqual(all);
      expect(got.slice(0, -1).every((p) => p.length === limit), `limit ${limit}`).toBe(true);
    }
  });

  it('filters by the clock’s colour with the same order and paging', async () => {
    for (const colour of colours) {
      const all = await reference(colour);
      expect(all.length).toBeGreaterThan(5);
      for (const limit of [3, 20]) expect((await pages(limit, colour)).flat(), `${colour}, limit ${limit}`).toEqual(all);
    }
  });

  it('merges the departments’ ranges of the open-task index instead of sorting them', async () => {
    for (const colour of [undefined, 'red'] as const) {
      const q = approvalQueueQuery(ctx.database.db, [a.id, b.id, c.id], { limit: 20 }, 21, colour)!.toSQL();
      const plan = await ctx.database.db.transaction(async (tx) => {
        // A test database is small: forbid the table scans the planner would rightly prefer here.
        await tx.execute(sql`SET LOCAL enable_seqscan = off`);
        const rows = await tx.execute(sql.raw(`EXPLAIN ${inline(q.sql, q.params)}`));
        return (rows as unknown as { rows: { 'QUERY PLAN': string }[] }).rows.map((r) => r['QUERY PLAN']).join('\n');
      });
      expect(plan).toMatch(/Unique[\s\S]*Merge Append/);
      expect(plan).toContain('case_tasks_open_queue_idx');
      // Merge Append prints its "Sort Key"; a Sort node of its own would be a sort of the rows.
      expect(plan).not.toMatch(/Sort\s+\(cost|Seq Scan/);
    }
  });
});

/** The statement with its parameters written in (EXPLAIN takes no bind parameters on every driver). */
function inline(text: string, params: unknown[]) {
  return text.replace(/\$(\d+)/g, (_, i) => {
    const v = params[Number(i) - 1];
    return typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`;
  });
}
