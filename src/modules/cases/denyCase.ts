import type { Tx } from '../../db/client.js';
import type { Actor } from '../identity/index.js';
import { disagree } from './flow/decide.js';
import { cancelDependants } from './releaseWaiting.js';
import { issueCaseDocument } from './documents/issueCaseDocument.js';
import { transition } from './transition.js';

/** An approver disagrees on their department's open task: the case is denied with that opinion. */
export async function denyCase(tx: Tx, actor: Actor, caseId: string, opinion: string, taskId?: string) {
  await transition(tx, actor, caseId, 'deny', async (tx, _c, tasks) => {
    const outcome = await disagree(tx, actor, tasks, taskId, opinion);
    return {
      patch: { completedAt: new Date() },
      note: opinion,
      detail: outcome.detail,
      // A theme application's members waiting for this one can never start: they end here too.
      after: async (tx2, done) => {
        await issueCaseDocument(tx2, actor, done, 'denial', { reason: opinion });
        await cancelDependants(tx2, actor, done);
      },
    };
  });
}
