import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { getAppliedItem } from '../catalog/index.js';
import { notify, type CaseNotificationKind } from '../notify/index.js';
import type { CaseStatus, SupplementNotice } from './tables.js';
import { cases, themeApplications } from './tables.js';
import { bilingualLabel } from '../../lib/i18n/messages.js';
import { getDepartment } from '../identity/index.js';

/** A department's name in both languages, for a message (null when the id is unknown). */
async function departmentName(tx: Tx, id: unknown) {
  const d = typeof id === 'string' ? await getDepartment(tx, id) : null;
  return d ? { zh: d.name.zh, en: d.name.en } : null;
}

/**
 * Which history entries tell the applicant, and as which kind of message: an action that reaches
 * the status named (an approval that is not the flow's last agreement keeps the case `accepted`
 * and tells nobody yet). An action not named here (an internal step such as `return`, `issue`, a
 * new action not yet given a message) notifies nobody. The kind delivered is defined in notify and
 * only needs a line here, or a direct `notify` call, when that step exists; supplement_due_soon is
 * sent by the deadline watch itself (clock/warnSupplements.ts), set-based, with no history entry.
 */
export const notificationOfAction: Partial<Record<string, { kind: CaseNotificationKind; reaching: CaseStatus | readonly CaseStatus[] }>> = {
  prereview_pass: { kind: 'prereview_passed', reaching: 'prereviewed' },
  accept: { kind: 'accepted', reaching: 'accepted' },
  supplement: { kind: 'supplement_requested', reaching: 'supplement_requested' },
  reject: { kind: 'rejected', reaching: 'rejected' },
  approve: { kind: 'completed', reaching: 'completed' },
  deny: { kind: 'denied', reaching: 'denied' },
  resubmit: { kind: 'resubmission_received', reaching: 'resubmitted' },
  // The clocks: 特别程序 and an approved 延期 (the case stays `accepted`).
  special_start: { kind: 'special_procedure', reaching: 'accepted' },
  extension_approve: { kind: 'extended', reaching: 'accepted' },
  // 移送 in intake and 转办 of an approval task: the case keeps its status in another department.
  transfer: { kind: 'transferred', reaching: ['submitted', 'resubmitted'] },
  transfer_task: { kind: 'transferred', reaching: 'accepted' },
  // The platform's own: a supplement deadline passed; a theme (一件事) member released into intake,
  // or ended because a prerequisite was rejected, denied or lapsed.
  lapse: { kind: 'lapsed', reaching: 'lapsed' },
  release: { kind: 'theme_released', reaching: 'submitted' },
  cancel: { kind: 'theme_cancelled', reaching: 'cancelled' },
};

/**
 * Tells the applicant (the principal, when an agent applied; never the staff member acting) about a
 * history entry of their case, in the transaction that writes it.
 */
export async function notifyApplicantOf(
  tx: Tx,
  caseId: string,
  event: { action: string; toStatus: CaseStatus; note: string | null; detail: Record<string, unknown> },
): Promise<void> {
  const mapped = notificationOfAction[event.action];
  if (!mapped || !([] as CaseStatus[]).concat(mapped.reaching).includes(event.toStatus)) return;
  const { kind } = mapped;
  const { note, detail } = event;
  const [c] = await tx
    .select({ id: cases.id, caseNo: cases.caseNo, applicantAccountId: cases.applicantAccountId, itemId: cases.itemId, itemVersionId: cases.itemVersionId, themeName: themeApplications.themeName })
    .from(cases)
    .leftJoin(themeApplications, eq(themeApplications.id, cases.bundleId))
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
      ...(kind === 'prereview_passed' ? { bring: String(detail.bring), note } : {}),
      ...(kind === 'completed' ? { licence: !!item.licenceTypeCode } : {}),
      ...(kind === 'special_procedure' ? { procedure: bilingualLabel(`procedure.${String(detail.kind)}`), until: String(detail.expectedUntil) } : {}),
      ...(kind === 'extended' ? { dueDate: String(detail.dueDate), reason: String(detail.reason) } : {}),
      ...(kind === 'transferred' ? { from: await departmentName(tx, detail.fromDepartmentId), to: await departmentName(tx, detail.toDepartmentId), reason: note } : {}),
      ...(kind === 'lapsed' ? { dueDate: String(detail.deadline) } : {}),
      ...(kind === 'theme_released' || kind === 'theme_cancelled'
        ? { theme: c.themeName ? { zh: c.themeName.zh, en: c.themeName.en } : null, after: ((detail.after as string[] | undefined) ?? []).join('、') }
        : {}),
    },
  });
}
