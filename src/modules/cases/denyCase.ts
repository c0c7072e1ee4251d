import type { Tx } from '../../db/client.js';
import type { Actor } from '../identity/index.js';
import { cancelDependants } from './releaseWaiting.js';
import { transition } from './transition.js';

export async function denyCase(tx: Tx, actor: Actor, caseId: string, opinion: string) {
  await transition(tx, actor, caseId, 'deny', async () => ({
    patch: { completedAt: new Date() },
    note: opinion,
    // A theme application's members waiting for this one can never start: they end here too.
    after: async (tx2, done) => void (await cancelDependants(tx2, actor, done)),
  }));
}
