import type { Executor } from '../../../db/client.js';
import { local, type Lang } from '../../../lib/i18n/messages.js';
import { getAppliedFlow, stepName, stepTasks } from '../../catalog/index.js';
import { accountNames, hasRole, listDepartments, type Actor } from '../../identity/index.js';
import type { CaseRow } from '../service.js';
import { currentStep, decisionsOf, liveTasks, type CaseTaskRow } from './tasks.js';

type Dept = { id: string; code: string; name: { zh: string; en: string } };
export type StepState = 'pending' | 'open' | 'agreed' | 'disagreed';

/** A step's state from its live tasks: any disagreement denies it, all agreed finish it. */
function stateOf(live: CaseTaskRow[]): StepState {
  if (!live.length) return 'pending';
  if (live.some((t) => t.status === 'disagreed')) return 'disagreed';
  if (live.some((t) => t.status === 'open')) return 'open';
  return 'agreed';
}

/**
 * The case's flow as its version defines it, each step with its state and each task with its
 * department, state, and every decision (who, when, opinion). Steps not reached show their
 * tasks as defined. `myTaskId` is the open task the actor may decide; `returnTargets` the
 * (1-based) steps before the running one.
 */
export async function flowView(db: Executor, actor: Actor, lang: Lang, c: CaseRow, tasks: CaseTaskRow[]) {
  const [flow, deptList] = await Promise.all([getAppliedFlow(db, c.itemVersionId), listDepartments(db)]);
  const depts = new Map<string, Dept>(deptList.map((d) => [d.id, d]));
  const byCode = new Map<string, Dept>(deptList.map((d) => [d.code, d]));
  const live = liveTasks(tasks);
  const decisions = await decisionsOf(db, live.map((t) => t.id));
  const names = await accountNames(db, [...new Set(decisions.map((d) => d.accountId))]);
  const deptView = (d: Dept | undefined) => ({ id: d?.id ?? null, name: d ? local(lang, d.name) : '' });
  const steps = flow.map((step, s) => {
    const rows = live.filter((t) => t.step === s);
    const defs = stepTasks(step);
    return {
      step: s + 1,
      name: local(lang, stepName(step)),
      parallel: 'parallel' in step,
      state: stateOf(rows),
      tasks: defs.map((def, i) => {
        // A step of the current run shows each task's latest row (a task closed by a denial elsewhere
        // shows as discarded); a step not reached, or undone by a return, shows as defined.
        const row = rows.length ? tasks.filter((t) => t.step === s && t.task === i).at(-1) : undefined;
        const dept = row ? depts.get(row.departmentId) : def.department ? byCode.get(def.department) : depts.get(c.departmentId);
        return {
          id: row?.id ?? null,
          name: local(lang, def.name),
          department: deptView(dept),
          mode: def.mode,
          needed: row?.needed ?? (def.mode === 'countersign' ? (def.count ?? 2) : 1),
          status: row?.status ?? ('pending' as const),
          decisions: row
            ? decisions
                .filter((d) => d.taskId === row.id)
                .map((d) => ({ by: names.get(d.accountId) ?? '', decision: d.decision, opinion: d.opinion, at: d.at.toISOString() }))
            : [],
        };
      }),
    };
  });
  const running = currentStep(tasks);
  const mine = tasks.find((t) => t.status === 'open' && hasRole(actor, 'approver', t.departmentId) && !decisions.some((d) => d.taskId === t.id && d.accountId === actor.accountId));
  return {
    steps,
    myTaskId: mine?.id ?? null,
    returnTargets: running === null ? [] : Array.from({ length: running }, (_, i) => i + 1),
  };
}

/**
 * The step a case in approval is at, for a list row: its name and, for a parallel step, each
 * department with whether it has decided. Null for a case not in approval.
 */
export function approvalSummary(lang: Lang, tasks: readonly CaseTaskRow[] | undefined, deptName: (id: string) => string) {
  const step = tasks ? currentStep(tasks) : null;
  if (step === null) return null;
  const rows = liveTasks(tasks!).filter((t) => t.step === step);
  return {
    step: step + 1,
    stepName: local(lang, rows[0]!.stepName),
    parallel: rows[0]!.parallel,
    departments: rows.map((t) => ({ name: deptName(t.departmentId), decided: t.status !== 'open' })),
  };
}
