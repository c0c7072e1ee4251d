import { and, count, eq } from 'drizzle-orm';
import type { Tx } from '../../../db/client.js';
import { DomainError } from '../../../lib/errors.js';
import { uuidv7 } from '../../../lib/uuid.js';
import { getAppliedFlow } from '../../catalog/index.js';
import { hasRole, performerId, type Actor } from '../../identity/index.js';
import { caseTaskDecisions, type CaseStatus } from '../tables.js';
import type { CaseRow } from '../service.js';
import { closeTasks, currentStep, openStep, type CaseTaskRow } from './tasks.js';

/**
 * The open task an approver decides: the one asked for (`taskId`, as the case page shows it), or
 * the only open task of a department where the actor is an approver. A task closed meanwhile (the
 * other approver of a single task was first) is a conflict, not a decision on the next step.
 */
export function taskFor(actor: Actor, tasks: readonly CaseTaskRow[], taskId: string | undefined): CaseTaskRow {
  const mine = tasks.filter((t) => t.status === 'open' && hasRole(actor, 'approver', t.departmentId));
  if (taskId) {
    const asked = tasks.find((t) => t.id === taskId);
    if (!asked) throw new DomainError('NOT_FOUND');
    if (asked.status !== 'open') throw new DomainError('TASK_CLOSED');
    if (!mine.includes(asked)) throw new DomainError('FORBIDDEN');
    return asked;
  }
  if (mine.length !== 1) throw new DomainError(mine.length ? 'TASK_AMBIGUOUS' : 'FORBIDDEN');
  return mine[0]!;
}

/** Records one approver's decision on a task; the same person twice on one task (会签) is refused. */
async function recordDecision(tx: Tx, actor: Actor, task: CaseTaskRow, decision: 'agree' | 'disagree' | 'return', opinion: string, now: Date) {
  const accountId = performerId(actor);
  const [before] = await tx.select({ n: count() }).from(caseTaskDecisions).where(and(eq(caseTaskDecisions.taskId, task.id), eq(caseTaskDecisions.accountId, accountId)));
  if (before!.n > 0) throw new DomainError('ALREADY_DECIDED');
  await tx.insert(caseTaskDecisions).values({ id: uuidv7(), taskId: task.id, accountId, decision, opinion, at: now });
  const [agreed] = await tx.select({ n: count() }).from(caseTaskDecisions).where(and(eq(caseTaskDecisions.taskId, task.id), eq(caseTaskDecisions.decision, 'agree')));
  return agreed!.n;
}

/** What every decision event says: which task, step and department, so the history shows the office. */
const taskDetail = (task: CaseTaskRow) => ({ taskId: task.id, step: task.step, stepName: task.stepName, departmentId: task.departmentId, parallel: task.parallel });

type Outcome = { to: CaseStatus; detail: Record<string, unknown> };

/**
 * An agreement: the task is done when enough distinct approvers agreed (1, or N for 会签); the step
 * when all its tasks are (a parallel group waits for every department); then the next step opens,
 * or, after the last, the case is completed.
 */
export async function agree(tx: Tx, actor: Actor, c: CaseRow, tasks: CaseTaskRow[], taskId: string | undefined, opinion: string): Promise<Outcome> {
  const now = new Date();
  const task = taskFor(actor, tasks, taskId);
  const agreed = await recordDecision(tx, actor, task, 'agree', opinion, now);
  const detail = { ...taskDetail(task), decision: 'agree', agreements: agreed, needed: task.needed };
  if (agreed < task.needed) return { to: 'accepted', detail };
  await closeTasks(tx, [task.id], 'agreed', now);
  const stillOpen = tasks.filter((t) => t.status === 'open' && t.step === task.step && t.id !== task.id);
  if (stillOpen.length) return { to: 'accepted', detail: { ...detail, taskDone: true } };
  const flow = await getAppliedFlow(tx, c.itemVersionId);
  if (task.step + 1 < flow.length) {
    await openStep(tx, c, flow, task.step + 1, now);
    return { to: 'accepted', detail: { ...detail, taskDone: true, nextStep: task.step + 1 } };
  }
  return { to: 'completed', detail: { ...detail, taskDone: true } };
}

/** A disagreement: the case is denied with this department's opinion; every other open task closes. */
export async function disagree(tx: Tx, actor: Actor, tasks: CaseTaskRow[], taskId: string | undefined, opinion: string): Promise<Outcome> {
  const now = new Date();
  const task = taskFor(actor, tasks, taskId);
  await recordDecision(tx, actor, task, 'disagree', opinion, now);
  await closeTasks(tx, [task.id], 'disagreed', now);
  await closeTasks(tx, tasks.filter((t) => t.status === 'open' && t.id !== task.id).map((t) => t.id), 'discarded', now);
  return { to: 'denied', detail: { ...taskDetail(task), decision: 'disagree' } };
}

/** Where a return sends the case: an earlier step of the flow, or intake (the window clerk). */
export type ReturnTarget = { step: number } | { intake: true };

/**
 * 退回: the target step's tasks are reopened (new open tasks) and the tasks of it and every later
 * step closed (`returned` for those decided, `discarded` for those still open); to intake, every
 * task closes and the case is the clerk's again (accepting it starts the flow anew).
 */
export async function returnTo(tx: Tx, actor: Actor, c: CaseRow, tasks: CaseTaskRow[], taskId: string | undefined, target: ReturnTarget, reason: string): Promise<Outcome> {
  const now = new Date();
  const task = taskFor(actor, tasks, taskId);
  const running = currentStep(tasks) ?? task.step;
  if ('step' in target && !(target.step >= 0 && target.step < running)) throw new DomainError('RETURN_TARGET', { step: target.step + 1 });
  await recordDecision(tx, actor, task, 'return', reason, now);
  const from = 'step' in target ? target.step : 0;
  const affected = tasks.filter((t) => t.step >= from && (t.status === 'open' || t.status === 'agreed'));
  await closeTasks(tx, affected.filter((t) => t.status === 'agreed' || t.id === task.id).map((t) => t.id), 'returned', now);
  await closeTasks(tx, affected.filter((t) => t.status === 'open' && t.id !== task.id).map((t) => t.id), 'discarded', now);
  const detail = { ...taskDetail(task), decision: 'return', returnTo: 'step' in target ? target.step : 'intake' };
  if ('intake' in target) return { to: 'submitted', detail };
  await openStep(tx, c, await getAppliedFlow(tx, c.itemVersionId), target.step, now);
  return { to: 'accepted', detail };
}
