import { desc, eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.js';
import { DomainError } from '../../../lib/errors.js';
import { local, type Lang } from '../../../lib/i18n/messages.js';
import { otherImplementations } from '../../catalog/index.js';
import { getDepartment, listDepartments, type Actor } from '../../identity/index.js';
import { canSeeCase, mayPerform } from '../policy.js';
import { canTransition } from '../stateMachine.js';
import { caseEvents, cases } from '../tables.js';
import { taskFor } from '../flow/decide.js';
import { loadTasks, type CaseTaskRow } from '../flow/tasks.js';
import type { CaseRow } from '../service.js';

/**
 * Where a case (移送) or an approval task (转办) may go: a department, and — when it is another
 * implementer of the item's basic item — that implementation and its current version, which the
 * case then runs under.
 */
export type TransferTarget = { departmentId: string; itemId: string | null; versionId: string | null };

/**
 * The targets: when other departments implement the same basic item (基本目录), only those; when
 * none does, any other department. Never the sending department, nor one that holds an open task
 * of the case already (a department decides once per running step). `moves` says whether the case
 * itself moves (its own department is the sender) — a participant's task of a parallel step
 * (并联审批) leaves the case where it is, so any other department may take it.
 */
export async function transferTargets(db: Executor, c: Pick<CaseRow, 'itemId' | 'departmentId'>, from: string, tasks: readonly CaseTaskRow[]): Promise<{ targets: TransferTarget[]; restricted: boolean }> {
  const busy = new Set([from, ...tasks.filter((t) => t.status === 'open').map((t) => t.departmentId)]);
  const moves = from === c.departmentId;
  if (moves) {
    const implementers = (await otherImplementations(db, c.itemId)).filter((i) => i.departmentId !== c.departmentId);
    // One implementation per department: a department implementing the item twice (two regions) offers the first by code.
    const seen = new Set<string>();
    const targets = implementers
      .filter((i) => !busy.has(i.departmentId) && !seen.has(i.departmentId) && !!seen.add(i.departmentId))
      .map((i) => ({ departmentId: i.departmentId, itemId: i.id, versionId: i.currentVersionId }));
    // Other departments implement the item: only they may take it (none, while each already holds a task of it).
    if (implementers.length) return { targets, restricted: true };
  }
  const departments = await listDepartments(db);
  return { targets: departments.filter((d) => !busy.has(d.id)).map((d) => ({ departmentId: d.id, itemId: null, versionId: null })), restricted: false };
}

/** The target chosen, or TRANSFER_TARGET when it is not one of them. */
export function chosenTarget(targets: readonly TransferTarget[], departmentId: string): TransferTarget {
  const t = targets.find((x) => x.departmentId === departmentId);
  if (!t) throw new DomainError('TRANSFER_TARGET');
  return t;
}

/**
 * GET transfer-targets: what the actor may do now (移送 of the case in intake, or 转办 of their open
 * task) and where it may go. A case the actor may not see is not found; one they may see but not
 * move now is FORBIDDEN or ILLEGAL_TRANSITION, as the POST would answer.
 */
export async function readTransferTargets(db: Executor, actor: Actor, lang: Lang, caseId: string, taskId: string | undefined) {
  const [c] = await db.select().from(cases).where(eq(cases.id, caseId)).limit(1);
  const tasks = c ? await loadTasks(db, c.id) : [];
  const ref = c ? { ...c, tasks } : undefined;
  if (!ref || !canSeeCase(actor, ref)) throw new DomainError('NOT_FOUND');
  const action: 'transfer' | 'transfer_task' = canTransition(ref.status, 'transfer') ? 'transfer' : 'transfer_task';
  if (!canTransition(ref.status, action)) throw new DomainError('ILLEGAL_TRANSITION', { status: ref.status, action });
  if (!mayPerform(actor, ref, action)) throw new DomainError('FORBIDDEN');
  const from = action === 'transfer' ? c!.departmentId : taskFor(actor, tasks, taskId).departmentId;
  const { targets, restricted } = await transferTargets(db, c!, from, tasks);
  const names = new Map((await listDepartments(db)).map((d) => [d.id, local(lang, d.name)]));
  const implementations = new Map((await otherImplementations(db, c!.itemId)).map((i) => [i.id, i]));
  return {
    action,
    fromDepartment: { id: from, name: names.get(from) ?? '' },
    restricted,
    targets: targets.map((t) => {
      const impl = t.itemId ? implementations.get(t.itemId) : undefined;
      return { departmentId: t.departmentId, departmentName: names.get(t.departmentId) ?? '', item: impl ? { id: impl.id, code: impl.code, name: local(lang, impl.name) } : null };
    }),
  };
}

/** What POST transfer and transfer-task answer: where the case or task went, read in the action's transaction. */
export async function transferReceipt(db: Executor, actor: Actor, lang: Lang, caseId: string) {
  const [c] = (await db.select().from(cases).where(eq(cases.id, caseId)).limit(1))!;
  const tasks = await loadTasks(db, caseId);
  const [last] = await db.select({ detail: caseEvents.detail }).from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(desc(caseEvents.at), desc(caseEvents.id)).limit(1);
  const to = String(last?.detail?.toDepartmentId ?? c!.departmentId);
  const dept = await getDepartment(db, to);
  return { id: c!.id, caseNo: c!.caseNo, status: c!.status, toDepartment: { id: to, name: dept ? local(lang, dept.name) : '' }, stillVisible: canSeeCase(actor, { ...c!, tasks }) };
}
