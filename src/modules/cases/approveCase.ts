import type { Tx } from '../../db/client.js';
import { getAppliedItem } from '../catalog/index.js';
import { personIdentity, type Actor } from '../identity/index.js';
import { issueLicence } from '../licences/index.js';
import { agree } from './flow/decide.js';
import type { CaseRow } from './service.js';
import { issueCaseDocument } from './documents/issueCaseDocument.js';
import { releaseWaiting } from './releaseWaiting.js';
import { recordEvent, transition } from './transition.js';

/**
 * An approver agrees on their department's open task of the case's flow. The case stays `accepted`
 * while steps remain (or a parallel group waits for another department, or a 会签 for another
 * approver); the last agreement completes it and issues the licence in the same transaction.
 */
export async function approveCase(tx: Tx, actor: Actor, caseId: string, opinion: string, taskId?: string) {
  return transition(tx, actor, caseId, 'approve', async (tx, c, tasks) => {
    const outcome = await agree(tx, actor, c, tasks, taskId, opinion);
    if (outcome.to !== 'completed') return { patch: {}, note: opinion, detail: outcome.detail, to: outcome.to };
    const item = (await getAppliedItem(tx, c.itemId, c.itemVersionId))!;
    return {
      patch: { completedAt: new Date() },
      note: opinion,
      detail: outcome.detail,
      to: outcome.to,
      after: async (tx2: Tx, done: CaseRow) => {
        const licence = item.licenceTypeCode ? await issue(tx2, actor, done, item.licenceTypeCode) : null;
        // 准予许可决定书, naming the certificate issued with it.
        await issueCaseDocument(tx2, actor, done, 'approval', { reason: opinion, licenceIdentifier: licence?.identifier ?? null });
        // A theme application's members waiting for this one enter intake in this transaction.
        await releaseWaiting(tx2, actor, done);
        return licence;
      },
    };
  });
}

async function issue(tx: Tx, actor: Actor, done: CaseRow, typeCode: string) {
  const holder = await personIdentity(tx, done.applicantAccountId);
  const licence = await issueLicence(tx, {
    typeCode,
    caseId: done.id,
    holderAccountId: done.applicantAccountId,
    issuerDepartmentId: done.departmentId,
    actorAccountId: actor.accountId,
    // An enterprise holds its certificate under its credit code.
    sources: { applicant: { name: holder!.name, idNumber: holder!.idNumber ?? holder!.creditCode ?? '' }, form: done.form, caseNo: done.caseNo },
  });
  await recordEvent(tx, actor, done, 'issue', 'completed', 'completed', null, { licenceIdentifier: licence.identifier });
  return licence;
}
