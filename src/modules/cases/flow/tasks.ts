import { asc, eq, inArray } from 'drizzle-orm';
import type { Executor, Tx } from '../../../db/client.js';
import { DomainError } from '../../../lib/errors.js';
import { uuidv7 } from '../../../lib/uuid.js';
import { agreementsNeeded, getAppliedFlow, stepName, stepTasks, type FlowStep } from '../../catalog/index.js';
import { listDepartments } from '../../identity/index.js';
import { caseTaskDecisions, caseTasks, type CaseTaskStatus } from '../tables.js';

export type CaseTaskRow = typeof caseTasks.$inferSelect;
type CaseForFlow = { id: string; departmentId: string; itemVersionId: string; submittedAt: Date };

/** Every approval task of a case, in flow order (the policy and the views read them). */
export async function loadTasks(db: Executor, caseId: string): Promise<CaseTaskRow[]> {
  return db.select().from(caseTasks).where(eq(caseTasks.caseId, caseId)).orderBy(asc(caseTasks.step), asc(caseTasks.task), asc(caseTasks.openedAt));
}

/** The tasks of several cases (a list page), by case. */
export async function loadTasksOf(db: Executor, caseIds: string[]): Promise<Map<string, CaseTaskRow[]>> {
  const out = new Map<string, CaseTaskRow[]>();
  if (!caseIds.length) return out;
  const rows = await db.select().from(caseTasks).where(inArray(caseTasks.caseId, caseIds)).orderBy(asc(caseTasks.step), asc(caseTasks.task), asc(caseTasks.openedAt));
  for (const r of rows) out.set(r.caseId, [...(out.get(r.caseId) ?? []), r]);
  return out;
}

/** The step running now: the lowest step with an open task (null when none is open). */
export function currentStep(tasks: readonly CaseTaskRow[]): number | null {
  const open = tasks.filter((t) => t.status === 'open').map((t) => t.step);
  return open.length ? Math.min(...open) : null;
}

/** The tasks in play: open, or decided in a step a return has not undone. */
export const liveTasks = (tasks: readonly CaseTaskRow[]) => tasks.filter((t) => t.status === 'open' || t.status === 'agreed' || t.status === 'disagreed');

/**
 * Opens step `index` of the case's flow: one open task per task of the step, each for its
 * department (the implementing one when the task names none). Runs under the case's lock.
 */
export async function openStep(tx: Tx, c: CaseForFlow, flow: FlowStep[], index: number, now: Date): Promise<CaseTaskRow[]> {
  const step = flow[index]!;
  const byCode = new Map((await listDepartments(tx)).map((d) => [d.code, d.id]));
  const rows = stepTasks(step).map((t, i) => {
    const departmentId = t.department ? byCode.get(t.department) : c.departmentId;
    // Checked at publication; a department since removed from the tree stops the flow here.
    if (!departmentId) throw new DomainError('FLOW_DEPARTMENT_GONE', { code: t.department ?? '' });
    return {
      id: uuidv7(),
      caseId: c.id,
      step: index,
      task: i,
      departmentId,
      definition: t,
      stepName: stepName(step),
      parallel: 'parallel' in step,
      needed: agreementsNeeded(t),
      status: 'open' as const,
      caseSubmittedAt: c.submittedAt,
      openedAt: now,
    };
  });
  return tx.insert(caseTasks).values(rows).returning();
}

/** Opens the first step of the case's flow (its version's): when the case is accepted. */
export async function startFlow(tx: Tx, c: CaseForFlow, now: Date) {
  return openStep(tx, c, await getAppliedFlow(tx, c.itemVersionId), 0, now);
}

/** Closes tasks with a status (a decision, a return, a denial elsewhere). */
export async function closeTasks(tx: Tx, ids: string[], status: CaseTaskStatus, now: Date) {
  if (ids.length) await tx.update(caseTasks).set({ status, closedAt: now }).where(inArray(caseTasks.id, ids));
}

/** The decisions on some tasks, oldest first. */
export async function decisionsOf(db: Executor, taskIds: string[]) {
  if (!taskIds.length) return [];
  return db.select().from(caseTaskDecisions).where(inArray(caseTaskDecisions.taskId, taskIds)).orderBy(asc(caseTaskDecisions.at), asc(caseTaskDecisions.id));
}
