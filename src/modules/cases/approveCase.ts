import type { Tx } from '../../db/client.js';
import { getAppliedItem } from '../catalog/index.js';
import { personIdentity, type Actor } from '../identity/index.js';
import { issueLicence } from '../licences/index.js';
import type { CaseRow } from './service.js';
import { releaseWaiting } from './releaseWaiting.js';
import { recordEvent, transition } from './transition.js';

export async function approveCase(tx: Tx, actor: Actor, caseId: string, opinion: string) {
  return transition(tx, actor, caseId, 'approve', async (tx, c) => {
    const item = (await getAppliedItem(tx, c.itemId, c.itemVersionId))!;
    return {
      patch: { completedAt: new Date() },
      note: opinion,
      after: async (tx2: Tx, done: CaseRow) => {
        const licence = item.licenceTypeCode ? await issue(tx2, actor, done, item.licenceTypeCode) : null;
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
