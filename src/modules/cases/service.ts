import { and, asc, desc, eq, getTableColumns, inArray, or, sql, type SQL } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import { DomainError } from '../../lib/errors.js';
import { PAGE_DEFAULT, toPage, type PageRequest } from '../../lib/page.js';
import type { Actor } from '../identity/index.js';
import { canSeeCase, departmentsWithRole, maySeeAlarms } from './policy.js';
import { loadTasks, type CaseTaskRow } from './flow/tasks.js';
import { caseEvents, caseMaterials, caseTasks, cases, uploads, type CaseStatus, type ClockColour } from './tables.js';

export type CaseRow = typeof cases.$inferSelect;
export type MaterialInput = { code: string; uploadId: string };

export async function getCaseFor(db: Executor, actor: Actor, caseId: string): Promise<CaseRow & { tasks: CaseTaskRow[] }> {
  const [c] = await db.select().from(cases).where(eq(cases.id, caseId)).limit(1);
  const ref = c ? { ...c, tasks: await loadTasks(db, c.id) } : null;
  if (!ref || !canSeeCase(actor, ref)) throw new DomainError('NOT_FOUND');
  return ref;
}

export type CaseScope = 'mine' | 'intake' | 'approval' | 'department' | 'alarms';

/**
 * Each list's filter and order. The queues are oldest first (first come, first served); the
 * applicant's list and the department tab newest first. Every list is served by an index on
 * (its filter, submitted_at, id) — see the cases table in schema.ts — so a page reads only its rows.
 * The queue statuses are literals, not parameters, so the planner can match the partial indexes.
 */
const scopes = {
  mine: { dir: 'desc', role: null, status: null },
  // 受理: the cases waiting for the online pre-review or at the window after it (网上预审), and the submitted and resubmitted ones.
  intake: { dir: 'asc', role: 'clerk', status: sql.raw(`status IN ('submitted', 'resubmitted', 'prereview', 'prereviewed')`) },
  // The approval queue is the department's open tasks (case_tasks), not the cases' status: see below.
  approval: { dir: 'asc', role: 'approver', status: null },
  department: { dir: 'desc', role: null, status: null },
  // 电子监察: running cases in yellow or red across departments, oldest first (cases_alarm_idx).
  alarms: { dir: 'asc', role: null, status: sql.raw(`status IN ('submitted', 'resubmitted', 'accepted', 'supplement_requested')`) },
} as const satisfies Record<CaseScope, { dir: 'asc' | 'desc'; role: 'clerk' | 'approver' | null; status: SQL | null }>;

export type CasePage = { rows: CaseRow[]; nextCursor: string | null };

export type CaseGroup = 'active' | 'supplement' | 'done' | 'failed' | 'withdrawn';
/** 我的办件's status groups; literals, so the filter stays a condition on the applicant's index range. */
const groupStatuses: Record<CaseGroup, CaseStatus[]> = {
  active: ['waiting', 'submitted', 'accepted', 'resubmitted'],
  supplement: ['supplement_requested'],
  done: ['completed'],
  failed: ['rejected', 'denied', 'cancelled'],
  withdrawn: ['withdrawn'],
};
export const statusesOf = (group: CaseGroup) => groupStatuses[group];

/** The applicant's own filters: a status group, and a search by case number or item name (`itemIds`: the items the search matched). */
export type MineFilter = {
  group?: CaseGroup | undefined;
  q?: string | undefined;
  itemIds?: string[] | undefined;
  /** The workbench lists: only cases whose running clock has this colour. */
  colour?: ClockColour | undefined;
} & WorkbenchFilter;

/**
 * The workbench lists' filters (intake and department tab), combined with each other and the
 * colour. `from`/`to` are days in Asia/Shanghai, both included; `order` overrides the list's own.
 */
export type WorkbenchFilter = {
  status?: CaseStatus | undefined;
  itemId?: string | undefined;
  departmentId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  order?: 'asc' | 'desc' | undefined;
};

/** The start of a day in Asia/Shanghai (UTC+8, no daylight saving). */
const shanghaiMidnight = (day: string) => new Date(`${day}T00:00:00+08:00`);

function workbenchWhere(f: WorkbenchFilter): SQL | undefined {
  const conds: SQL[] = [];
  if (f.status) conds.push(eq(cases.status, f.status));
  if (f.itemId) conds.push(eq(cases.itemId, f.itemId));
  if (f.from) conds.push(sql`${cases.submittedAt} >= ${shanghaiMidnight(f.from).toISOString()}::timestamptz`);
  if (f.to) conds.push(sql`${cases.submittedAt} < ${new Date(shanghaiMidnight(f.to).getTime() + 86_400_000).toISOString()}::timestamptz`);
  return conds.length ? and(...conds) : undefined;
}

function mineWhere(f: MineFilter): SQL | undefined {
  const conds: SQL[] = [];
  if (f.group) conds.push(sql.raw(`status IN (${groupStatuses[f.group].map((s) => `'${s}'`).join(', ')})`));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    const byNo = sql`${cases.caseNo} ILIKE ${like}`;
    conds.push(f.itemIds?.length ? or(byNo, inArray(cases.itemId, f.itemIds))! : byNo);
  }
  return conds.length ? and(...conds) : undefined;
}

/**
 * One page of a list, always scoped by the caller: their own cases, or their departments' queues.
 * Over several departments each department's page is read from its own index range and the pages
 * are merged (UNION ALL, then the first `limit`), instead of scanning and sorting all of them.
 */
export async function listCases(db: Executor, actor: Actor, scope: CaseScope, page: PageRequest = { limit: PAGE_DEFAULT }, mine: MineFilter = {}): Promise<CasePage> {
  const { role, status } = scopes[scope];
  const workbench = scope === 'intake' || scope === 'department';
  const dir = workbench && mine.order ? mine.order : scopes[scope].dir;
  const by = dir === 'desc' ? desc : asc;
  const order = [by(cases.submittedAt), by(cases.id)];
  const after = page.cursor
    ? dir === 'desc'
      ? sql`(${cases.submittedAt}, ${cases.id}) < (${page.cursor.at}::timestamptz, ${page.cursor.id}::uuid)`
      : sql`(${cases.submittedAt}, ${cases.id}) > (${page.cursor.at}::timestamptz, ${page.cursor.id}::uuid)`
    : undefined;
  // The sort key as the database prints it: the cursor keeps its full (microsecond) precision.
  const columns = { ...getTableColumns(cases), sortAt: sql<string>`${cases.submittedAt}::text`.as('sort_at') };
  const n = page.limit + 1;
  // A colour is one more equality before the order in the colour indexes (cases_*_colour_idx).
  const colour = mine.colour;
  const byColour = colour ? eq(cases.clockColour, colour) : undefined;
  const filters = workbench ? workbenchWhere(mine) : undefined;
  const one = (where: SQL | undefined) => db.select(columns).from(cases).where(and(where, byColour, status ?? undefined, filters, after)).orderBy(...order).limit(n);

  let rows: (CaseRow & { sortAt: string })[];
  if (scope === 'mine') {
    rows = await one(and(eq(cases.applicantAccountId, actor.accountId), mineWhere(mine)));
  } else if (scope === 'approval') {
    rows = await approvalQueue(db, departmentsWithRole(actor, 'approver'), page, n, colour);
  } else if (scope === 'alarms') {
    if (!maySeeAlarms(actor)) return { rows: [], nextCursor: null };
    // The alarm index's predicate is matched by these literals; each colour is one range, merged.
    const alarm = (c: ClockColour) => db.select(columns).from(cases).where(and(sql.raw(`clock_colour = '${c}' AND clock_colour IN ('yellow', 'red')`), status ?? undefined, after)).orderBy(...order).limit(n);
    rows = colour === 'green' ? [] : colour ? await alarm(colour) : await unionAll(alarm('red'), alarm('yellow')).orderBy(...order).limit(n);
  } else {
    // A department filter narrows the caller's own departments; another department's is an empty list.
    const depts = departmentsWithRole(actor, role).filter((d) => !mine.departmentId || d === mine.departmentId);
    const [first, second, ...rest] = depts.map((d) => one(eq(cases.departmentId, d)));
    if (!first) return { rows: [], nextCursor: null };
    rows = second ? await unionAll(first, second, ...rest).orderBy(...order).limit(n) : await first;
  }
  const cut = toPage(rows, page.limit, (r) => ({ at: r.sortAt, id: r.id }));
  return { rows: cut.rows.map(({ sortAt: _, ...c }) => c), nextCursor: cut.nextCursor };
}

/**
 * The approval queue: cases with an open task for one of the departments, oldest case first. Each
 * department's page is one range of `case_tasks_open_queue_idx` (department, case's submission
 * time, case id — open tasks only), joined to its cases by primary key; over several departments
 * the pages are merged in the index's order (a Merge Append of the ranges: the outer order is the
 * tasks' own `case_submitted_at`, carried out as `queue_at`, so no page is sorted). A case open for
 * two of the actor's departments is listed once (its tasks share the key: see approvalQueueQuery).
 */
async function approvalQueue(db: Executor, depts: string[], page: PageRequest, n: number, colour?: ClockColour) {
  const q = approvalQueueQuery(db, depts, page, n, colour);
  return q ? (await q).map(({ queueAt: _, ...r }) => r) : [];
}

/**
 * The approval queue's statement: one department's page, or the departments' pages merged and the
 * first `n` distinct cases taken (exported for the test that checks its plan). A case open for two
 * of the departments comes from both ranges with the same key, next to each other in the merged
 * order: DISTINCT ON that key drops the second as the rows stream by (a Unique over the Merge
 * Append), so the page still reads no more than `n` rows of each range.
 */
export function approvalQueueQuery(db: Executor, depts: string[], page: PageRequest, n: number, colour?: ClockColour) {
  const [first, second, ...rest] = depts.map((d) => departmentApprovalPage(db, d, page, n, colour));
  if (!first || !second) return first ?? null;
  const merged = unionAll(first, second, ...rest).as('merged');
  return db.selectDistinctOn([merged.queueAt, merged.id]).from(merged).orderBy(merged.queueAt, merged.id).limit(n);
}

/**
 * One department's page of the approval queue, in `case_tasks_open_queue_idx` order. With a
 * colour, the open-task range is walked and its cases filtered by their clock's colour (a join
 * filter, not a range of its own: the colour lives on the case, the queue's order on the task).
 */
function departmentApprovalPage(db: Executor, departmentId: string, page: PageRequest, n: number, colour?: ClockColour) {
  const after = page.cursor ? sql`(${caseTasks.caseSubmittedAt}, ${caseTasks.caseId}) > (${page.cursor.at}::timestamptz, ${page.cursor.id}::uuid)` : undefined;
  const columns = {
    ...getTableColumns(cases),
    sortAt: sql<string>`${caseTasks.caseSubmittedAt}::text`.as('sort_at'),
    // The merge key: the index's own column (cases.submitted_at holds the same time, but the planner
    // can only merge the departments' ranges on what they are ordered by).
    queueAt: sql<Date>`${caseTasks.caseSubmittedAt}`.as('queue_at'),
  };
  return db
    .select(columns)
    .from(caseTasks)
    .innerJoin(cases, eq(cases.id, caseTasks.caseId))
    .where(and(eq(caseTasks.departmentId, departmentId), sql.raw(`case_tasks.status = 'open'`), after, colour ? eq(cases.clockColour, colour) : undefined))
    .orderBy(asc(caseTasks.caseSubmittedAt), asc(caseTasks.caseId))
    .limit(n);
}

export async function caseHistory(db: Executor, caseId: string) {
  return db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.at), asc(caseEvents.id));
}

/** Every material of every round, with its file's metadata (not its bytes). */
export async function caseMaterialFiles(db: Executor, caseId: string) {
  return db
    .select({
      id: caseMaterials.id,
      code: caseMaterials.materialCode,
      round: caseMaterials.round,
      uploadedAt: caseMaterials.createdAt,
      fileName: uploads.fileName,
      mime: uploads.mime,
      size: uploads.size,
      sha256: uploads.sha256,
    })
    .from(caseMaterials)
    .innerJoin(uploads, eq(uploads.id, caseMaterials.uploadId))
    .where(eq(caseMaterials.caseId, caseId))
    .orderBy(asc(caseMaterials.round), asc(caseMaterials.createdAt));
}
