import type { Tx } from '../../../db/client.js';
import { shanghaiDate } from '../../../lib/calendar.js';
import { calendarForWrite } from '../../calendar/index.js';
import type { Actor } from '../../identity/index.js';
import { transition } from '../transition.js';
import { pausePatch } from './patches.js';

/** 特别程序: hearing (听证), expert review (专家评审), on-site inspection (现场勘查), public notice (公示). */
export const specialProcedureKinds = ['hearing', 'expert_review', 'inspection', 'public_notice'] as const;
export type SpecialProcedureKind = (typeof specialProcedureKinds)[number];

/**
 * An approver of the case's department starts a special procedure: the promised clock is suspended
 * from `on` (its time does not count against the limit) until they end it. The expected length is
 * recorded for the applicant and the supervisor; it does not end the procedure by itself.
 */
export async function startSpecialProcedure(
  tx: Tx,
  actor: Actor,
  caseId: string,
  input: { kind: SpecialProcedureKind; reason: string; expectedDays: number },
  on: string = shanghaiDate(new Date()),
) {
  await transition(tx, actor, caseId, 'special_start', async (tx) => ({
    patch: pausePatch('special', on),
    note: input.reason,
    detail: { kind: input.kind, expectedDays: input.expectedDays, since: on, expectedUntil: (await calendarForWrite(tx)).addWorkingDays(on, input.expectedDays) },
  }));
}
