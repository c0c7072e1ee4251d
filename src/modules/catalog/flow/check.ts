import { stepTasks, type FlowStep } from './types.js';

export type FlowProblem = { rule: 'FLOW_GROUP_EMPTY' | 'FLOW_COUNTERSIGN_TOO_FEW' | 'FLOW_DEPARTMENT_REPEATED' | 'FLOW_DEPARTMENT_UNKNOWN'; path: string; params: Record<string, string | number> };

/**
 * The flow's consistency: a parallel group has tasks; 会签 needs at least two distinct approvers;
 * a department decides once per step (each department writes its own opinion); and, when the
 * department tree's codes are given, every named department exists.
 */
export function flowProblems(flow: FlowStep[] | undefined, departmentCodes?: ReadonlySet<string>): FlowProblem[] {
  const out: FlowProblem[] = [];
  (flow ?? []).forEach((step, s) => {
    const base = 'task' in step ? `flow.${s}.task` : `flow.${s}.parallel.tasks`;
    if ('parallel' in step && step.parallel.tasks.length === 0) out.push({ rule: 'FLOW_GROUP_EMPTY', path: base, params: { step: s + 1 } });
    const seen = new Set<string>();
    stepTasks(step).forEach((t, i) => {
      const at = 'task' in step ? base : `${base}.${i}`;
      if (t.mode === 'countersign' && !(t.count !== undefined && t.count >= 2)) out.push({ rule: 'FLOW_COUNTERSIGN_TOO_FEW', path: `${at}.count`, params: { step: s + 1 } });
      const dept = t.department ?? '';
      if (seen.has(dept)) out.push({ rule: 'FLOW_DEPARTMENT_REPEATED', path: `${at}.department`, params: { step: s + 1, code: t.department ?? '' } });
      seen.add(dept);
      if (t.department && departmentCodes && !departmentCodes.has(t.department)) out.push({ rule: 'FLOW_DEPARTMENT_UNKNOWN', path: `${at}.department`, params: { code: t.department } });
    });
  });
  return out;
}
