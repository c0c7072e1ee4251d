import type { Tx } from '../../db/client.js';
import type { Actor } from '../identity/index.js';
import { chosenTarget, transferTargets } from './transfer/targets.js';
import { transition } from './transition.js';

export type TransferInput = { departmentId: string; reason: string };

/**
 * 移送: a clerk of the case's department moves a case in intake (`submitted`, `resubmitted`) to
 * another department, with a reason. To another implementer of the item the case takes on that
 * implementation and its current version; otherwise it keeps its item. The status stays, and so
 * does the acceptance clock (受理时限 keeps running: no pause); the sending department loses the
 * case (off its intake queue, its page not found to its staff) and the receiving one's clerks find
 * it in their intake queue. The applicant is told (`transferred`).
 */
export async function transferCase(tx: Tx, actor: Actor, caseId: string, input: TransferInput) {
  await transition(tx, actor, caseId, 'transfer', async (tx, c) => {
    const { targets } = await transferTargets(tx, c, c.departmentId, []);
    const target = chosenTarget(targets, input.departmentId);
    const item = target.itemId && target.versionId ? { itemId: target.itemId, itemVersionId: target.versionId } : {};
    return {
      patch: { departmentId: target.departmentId, ...item },
      note: input.reason,
      // `departmentId`: the office the history names with the person (the sending one).
      detail: {
        departmentId: c.departmentId,
        fromDepartmentId: c.departmentId,
        toDepartmentId: target.departmentId,
        ...(target.itemId ? { fromItemId: c.itemId, fromVersionId: c.itemVersionId, toItemId: target.itemId, toVersionId: target.versionId } : {}),
      },
      to: c.status,
    };
  });
}
