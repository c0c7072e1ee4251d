import { eq } from 'drizzle-orm';
import type { Tx } from '../../../db/client.js';
import { DomainError } from '../../../lib/errors.js';
import { uuidv7 } from '../../../lib/uuid.js';
import { getServiceItem, isItemOffered } from '../../catalog/index.js';
import { performerId, type Actor } from '../../identity/index.js';
import { appendAudit } from '../../supervision/index.js';
import { checkMaterialCodes } from '../materials.js';
import type { MaterialInput } from '../service.js';
import { ownUploads } from '../uploads.js';
import { caseDraftUploads, caseDrafts } from '../tables.js';
import { mayKeepDraft } from './policy.js';

/**
 * 暂存: saves the caller's application for an item as it stands (the form as typed, unchecked; the
 * files chosen so far), under the item's current version. One draft per applicant and item: saving
 * again (autosave) overwrites it. Creating it is audited; the overwrites of autosave are not (they
 * change nothing anyone but the applicant sees, and would flood the audit chain every few seconds).
 */
export async function saveDraft(tx: Tx, actor: Actor, itemId: string, input: { form: Record<string, unknown>; materials: MaterialInput[] }): Promise<{ id: string; created: boolean }> {
  const item = await getServiceItem(tx, itemId);
  if (!item || !isItemOffered(item)) throw new DomainError('ITEM_UNAVAILABLE');
  if (!mayKeepDraft(actor, item.code)) throw new DomainError('FORBIDDEN');
  checkMaterialCodes(item.materials, input.materials);
  const codes = input.materials.map((m) => m.code);
  if (new Set(codes).size !== codes.length) throw new DomainError('VALIDATION', {}, [{ path: 'materials', code: 'INVALID' }]);
  // Someone else's upload looks unknown, as at submission.
  const owned = await ownUploads(tx, actor, [...new Set(input.materials.map((m) => m.uploadId))]);
  const issues = input.materials.flatMap((m, i) => (owned.has(m.uploadId) ? [] : [{ path: `materials.${i}.uploadId`, code: 'INVALID' }]));
  if (issues.length) throw new DomainError('VALIDATION', {}, issues);
  const now = new Date();
  const id = uuidv7();
  const [row] = await tx
    .insert(caseDrafts)
    .values({ id, applicantAccountId: actor.accountId, itemId: item.id, itemVersionId: item.currentVersionId, form: input.form, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [caseDrafts.applicantAccountId, caseDrafts.itemId],
      set: { form: input.form, itemVersionId: item.currentVersionId, updatedAt: now },
    })
    .returning({ id: caseDrafts.id });
  const draftId = row!.id;
  await tx.delete(caseDraftUploads).where(eq(caseDraftUploads.draftId, draftId));
  if (input.materials.length) await tx.insert(caseDraftUploads).values(input.materials.map((m) => ({ draftId, materialCode: m.code, uploadId: m.uploadId })));
  const created = draftId === id;
  if (created) {
    await appendAudit(tx, { actorAccountId: performerId(actor), action: 'case_draft.create', entityType: 'case_draft', entityId: draftId, detail: { itemCode: item.code } });
  }
  return { id: draftId, created };
}
