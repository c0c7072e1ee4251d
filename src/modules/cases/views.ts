import type { Executor } from '../../db/client.js';
import { currentCalendar, shanghaiDate, type WorkingCalendar } from '../../lib/calendar.js';
import { maskIdNumber, maskName } from '../../lib/mask.js';
import { label, local, type Lang } from '../../lib/i18n/messages.js';
import { getItem, getItems, type ServiceItem } from '../catalog/index.js';
import { accountNames, listDepartments, personIdentity, type Actor } from '../identity/index.js';
import { licenceIdForCase } from '../licences/index.js';
import { allowedActions } from './policy.js';
import { caseHistory, caseMaterialFiles, type CaseRow } from './service.js';

type Dept = { id: string; name: { zh: string; en: string } };

/** The calendar and today's date, taken once per response: every row is then O(1). */
type Clock = { calendar: WorkingCalendar; today: string };
const clockNow = (): Clock => ({ calendar: currentCalendar(), today: shanghaiDate(new Date()) });

function daysLeft(c: CaseRow, { calendar, today }: Clock): number | null {
  if (!c.dueDate || c.completedAt) return null;
  return calendar.workingDaysBetween(today, c.dueDate);
}

/** An open case's promised date counted over days without official data yet (statutory holidays only). */
function dueProvisional(c: CaseRow, { calendar }: Clock): boolean {
  if (!c.dueDate || c.completedAt || !c.acceptedAt) return false;
  return calendar.anyProvisional(shanghaiDate(c.acceptedAt), c.dueDate);
}

function summaryOf(c: CaseRow, item: ServiceItem, dept: Dept, applicantName: string, lang: Lang, clock: Clock = clockNow()) {
  return {
    id: c.id,
    caseNo: c.caseNo,
    status: c.status,
    statusLabel: label(lang, `status.${c.status}`),
    item: { id: item.id, code: item.code, name: local(lang, item.name) },
    department: { id: dept.id, name: local(lang, dept.name) },
    applicantName,
    submittedAt: c.submittedAt.toISOString(),
    channel: c.channel,
    dueDate: c.dueDate,
    dueDateProvisional: dueProvisional(c, clock),
    workingDaysLeft: daysLeft(c, clock),
  };
}

/** Builds list rows; staff lists show applicants' names masked (the detail page shows what the role needs). */
export async function caseSummaries(db: Executor, actor: Actor, lang: Lang, rows: CaseRow[]) {
  if (rows.length === 0) return [];
  // Three independent lookups for one page: in parallel, so a list costs one round trip more than its query, not three.
  const [items, deptList, names] = await Promise.all([
    getItems(db, [...new Set(rows.map((r) => r.itemId))]),
    listDepartments(db),
    accountNames(db, [...new Set(rows.map((r) => r.applicantAccountId))]),
  ]);
  const depts = new Map(deptList.map((d) => [d.id, d]));
  const clock = clockNow();
  return rows.map((c) => {
    const name = names.get(c.applicantAccountId) ?? '';
    return summaryOf(c, items.get(c.itemId)!, depts.get(c.departmentId)!, c.applicantAccountId === actor.accountId ? name : maskName(name), lang, clock);
  });
}

export async function caseDetailView(db: Executor, actor: Actor, lang: Lang, c: CaseRow) {
  const { item, department: dept } = (await getItem(db, c.itemId))!;
  const applicant = await personIdentity(db, c.applicantAccountId);
  const materials = await caseMaterialFiles(db, c.id);
  const events = await caseHistory(db, c.id);
  const actorNames = await accountNames(db, [...new Set([...events.map((e) => e.actorAccountId), ...(c.submittedByAccountId ? [c.submittedByAccountId] : [])])]);
  const licence = c.status === 'completed' ? await licenceIdForCase(db, c.id) : null;
  const specs = new Map(item.materials.map((m) => [m.code, m]));
  const materialName = (code: string | null) => {
    const s = code ? specs.get(code) : undefined;
    return s ? local(lang, s.name) : null;
  };
  return {
    ...summaryOf(c, item, dept, applicant?.name ?? '', lang),
    form: c.form,
    applicant: { name: applicant?.name ?? '', maskedIdNumber: maskIdNumber(applicant?.idNumber ?? '') },
    submittedBy: c.submittedByAccountId ? { name: actorNames.get(c.submittedByAccountId) ?? '' } : null,
    round: c.round,
    acceptedAt: c.acceptedAt?.toISOString() ?? null,
    completedAt: c.completedAt?.toISOString() ?? null,
    materials: materials.map((m) => ({
      id: m.id,
      code: m.code,
      name: materialName(m.code) ?? m.code,
      fileName: m.fileName,
      mime: m.mime,
      size: m.size,
      sha256: m.sha256,
      round: m.round,
      uploadedAt: m.uploadedAt.toISOString(),
    })),
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
