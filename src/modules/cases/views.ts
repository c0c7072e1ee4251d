import { inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { shanghaiDate, workingDaysBetween } from '../../lib/calendar.js';
import { maskIdNumber, maskName } from '../../lib/mask.js';
import { label, local, type Lang } from '../../server/i18n/messages.js';
import { getItems } from '../catalog/service.js';
import { accountNames, listDepartments, personIdentity, type Actor } from '../identity/service.js';
import { licenceIdForCase } from '../licences/service.js';
import { allowedActions } from './policy.js';
import { uploads } from './schema.js';
import { caseHistory, caseMaterialRows, type CaseRow } from './service.js';

function daysLeft(c: CaseRow): number | null {
  if (!c.dueDate || c.completedAt) return null;
  return workingDaysBetween(shanghaiDate(new Date()), c.dueDate);
}

/** Builds list rows; staff lists show applicants' names masked (the detail page shows what the role needs). */
export async function caseSummaries(db: Executor, actor: Actor, lang: Lang, rows: CaseRow[]) {
  const items = await getItems(db, [...new Set(rows.map((r) => r.itemId))]);
  const depts = new Map((await listDepartments(db)).map((d) => [d.id, d]));
  const names = await accountNames(db, [...new Set(rows.map((r) => r.applicantAccountId))]);
  return rows.map((c) => {
    const item = items.get(c.itemId)!;
    const dept = depts.get(c.departmentId)!;
    const applicantName = names.get(c.applicantAccountId) ?? '';
    return {
      id: c.id,
      caseNo: c.caseNo,
      status: c.status,
      statusLabel: label(lang, `status.${c.status}`),
      item: { id: item.id, code: item.code, name: local(lang, item.name) },
      department: { id: dept.id, name: local(lang, dept.name) },
      applicantName: c.applicantAccountId === actor.accountId ? applicantName : maskName(applicantName),
      submittedAt: c.submittedAt.toISOString(),
      dueDate: c.dueDate,
      workingDaysLeft: daysLeft(c),
    };
  });
}

export async function caseDetailView(db: Executor, actor: Actor, lang: Lang, c: CaseRow) {
  const [summary] = await caseSummaries(db, actor, lang, [c]);
  const item = (await getItems(db, [c.itemId])).get(c.itemId)!;
  const specs = new Map(item.materials.map((m) => [m.code, m]));
  const applicant = await personIdentity(db, c.applicantAccountId);
  const materialRows = await caseMaterialRows(db, c.id);
  const files = materialRows.length
    ? await db
        .select({ id: uploads.id, fileName: uploads.fileName, mime: uploads.mime, size: uploads.size, sha256: uploads.sha256 })
        .from(uploads)
        .where(inArray(uploads.id, materialRows.map((m) => m.uploadId)))
    : [];
  const fileById = new Map(files.map((f) => [f.id, f]));
  const events = await caseHistory(db, c.id);
  const actorNames = await accountNames(db, [...new Set(events.map((e) => e.actorAccountId))]);
  const licence = c.status === 'completed' ? await licenceIdForCase(db, c.id) : null;
  const materialName = (code: string | null) => {
    const s = code ? specs.get(code) : undefined;
    return s ? local(lang, s.name) : null;
  };
  return {
    ...summary!,
    applicantName: applicant?.name ?? '',
    form: c.form,
    applicant: { name: applicant?.name ?? '', maskedIdNumber: maskIdNumber(applicant?.idNumber ?? '') },
    round: c.round,
    acceptedAt: c.acceptedAt?.toISOString() ?? null,
    completedAt: c.completedAt?.toISOString() ?? null,
    materials: materialRows.map((m) => {
      const f = fileById.get(m.uploadId)!;
      return {
        id: m.id,
        code: m.materialCode,
        name: materialName(m.materialCode) ?? m.materialCode,
        fileName: f.fileName,
        mime: f.mime,
        size: f.size,
        sha256: f.sha256,
        round: m.round,
        uploadedAt: m.createdAt.toISOString(),
      };
    }),
    supplementNotice: c.supplementNotice
      ? {
          items: c.supplementNotice.items.map((i) => ({ materialCode: i.materialCode, materialName: materialName(i.materialCode), reason: i.reason })),
          note: c.supplementNotice.note,
          at: c.supplementNotice.at,
        }
      : null,
    events: events.map((e) => ({
      at: e.at.toISOString(),
      action: e.action,
      actionLabel: label(lang, `action.${e.action}`),
      actorName: actorNames.get(e.actorAccountId) ?? '',
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      note: e.note,
      detail: e.detail,
    })),
    licence,
    allowedActions: allowedActions(actor, c),
  };
}
