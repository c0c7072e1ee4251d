import type { Tx } from '../../db/client.js';
import { uuidv7 } from '../../lib/uuid.js';
import type { Actor } from '../identity/index.js';
import { taskFor } from './flow/decide.js';
import { closeTasks } from './flow/tasks.js';
import { caseTasks } from './tables.js';
import { chosenTarget, transferTargets } from './transfer/targets.js';
import { transition } from './transition.js';

export type TransferTaskInput = { departmentId: string; reason: string; taskId?: string | undefined };

/**
 * 转办: an approver hands their department's open approval task to another department, with a
 * reason. The task closes as `transferred` and a new open task of the same step, for the target
 * department, replaces it (decisions of a 会签 already signed stay with the old task). When the
 * task was the case's own department's, the case moves with it — to another implementer of the
 * item with that implementation's current version, as 移送 does. The clock keeps running. The
 * sending department loses the case unless it still holds, or took part in, another task of it.
 */
export async function transferTask(tx: Tx, actor: Actor, caseId: string, input: TransferTaskInput) {
  await transition(tx, actor, caseId, 'transfer_task', async (tx, c, tasks) => {
    const now = new Date();
    const task = taskFor(actor, tasks, input.taskId);
    const { targets } = await transferTargets(tx, c, task.departmentId, tasks);
    const target = chosenTarget(targets, input.departmentId);
    const moves = task.departmentId === c.departmentId;
    await closeTasks(tx, [task.id], 'transferred', now);
    const [replacement] = await tx
      .insert(caseTasks)
      .values({
        id: uuidv7(),
        caseId: c.id,
        step: task.step,
        task: task.task,
        departmentId: target.departmentId,
        definition: task.definition,
        stepName: task.stepName,
        parallel: task.parallel,
        needed: task.needed,
        status: 'open',
        caseSubmittedAt: task.caseSubmittedAt,
        openedAt: now,
      })
      .returning({ id: caseTasks.id });
    const item = moves && target.itemId && target.versionId ? { itemId: target.itemId, itemVersionId: target.versionId } : {};
    return {
      patch: moves ? { departmentId: target.departmentId, ...item } : {},
      note: input.reason,
      detail: {
        taskId: task.id,
        newTaskId: replacement!.id,
        step: task.step,
        stepName: task.stepName,
        departmentId: task.departmentId,
        fromDepartmentId: task.departmentId,
        toDepartmentId: target.departmentId,
        caseMoved: moves,
        ...('itemId' in item ? { fromItemId: c.itemId, fromVersionId: c.itemVersionId, toItemId: item.itemId, toVersionId: item.itemVersionId } : {}),
      },
      to: 'accepted',
    };
  });
}
