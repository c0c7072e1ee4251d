import { and, asc, desc, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import type { Db, Executor, Tx } from '../../db/client.js';
import { shanghaiDate } from '../../lib/calendar.js';
import { calendarForWrite } from '../calendar/index.js';
import { DomainError, isForeignKeyViolation, isUniqueViolation, listText, type FieldIssue } from '../../lib/errors.js';
import { PAGE_DEFAULT, toPage, type PageRequest } from '../../lib/page.js';
import { uuidv7 } from '../../lib/uuid.js';
import { validateForm } from '../catalog/index.js';
import type { MaterialSpec } from '../catalog/index.js';
import { getItem, type ServiceItem } from '../catalog/index.js';
import { performerId, personIdentity, type Actor } from '../identity/index.js';
import { issueLicence } from '../licences/index.js';
import { appendAudit } from '../supervision/index.js';
import { bilingualLabel } from '../../lib/i18n/messages.js';
import { canSeeCase, departmentsWithRole, mayPerform, maySubmitAtHall } from './policy.js';
import { caseEvents, caseMaterials, cases, uploads, type CaseStatus, type SupplementNotice } from './tables.js';
import { canTransition, transitions, type CaseAction } from './stateMachine.js';
import { ownUploads } from './uploads.js';

export type CaseRow = typeof cases.$inferSelect;
export type MaterialInput = { code: string; uploadId: string };

const EXT_MIME: Record<string, string> = { pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg' };
const megabytes = (bytes: number) => Number((bytes / 1048576).toFixed(1));

/** Checks the materials against the item's list and the caller's uploads; `present` are codes already on the case. */
async function checkMaterials(tx: Executor, actor: Actor, specs: MaterialSpec[], materials: MaterialInput[], present: Set<string>) {
  const byCode = new Map(specs.map((s) => [s.code, s]));
  for (const m of materials) if (!byCode.has(m.code)) throw new DomainError('MATERIAL_UNKNOWN', { code: m.code.slice(0, 40) });
  const owned = await ownUploads(tx, actor, [...new Set(materials.map((m) => m.uploadId))]);
  const issues: FieldIssue[] = [];
  materials.forEach((m, i) => {
    const up = owned.get(m.uploadId);
    if (!up) issues.push({ path: `materials.${i}.uploadId`, code: 'INVALID' });
  });
  if (issues.length) throw new DomainError('VALIDATION', {}, issues);
  for (const m of materials) {
    const spec = byCode.get(m.code)!;
    const { mime, size } = owned.get(m.uploadId)!;
    if (!spec.accept.some((ext) => EXT_MIME[ext] === mime)) {
      throw new DomainError('MATERIAL_TYPE', { name: spec.name, accept: spec.accept.join('/').toUpperCase() });
    }
    // Each material has its own limit (办事指南 lists it); the upload limit is only the platform's ceiling.
    if (size > spec.maxBytes) {
      throw new DomainError('MATERIAL_TOO_LARGE', { name: spec.name, maxMb: megabytes(spec.maxBytes), sizeMb: megabytes(size) });
    }
  }
  const supplied = new Set([...present, ...materials.map((m) => m.code)]);
  const missing = specs.filter((s) => s.required && !supplied.has(s.code));
  if (missing.length) throw new DomainError('MATERIAL_MISSING', { names: listText(missing.map((s) => s.name)) }, missing.map((s) => ({ path: `materials.${s.code}`, code: 'REQUIRED' })));
}

function checkForm(item: ServiceItem, form: Record<string, unknown>) {
  const { value, issues } = validateForm(item.form.fields, form);
  if (issues.length) throw new DomainError('FORM_INVALID', {}, issues);
  return value;
}

async function attachMaterials(tx: Tx, caseId: string, materials: MaterialInput[], round: number) {
  if (materials.length === 0) return;
  try {
    await tx.insert(caseMaterials).values(materials.map((m) => ({ id: uuidv7(), caseId, materialCode: m.code, uploadId: m.uploadId, round })));
  } catch (e) {
    throw uniqueUploadError(e);
  }
}

/**
 * An upload already attached to a case trips case_materials' unique upload_id; one the purge of
 * unattached uploads removed meanwhile trips its foreign key.
 */
function uniqueUploadError(e: unknown): unknown {
  if (isUniqueViolation(e)) return new DomainError('UPLOAD_IN_USE');
  if (isForeignKeyViolation(e)) return new DomainError('VALIDATION', {}, [{ path: 'materials', code: 'INVALID' }]);
  return e;
}

async function recordEvent(
  tx: Tx,
  actor: Actor,
  c: { id: string; caseNo: string },
  action: CaseAction | 'submit' | 'issue',
  fromStatus: CaseStatus | null,
  toStatus: CaseStatus,
  note: string | null,
  detail: Record<string, unknown> = {},
) {
  const onBehalf = actor.agent ? { onBehalfOf: actor.accountId } : {};
  await tx.insert(caseEvents).values({ id: uuidv7(), caseId: c.id, actorAccountId: performerId(actor), action, fromStatus, toStatus, note, detail: { ...detail, ...onBehalf } });
  await appendAudit(tx, {
    actorAccountId: performerId(actor),
    action: `case.${action}`,
    entityType: 'case',
    entityId: c.id,
    detail: { caseNo: c.caseNo, from: fromStatus, to: toStatus, ...detail, ...onBehalf },
  });
}

/** Who the case is for: the caller online, or the walk-in a window clerk serves at the hall. */
export type SubmitVia = { channel: 'online' } | { channel: 'hall'; applicant: Pick<Actor, 'accountId' | 'kind' | 'level'> };

export async function submitCase(
  tx: Tx,
  actor: Actor,
  input: { itemId: string; form: Record<string, unknown>; materials: MaterialInput[] },
  regionCode: string,
  via: SubmitVia = { channel: 'online' },
): Promise<{ id: string; caseNo: string; status: 'submitted'; submittedAt: string }> {
  const row = await getItem(tx, input.itemId);
  if (!row || !row.item.published) throw new DomainError('ITEM_UNAVAILABLE');
  const { item } = row;
  const applicant = via.channel === 'hall' ? via.applicant : actor;
  if (via.channel === 'hall' && !maySubmitAtHall(actor, item.departmentId)) throw new DomainError('FORBIDDEN');
  if (applicant.kind === 'staff') throw new DomainError('FORBIDDEN');
  if (!item.applicantKinds.includes(applicant.kind)) {
    throw new DomainError('APPLICANT_KIND', { kinds: listText(item.applicantKinds.map((k) => bilingualLabel(`applicantKind.${k}`))) });
  }
  if (actor.agent?.itemCodes && !actor.agent.itemCodes.includes(item.code)) throw new DomainError('ITEM_NOT_AUTHORISED');
  // The weaker of the principal's and the agent's real-name level decides.
  const level = Math.min(applicant.level, actor.agent?.level ?? applicant.level);
  if (level < item.minLevel) throw new DomainError('LEVEL_TOO_LOW', { required: item.minLevel, current: level });
  const form = checkForm(item, input.form);
  const submittedBy = performerId(actor) === applicant.accountId ? null : performerId(actor);
  // Uploads are never handed over, so ownership is checked with a plain read; the unique upload_id
  // on case_materials still stops one file joining two cases, and its foreign key one the purge of
  // unattached uploads removed in between.
  await checkMaterials(tx, actor, item.materials, input.materials, new Set());
  const now = new Date();
  const id = uuidv7();
  const day = shanghaiDate(now).replace(/-/g, '');
  const materials = input.materials.map((m) => ({ id: uuidv7(), code: m.code, upload_id: m.uploadId }));
  // Counter, case, materials and first history entry in one statement: the counter row is the
  // hot spot every submission of the day locks, so it is held for as few round trips as possible.
  // (Foreign keys are checked at the end of the statement, after all four inserts.)
  let inserted;
  try {
    inserted = await tx.execute(sql`
      WITH n AS (
        INSERT INTO case_counters (region_code, day, seq) VALUES (${regionCode}, ${day}, 1)
        ON CONFLICT (region_code, day) DO UPDATE SET seq = case_counters.seq + 1
        RETURNING seq
      ), c AS (
        INSERT INTO cases (id, case_no, item_id, department_id, applicant_account_id, status, channel, submitted_by_account_id, form, round, submitted_at, updated_at)
        SELECT ${id}, ${regionCode} || '-' || ${day} || '-' || lpad(n.seq::text, 6, '0'), ${item.id}, ${item.departmentId},
               ${applicant.accountId}, 'submitted', ${via.channel}, ${submittedBy}, ${JSON.stringify(form)}::jsonb, 1, ${now.toISOString()}, ${now.toISOString()}
        FROM n
        RETURNING id, case_no
      ), m AS (
        INSERT INTO case_materials (id, case_id, material_code, upload_id, round)
        SELECT x.id, c.id, x.code, x.upload_id, 1
        FROM c, jsonb_to_recordset(${JSON.stringify(materials)}::jsonb) AS x(id uuid, code text, upload_id uuid)
      ), e AS (
        INSERT INTO case_events (id, case_id, actor_account_id, action, from_status, to_status, note, detail)
        SELECT ${uuidv7()}, c.id, ${performerId(actor)}, 'submit', NULL, 'submitted', NULL, ${JSON.stringify({ itemCode: item.code, channel: via.channel, ...(actor.agent ? { onBehalfOf: actor.accountId } : {}) })}::jsonb
        FROM c
      )
      SELECT case_no FROM c`);
  } catch (e) {
    throw uniqueUploadError(e);
  }
  const caseNo = (inserted as unknown as { rows: { case_no: string }[] }).rows[0]!.case_no;
  await appendAudit(tx, {
    actorAccountId: performerId(actor),
    action: 'case.submit',
    entityType: 'case',
    entityId: id,
    detail: {
      caseNo,
      from: null,
      to: 'submitted',
      itemCode: item.code,
      channel: via.channel,
      ...(submittedBy ? { applicant: applicant.accountId } : {}),
      ...(actor.agent ? { onBehalfOf: actor.accountId, authorisationId: actor.agent.authorisationId } : {}),
    },
  });
  return { id, caseNo, status: 'submitted' as const, submittedAt: now.toISOString() };
}

/**
 * Runs one transition: locks the case row, hides it from those who may not see it, checks the
 * actor's right and the state machine, then lets `apply` write the change and the events, all
 * in the caller's transaction. A second concurrent caller waits on the lock and then finds the new state.
 */
async function transition<T>(
  tx: Tx,
  actor: Actor,
  caseId: string,
  action: CaseAction,
  apply: (tx: Tx, c: CaseRow) => Promise<{ patch: Partial<CaseRow>; note: string | null; detail?: Record<string, unknown>; after?: (tx: Tx, c: CaseRow) => Promise<T> }>,
): Promise<T | undefined> {
  const [c] = await tx.select().from(cases).where(eq(cases.id, caseId)).for('update');
  if (!c || !canSeeCase(actor, c)) throw new DomainError('NOT_FOUND');
  if (!mayPerform(actor, c, action)) throw new DomainError('FORBIDDEN');
  if (!canTransition(c.status, action)) throw new DomainError('ILLEGAL_TRANSITION', { status: c.status, action });
  const { patch, note, detail, after } = await apply(tx, c);
  const to = transitions[action].to;
  const now = new Date();
  await tx.update(cases).set({ ...patch, status: to, updatedAt: now }).where(eq(cases.id, c.id));
  await recordEvent(tx, actor, c, action, c.status, to, note, detail);
  return after ? after(tx, { ...c, ...patch, status: to }) : undefined;
}

export async function acceptCase(tx: Tx, actor: Actor, caseId: string) {
  await transition(tx, actor, caseId, 'accept', async (tx, c) => {
    const row = await getItem(tx, c.itemId);
    const now = new Date();
    // 承诺时限 runs from acceptance, in working days on the official calendar: the version the
    // database has committed, held until this transaction ends (a schedule entry recounts after us).
    const calendar = await calendarForWrite(tx);
    const dueLimitDays = row!.item.promisedLimitDays;
    const due = calendar.dueDate(shanghaiDate(now), dueLimitDays);
    return {
      patch: { acceptedAt: now, dueDate: due.date, dueLimitDays, supplementNotice: null },
      note: null,
      detail: { dueDate: due.date, ...(due.provisional ? { dueDateProvisional: true } : {}) },
    };
  });
}

export async function rejectCase(tx: Tx, actor: Actor, caseId: string, reason: string) {
  await transition(tx, actor, caseId, 'reject', async () => ({ patch: { completedAt: new Date() }, note: reason }));
}

export async function requestSupplement(
  tx: Tx,
  actor: Actor,
  caseId: string,
  input: { items: { materialCode?: string | null | undefined; reason: string }[]; note?: string | null | undefined },
) {
  await transition(tx, actor, caseId, 'supplement', async (tx, c) => {
    const row = await getItem(tx, c.itemId);
    const codes = new Set(row!.item.materials.map((m) => m.code));
    input.items.forEach((it, i) => {
      if (it.materialCode && !codes.has(it.materialCode)) {
        throw new DomainError('VALIDATION', {}, [{ path: `items.${i}.materialCode`, code: 'BAD_OPTION' }]);
      }
    });
    const notice: SupplementNotice = {
      items: input.items.map((it) => ({ materialCode: it.materialCode ?? null, reason: it.reason })),
      note: input.note ?? null,
      at: new Date().toISOString(),
      round: c.round,
    };
    return { patch: { supplementNotice: notice }, note: input.note ?? null, detail: { items: notice.items } };
  });
}

export async function resubmitCase(tx: Tx, actor: Actor, caseId: string, input: { form: Record<string, unknown>; materials: MaterialInput[] }) {
  await transition(tx, actor, caseId, 'resubmit', async (tx, c) => {
    const row = await getItem(tx, c.itemId);
    const item = row!.item;
    const form = checkForm(item, input.form);
    const present = await tx.selectDistinct({ code: caseMaterials.materialCode }).from(caseMaterials).where(eq(caseMaterials.caseId, c.id));
    await checkMaterials(tx, actor, item.materials, input.materials, new Set(present.map((p) => p.code)));
    // Every material the notice names must come back new.
    const asked = (c.supplementNotice?.items ?? []).map((i) => i.materialCode).filter((x): x is string => !!x);
    const given = new Set(input.materials.map((m) => m.code));
    const notGiven = asked.filter((code) => !given.has(code));
    if (notGiven.length) {
      const names = item.materials.filter((m) => notGiven.includes(m.code)).map((m) => m.name);
      throw new DomainError('MATERIAL_MISSING', { names: listText(names) }, notGiven.map((code) => ({ path: `materials.${code}`, code: 'REQUIRED' })));
    }
    const round = c.round + 1;
    await attachMaterials(tx, c.id, input.materials, round);
    const changedFields = Object.keys({ ...c.form, ...form }).filter((k) => JSON.stringify(c.form[k]) !== JSON.stringify(form[k]));
    return {
      patch: { form, round, supplementNotice: null },
      note: null,
      detail: { changedFields, replacedMaterials: [...given], round },
    };
  });
}

export async function approveCase(tx: Tx, actor: Actor, caseId: string, opinion: string) {
  return transition(tx, actor, caseId, 'approve', async (tx, c) => {
    const row = await getItem(tx, c.itemId);
    const item = row!.item;
    return {
      patch: { completedAt: new Date() },
      note: opinion,
      after: async (tx2: Tx, done: CaseRow) => {
        if (!item.licenceTypeCode) return null;
        const holder = await personIdentity(tx2, done.applicantAccountId);
        const licence = await issueLicence(tx2, {
          typeCode: item.licenceTypeCode,
          caseId: done.id,
          holderAccountId: done.applicantAccountId,
          issuerDepartmentId: done.departmentId,
          actorAccountId: actor.accountId,
          // An enterprise holds its certificate under its credit code.
          sources: { applicant: { name: holder!.name, idNumber: holder!.idNumber ?? holder!.creditCode ?? '' }, form: done.form, caseNo: done.caseNo },
        });
        await recordEvent(tx2, actor, done, 'issue', 'completed', 'completed', null, { licenceIdentifier: licence.identifier });
        return licence;
      },
    };
  });
}

export async function denyCase(tx: Tx, actor: Actor, caseId: string, opinion: string) {
  await transition(tx, actor, caseId, 'deny', async () => ({ patch: { completedAt: new Date() }, note: opinion }));
}

export async function getCaseFor(db: Executor, actor: Actor, caseId: string): Promise<CaseRow> {
  const [c] = await db.select().from(cases).where(eq(cases.id, caseId)).limit(1);
  if (!c || !canSeeCase(actor, c)) throw new DomainError('NOT_FOUND');
  return c;
}

export type CaseScope = 'mine' | 'intake' | 'approval' | 'department';

/**
 * Each list's filter and order. The queues are oldest first (first come, first served); the
 * applicant's list and the department tab newest first. Every list is served by an index on
 * (its filter, submitted_at, id) — see the cases table in schema.ts — so a page reads only its rows.
 * The queue statuses are literals, not parameters, so the planner can match the partial indexes.
 */
const scopes = {
  mine: { dir: 'desc', role: null, status: null },
  intake: { dir: 'asc', role: 'clerk', status: sql.raw(`status IN ('submitted', 'resubmitted')`) },
  approval: { dir: 'asc', role: 'approver', status: sql.raw(`status = 'accepted'`) },
  department: { dir: 'desc', role: null, status: null },
} as const satisfies Record<CaseScope, { dir: 'asc' | 'desc'; role: 'clerk' | 'approver' | null; status: SQL | null }>;

export type CasePage = { rows: CaseRow[]; nextCursor: string | null };

/**
 * One page of a list, always scoped by the caller: their own cases, or their departments' queues.
 * Over several departments each department's page is read from its own index range and the pages
 * are merged (UNION ALL, then the first `limit`), instead of scanning and sorting all of them.
 */
export async function listCases(db: Executor, actor: Actor, scope: CaseScope, page: PageRequest = { limit: PAGE_DEFAULT }): Promise<CasePage> {
  const { dir, role, status } = scopes[scope];
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
  const one = (where: SQL | undefined) => db.select(columns).from(cases).where(and(where, status ?? undefined, after)).orderBy(...order).limit(n);

  let rows: (CaseRow & { sortAt: string })[];
  if (scope === 'mine') {
    rows = await one(eq(cases.applicantAccountId, actor.accountId));
  } else {
    const depts = departmentsWithRole(actor, role);
    const [first, second, ...rest] = depts.map((d) => one(eq(cases.departmentId, d)));
    if (!first) return { rows: [], nextCursor: null };
    rows = second ? await unionAll(first, second, ...rest).orderBy(...order).limit(n) : await first;
  }
  const cut = toPage(rows, page.limit, (r) => ({ at: r.sortAt, id: r.id }));
  return { rows: cut.rows.map(({ sortAt: _, ...c }) => c), nextCursor: cut.nextCursor };
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
