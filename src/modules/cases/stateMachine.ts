import type { CaseStatus } from './tables.js';

export type CaseAction = 'accept' | 'reject' | 'supplement' | 'resubmit' | 'approve' | 'deny' | 'return' | 'release' | 'cancel' | 'withdraw';

/**
 * Who performs an action: the applicant, or staff with this role in the case's department; or the
 * platform itself (`release`: a waiting member of a theme application enters intake in the
 * transaction that completes its last prerequisite; `cancel`: it ends in the transaction that
 * rejects or denies a prerequisite — nobody may ask for either).
 */
export type Performer = 'applicant' | 'clerk' | 'approver' | 'platform';

export const transitions: Record<CaseAction, { from: CaseStatus[]; to: CaseStatus; by: Performer }> = {
  accept: { from: ['submitted', 'resubmitted'], to: 'accepted', by: 'clerk' },
  reject: { from: ['submitted', 'resubmitted'], to: 'rejected', by: 'clerk' },
  supplement: { from: ['submitted', 'resubmitted'], to: 'supplement_requested', by: 'clerk' },
  resubmit: { from: ['supplement_requested'], to: 'resubmitted', by: 'applicant' },
  // Approval runs the case's flow task by task (flow/decide.ts): an agreement that is not the last
  // one keeps the case `accepted` (in approval); the last one completes it.
  approve: { from: ['accepted'], to: 'completed', by: 'approver' },
  deny: { from: ['accepted'], to: 'denied', by: 'approver' },
  // 退回: to an earlier step (the case stays `accepted`) or to intake (`submitted`, the clerk's again).
  return: { from: ['accepted'], to: 'accepted', by: 'approver' },
  release: { from: ['waiting'], to: 'submitted', by: 'platform' },
  cancel: { from: ['waiting'], to: 'cancelled', by: 'platform' },
  // 撤回: the applicant takes the case back before a decision (approval runs while `accepted`).
  withdraw: { from: ['submitted', 'resubmitted', 'supplement_requested', 'accepted'], to: 'withdrawn', by: 'applicant' },
};

export const caseActions = Object.keys(transitions) as CaseAction[];

/** The statuses an action may end in besides its `to`: a step of the flow, or a return to intake. */
export const intermediateTargets: Partial<Record<CaseAction, CaseStatus[]>> = { approve: ['accepted'], return: ['submitted'] };

export function canTransition(status: CaseStatus, action: CaseAction): boolean {
  return transitions[action].from.includes(status);
}
