import type { Tx } from '../../db/client.js';
import type { Actor } from '../identity/index.js';
import { cancelDependants } from './releaseWaiting.js';
import { issueCaseDocument } from './documents/issueCaseDocument.js';
import { transition } from './transition.js';

export async function rejectCase(tx: Tx, actor: Actor, caseId: string, reason: string) {
  await transition(tx, actor, caseId, 'reject', async () => ({
    patch: { completedAt: new Date() },
    note: reason,
    // A theme application's members waiting for this one can never start: they end here too.
    after: async (tx2, done) => {
      await issueCaseDocument(tx2, actor, done, 'rejection', { reason });
      await cancelDependants(tx2, actor, done);
    },
  }));
}
