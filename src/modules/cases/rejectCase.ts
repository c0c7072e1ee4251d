import type { Tx } from '../../db/client.js';
import type { Actor } from '../identity/index.js';
import { transition } from './transition.js';

export async function rejectCase(tx: Tx, actor: Actor, caseId: string, reason: string) {
  await transition(tx, actor, caseId, 'reject', async () => ({ patch: { completedAt: new Date() }, note: reason }));
}
