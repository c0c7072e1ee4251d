import type { Tx } from '../../db/client.js';
import type { Actor } from '../identity/index.js';
import { returnTo, type ReturnTarget } from './flow/decide.js';
import { transition } from './transition.js';

/**
 * 退回: an approver with an open task sends the case back, with a reason, to an earlier step of its
 * flow (that step's tasks reopen, later ones are discarded) or to intake (the window clerk).
 */
export async function returnCase(tx: Tx, actor: Actor, caseId: string, input: { target: ReturnTarget; reason: string; taskId?: string | undefined }) {
  await transition(tx, actor, caseId, 'return', async (tx, c, tasks) => {
    const outcome = await returnTo(tx, actor, c, tasks, input.taskId, input.target, input.reason);
    return { patch: outcome.to === 'submitted' ? { acceptedAt: null, dueDate: null, dueLimitDays: null } : {}, note: input.reason, detail: outcome.detail, to: outcome.to };
  });
}
