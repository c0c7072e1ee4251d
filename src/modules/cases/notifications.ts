import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { getAppliedItem } from '../catalog/index.js';
import { notify, type NotificationKind } from '../notify/index.js';
import type { SupplementNotice } from './tables.js';
import { cases } from './tables.js';

/**
 * Which history entries tell the applicant, and as which kind of message. An action not named here
 * (an internal step, a new action not yet given a message) notifies nobody. The kinds other steps
 * will use (special_procedure, extended, delivered, supplement_due_soon) are defined in notify and
 * only need a line here, or a direct `notify` call, when those steps exist.
 */
export const notificationOfAction: Partial<Record<string, NotificationKind>> = {
  accept: 'accepted',
  supplement: 'supplement_requested',
  reject: 'rejected',
  approve: 'completed',
  deny: 'denied',
  resubmit: 'resubmission_received',
};

/**
 * Tells the applicant (the principal, when an agent applied; never the staff member acting) about a
 * history entry of their case, in the transaction that writes it.
 */
export async function notifyApplicantOf(tx: Tx, caseId: string, action: string, note: string | null, detail: Record<string, unknown>): Promise<void> {
  const kind = notificationOfAction[action];
  if (!kind) return;
  const [c] = await tx
    .select({ id: cases.id, caseNo: cases.caseNo, applicantAccountId: cases.applicantAccountId, itemId: cases.itemId, itemVersionId: cases.itemVersionId })
    .from(cases)
    .where(eq(cases.id, caseId))
    .limit(1);
  if (!c) return;
  const item = await getAppliedItem(tx, c.itemId, c.itemVersionId);
  if (!item) return;
  const materialName = new Map(item.materials.map((m) => [m.code, m.name]));
  const asked = (detail.items as SupplementNotice['items'] | undefined) ?? [];
  await notify(tx, {
    recipientAccountId: c.applicantAccountId,
    kind,
    about: { caseId: c.id, caseNo: c.caseNo },
    params: {
      itemName: item.name,
      ...(kind === 'supplement_requested' ? { items: asked.map((it) => ({ name: (it.materialCode && materialName.get(it.materialCode)) || null, reason: it.reason })), note } : {}),
      ...(kind === 'rejected' || kind === 'denied' ? { reason: note } : {}),
      ...(kind === 'completed' ? { licence: !!item.licenceTypeCode } : {}),
    },
  });
}
