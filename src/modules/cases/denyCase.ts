import type { Tx } from '../../db/client.js';
import type { Actor } from '../identity/index.js';
import { transition } from './transition.js';

export async function denyCase(tx: Tx, actor: Actor, caseId: string, opinion: string) {
  await transition(tx, actor, caseId, 'deny', async () => ({ patch: { completedAt: new Date() }, note: opinion }));
}
