import type { LocalText } from '../../../db/types.js';

/**
 * One approval task of a flow (审批环节): who decides (the role `approver` of a department — the
 * implementing department when `department` is null, another department by its code for 并联审批),
 * its name, and how: `single` (one approver decides) or `countersign` (会签: `count` distinct
 * approvers of that department must each agree).
 */
export type FlowTask = {
  department: string | null;
  role: 'approver';
  name: LocalText;
  mode: 'single' | 'countersign';
  /** For `countersign`: how many distinct approvers must agree (at least 2). */
  count?: number;
};

/** A step of a flow: one task, or a parallel group (并联审批) whose tasks all must agree before the next step. */
export type FlowStep = { task: FlowTask } | { parallel: { name: LocalText; tasks: FlowTask[] } };

/** The tasks of a step, in order, and its name (a single task's own, or the group's). */
export function stepTasks(step: FlowStep): FlowTask[] {
  return 'task' in step ? [step.task] : step.parallel.tasks;
}
export function stepName(step: FlowStep): LocalText {
  return 'task' in step ? step.task.name : step.parallel.name;
}

/** How many distinct approvers' agreement finishes a task. */
export function agreementsNeeded(task: FlowTask): number {
  return task.mode === 'countersign' ? Math.max(2, task.count ?? 2) : 1;
}

/** The flow of content without one: today's single approval step by the implementing department. */
export const defaultFlow: FlowStep[] = [{ task: { department: null, role: 'approver', name: { zh: '审批', en: 'Approval' }, mode: 'single' } }];

/** The flow a case runs: the content's own, or the default single step. */
export function effectiveFlow(flow: FlowStep[] | undefined | null): FlowStep[] {
  return flow && flow.length ? flow : defaultFlow;
}
