import type { Tx } from '../../db/client.js';
import type { Actor } from '../identity/index.js';
import { cancelDependants } from './releaseWaiting.js';
import { closeTasks, loadTasks } from './flow/tasks.js';
import { transition } from './transition.js';

/**
 * 撤回: the applicant takes their case back before a decision, giving a reason. The case is closed
 * (off every queue, its clock stopped); a theme application's members waiting for it end too.
 */
export async function withdrawCase(tx: Tx, actor: Actor, caseId: string, reason: string) {
  await transition(tx, actor, caseId, 'withdraw', async (tx, c) => {
    const now = new Date();
    // In approval: the open tasks close, so no department's queue lists it any more.
    const open = (await loadTasks(tx, c.id)).filter((t) => t.status === 'open');
    await closeTasks(tx, open.map((t) => t.id), 'discarded', now);
    return {
      patch: { completedAt: now },
      note: reason,
      after: async (tx2, done) => void (await cancelDependants(tx2, actor, done)),
    };
  });
}
