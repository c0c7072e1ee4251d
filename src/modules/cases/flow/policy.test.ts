import { describe, expect, it } from 'vitest';
import type { Actor } from '../../identity/index.js';
import { allowedActions, canSeeCase, isAuditedRead, type CaseRef, type TaskRef } from '../policy.js';
import type { CaseStatus } from '../tables.js';

const clockActions = new Set<string>(['special_start', 'special_end', 'extension_request', 'extension_approve', 'extension_refuse']);

/**
 * Who may do what to a case, in each state: every cell of the table is asserted. The case belongs
 * to department OWN; its flow's first step is parallel (并联审批) between OWN and PART; OTHER has no
 * part in it. "see" is whether the actor may read it at all (everyone else is told it does not exist).
 */
const OWN = 'own-dept';
const PART = 'participating-dept';
const OTHER = 'unrelated-dept';
const APPLICANT = 'applicant';

const staff = (id: string, roles: Actor['roles']): Actor => ({ accountId: id, kind: 'staff', name: id, level: 3, departmentId: roles[0]?.departmentId ?? null, roles });
const actors: Record<string, Actor> = {
  applicant: { accountId: APPLICANT, kind: 'person', name: 'A', level: 2, departmentId: null, roles: [] },
  clerk: staff('clerk', [{ role: 'clerk', departmentId: OWN }]),
  ownApprover: staff('own-approver', [{ role: 'approver', departmentId: OWN }]),
  partApprover: staff('part-approver', [{ role: 'approver', departmentId: PART }]),
  otherApprover: staff('other-approver', [{ role: 'approver', departmentId: OTHER }]),
  supervisor: staff('supervisor', [{ role: 'supervisor', departmentId: OTHER }]),
};

/** The states of the table: the case's status and its approval tasks at that point. */
const open = (d: string): TaskRef => ({ departmentId: d, status: 'open' });
const agreed = (d: string): TaskRef => ({ departmentId: d, status: 'agreed' });
const states: Record<string, { status: CaseStatus; tasks: TaskRef[] }> = {
  submitted: { status: 'submitted', tasks: [] },
  supplement_requested: { status: 'supplement_requested', tasks: [] },
  'parallel step, both open': { status: 'accepted', tasks: [open(OWN), open(PART)] },
  'parallel step, participant decided': { status: 'accepted', tasks: [open(OWN), agreed(PART)] },
  'owner decided, participant open': { status: 'accepted', tasks: [agreed(OWN), open(PART)] },
  'later step of the owner only': { status: 'accepted', tasks: [agreed(OWN), agreed(PART), open(OWN)] },
  // 转办: the participant handed its task to OTHER, whose new open task replaced it.
  'participant task handed on': { status: 'accepted', tasks: [open(OWN), { departmentId: PART, status: 'transferred' }, open(OTHER)] },
  'returned to intake': { status: 'submitted', tasks: [{ departmentId: OWN, status: 'returned' }, { departmentId: PART, status: 'discarded' }] },
  completed: { status: 'completed', tasks: [agreed(OWN), agreed(PART)] },
  denied: { status: 'denied', tasks: [{ departmentId: OWN, status: 'discarded' }, { departmentId: PART, status: 'disagreed' }] },
};

type Cell = { see: boolean; actions: string[]; audited?: true };
const none: Cell = { see: false, actions: [] };
const reads: Cell = { see: true, actions: [] };
const intake: Cell = { see: true, actions: ['accept', 'reject', 'supplement', 'transfer'] };
const decide: Cell = { see: true, actions: ['approve', 'deny', 'return', 'transfer_task'] };
const supervised: Cell = { see: true, actions: [], audited: true };
/** The applicant before a decision: they may withdraw (撤回). */
const mayWithdraw: Cell = { see: true, actions: ['withdraw'] };

const table: Record<string, Record<string, Cell>> = {
  submitted: { applicant: mayWithdraw, clerk: intake, ownApprover: reads, partApprover: none, otherApprover: none, supervisor: supervised },
  supplement_requested: { applicant: { see: true, actions: ['resubmit', 'withdraw'] }, clerk: reads, ownApprover: reads, partApprover: none, otherApprover: none, supervisor: supervised },
  'parallel step, both open': { applicant: mayWithdraw, clerk: reads, ownApprover: decide, partApprover: decide, otherApprover: none, supervisor: supervised },
  'parallel step, participant decided': { applicant: mayWithdraw, clerk: reads, ownApprover: decide, partApprover: reads, otherApprover: none, supervisor: supervised },
  'owner decided, participant open': { applicant: mayWithdraw, clerk: reads, ownApprover: reads, partApprover: decide, otherApprover: none, supervisor: supervised },
  'later step of the owner only': { applicant: mayWithdraw, clerk: reads, ownApprover: decide, partApprover: reads, otherApprover: none, supervisor: supervised },
  'participant task handed on': { applicant: mayWithdraw, clerk: reads, ownApprover: decide, partApprover: none, otherApprover: decide, supervisor: supervised },
  'returned to intake': { applicant: mayWithdraw, clerk: intake, ownApprover: reads, partApprover: reads, otherApprover: none, supervisor: supervised },
  completed: { applicant: reads, clerk: reads, ownApprover: reads, partApprover: reads, otherApprover: none, supervisor: supervised },
  denied: { applicant: reads, clerk: reads, ownApprover: reads, partApprover: reads, otherApprover: none, supervisor: supervised },
};

describe('case policy, state by state and actor by actor', () => {
  for (const [stateName, state] of Object.entries(states)) {
    for (const [actorName, actor] of Object.entries(actors)) {
      const cell = table[stateName]![actorName]!;
      it(`${stateName}: ${actorName} ${cell.see ? `sees${cell.actions.length ? ` and may ${cell.actions.join('/')}` : ' only'}` : 'is told it does not exist'}`, () => {
        const c: CaseRef = { applicantAccountId: APPLICANT, departmentId: OWN, status: state.status, tasks: state.tasks };
        expect(canSeeCase(actor, c)).toBe(cell.see);
        // The clock's actions (特别程序, 延期) are the case department's approvers' too: see clock/clock.test.ts.
        expect(allowedActions(actor, c).filter((a) => !clockActions.has(a))).toEqual(cell.see ? cell.actions : []);
        expect(isAuditedRead(actor, c)).toBe(cell.audited ?? false);
      });
    }
  }

  it('covers every state and actor of the table', () => {
    expect(Object.keys(table).sort()).toEqual(Object.keys(states).sort());
    for (const row of Object.values(table)) expect(Object.keys(row).sort()).toEqual(Object.keys(actors).sort());
  });

  it('gives a participating department nothing on a case whose tasks were not loaded', () => {
    expect(canSeeCase(actors.partApprover!, { applicantAccountId: APPLICANT, departmentId: OWN, status: 'accepted' })).toBe(false);
  });
});
