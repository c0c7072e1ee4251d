import type { CaseStatus } from './tables.js';

export type CaseAction =
  | 'prereview_pass'
  | 'accept'
  | 'reject'
  | 'supplement'
  | 'transfer'
  | 'resubmit'
  | 'approve'
  | 'deny'
  | 'return'
  | 'transfer_task'
  | 'release'
  | 'cancel'
  | 'lapse'
  | 'special_start'
  | 'special_end'
  | 'extension_request'
  | 'extension_approve'
  | 'extension_refuse'
  | 'withdraw';

/**
 * Who performs an action: the applicant, or staff with this role in the case's department; or the
 * platform itself (`release`: a waiting member of a theme application enters intake in the
 * transaction that completes its last prerequisite; `cancel`: it ends in the transaction that
 * rejects or denies a prerequisite — nobody may ask for either; `lapse`: the deadline watch ends a
 * case whose supplement deadline passed). The clock actions (特别程序, 延期) keep the status and are
 * further guarded by the clock's state (`clockAllows`).
 */
export type Performer = 'applicant' | 'clerk' | 'approver' | 'head' | 'platform';

export const transitions: Record<CaseAction, { from: CaseStatus[]; to: CaseStatus; by: Performer }> = {
  // 网上预审: the clerk checks the materials of an item that ends in a hall visit online, and tells
  // the applicant what to bring; the case is accepted at the window when they come (`prereviewed`).
  prereview_pass: { from: ['prereview'], to: 'prereviewed', by: 'clerk' },
  accept: { from: ['submitted', 'resubmitted', 'prereviewed'], to: 'accepted', by: 'clerk' },
  reject: { from: ['submitted', 'resubmitted', 'prereview'], to: 'rejected', by: 'clerk' },
  supplement: { from: ['submitted', 'resubmitted', 'prereview'], to: 'supplement_requested', by: 'clerk' },
  // 移送: the clerk moves a case in intake to another department (the status stays: see intermediateTargets).
  transfer: { from: ['submitted', 'resubmitted'], to: 'submitted', by: 'clerk' },
  resubmit: { from: ['supplement_requested'], to: 'resubmitted', by: 'applicant' },
  // Approval runs the case's flow task by task (flow/decide.ts): an agreement that is not the last
  // one keeps the case `accepted` (in approval); the last one completes it.
  approve: { from: ['accepted'], to: 'completed', by: 'approver' },
  deny: { from: ['accepted'], to: 'denied', by: 'approver' },
  // 退回: to an earlier step (the case stays `accepted`) or to intake (`submitted`, the clerk's again).
  return: { from: ['accepted'], to: 'accepted', by: 'approver' },
  // 转办: an approver hands their open task to another department (the case stays in approval).
  transfer_task: { from: ['accepted'], to: 'accepted', by: 'approver' },
  release: { from: ['waiting'], to: 'submitted', by: 'platform' },
  cancel: { from: ['waiting'], to: 'cancelled', by: 'platform' },
  // 撤回: the applicant takes the case back before a decision (approval runs while `accepted`).
  withdraw: { from: ['prereview', 'prereviewed', 'submitted', 'resubmitted', 'supplement_requested', 'accepted'], to: 'withdrawn', by: 'applicant' },
  lapse: { from: ['supplement_requested'], to: 'lapsed', by: 'platform' },
  special_start: { from: ['accepted'], to: 'accepted', by: 'approver' },
  special_end: { from: ['accepted'], to: 'accepted', by: 'approver' },
  extension_request: { from: ['accepted'], to: 'accepted', by: 'approver' },
  extension_approve: { from: ['accepted'], to: 'accepted', by: 'head' },
  extension_refuse: { from: ['accepted'], to: 'accepted', by: 'head' },
};

/** The clock state the clock actions depend on. */
export type ClockState = { pauseKind?: string | null; extensionRequest?: unknown };

/**
 * What the clock allows besides the status: a special procedure starts on a running clock and ends
 * only one that is in progress; an extension is asked for once at a time, and decided only when asked.
 */
export function clockAllows(c: ClockState, action: CaseAction): boolean {
  switch (action) {
    case 'special_start':
      return c.pauseKind == null;
    case 'special_end':
      return c.pauseKind === 'special';
    case 'extension_request':
      return c.extensionRequest == null;
    case 'extension_approve':
    case 'extension_refuse':
      return c.extensionRequest != null;
    default:
      return true;
  }
}

export const caseActions = Object.keys(transitions) as CaseAction[];

/**
 * The statuses an action may end in besides its `to`: a step of the flow, a return to intake, a
 * resubmitted case moved on, or (resubmit) back to the online pre-review when the supplement was
 * asked for there.
 */
export const intermediateTargets: Partial<Record<CaseAction, CaseStatus[]>> = { approve: ['accepted'], return: ['submitted'], transfer: ['resubmitted'], resubmit: ['prereview'] };

export function canTransition(status: CaseStatus, action: CaseAction): boolean {
  return transitions[action].from.includes(status);
}

/** The error a refused clock action answers with. */
export function clockRefusal(action: CaseAction): 'CLOCK_PAUSED' | 'CLOCK_NOT_PAUSED' | 'EXTENSION_PENDING' | 'EXTENSION_NOT_PENDING' {
  if (action === 'special_start') return 'CLOCK_PAUSED';
  if (action === 'special_end') return 'CLOCK_NOT_PAUSED';
  if (action === 'extension_request') return 'EXTENSION_PENDING';
  return 'EXTENSION_NOT_PENDING';
}
