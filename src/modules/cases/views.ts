import { asc, eq, inArray } from 'drizzle-orm';
import { DomainError } from '../../lib/errors.js';
import type { Executor } from '../../db/client.js';
import { currentCalendar, shanghaiDate, type WorkingCalendar } from '../../lib/calendar.js';
import { maskIdNumber, maskName } from '../../lib/mask.js';
import { label, local, type Lang } from '../../lib/i18n/messages.js';
import { getItem, getItems, type ServiceItem } from '../catalog/index.js';
import { accountNames, listDepartments, personIdentity, type Actor } from '../identity/index.js';
import { licenceIdForCase } from '../licences/index.js';
import { allowedActions } from './policy.js';
import { caseHistory, caseMaterialFiles, type CaseRow } from './service.js';
import { approvalSummary, flowView } from './flow/view.js';
import { loadTasksOf, type CaseTaskRow } from './flow/tasks.js';
import { caseFlowProgress, type FlowProgressStep } from './flow/progress.js';
import { caseSupplementRounds, isOtherKey, noticeItems } from './supplements.js';
import { cases, themeApplications, type CaseStatus } from './tables.js';

type Dept = { id: string; name: { zh: string; en: string } };

/** The calendar and today's date, taken once per response: every row is then O(1). */
type Clock = { calendar: WorkingCalendar; today: string };
const clockNow = (): Clock => ({ calendar: currentCalendar(), today: shanghaiDate(new Date()) });

function daysLeft(c: CaseRow, { calendar, today }: Clock): number | null {
  if (!c.dueDate || c.completedAt) return null;
  return calendar.workingDaysBetween(today, c.dueDate);
}

const runningStatuses: readonly CaseRow['status'][] = ['prereview', 'prereviewed', 'submitted', 'resubmitted', 'supplement_requested', 'accepted'];
/** Which clock runs: the acceptance clock until acceptance, then the promised one; none once the case is closed. */
const runningClock = (c: CaseRow): 'acceptance' | 'promised' | null =>
  !runningStatuses.includes(c.status) ? null : c.status === 'accepted' ? 'promised' : c.acceptDueDate ? 'acceptance' : null;

const clockActions = new Set(['supplement', 'resubmit', 'special_start', 'special_end', 'extension_request', 'extension_approve', 'extension_refuse', 'clock_yellow', 'clock_red', 'lapse', 'due_recomputed']);

/** An open case's promised date counted over days without official data yet (statutory holidays only). */
function dueProvisional(c: CaseRow, { calendar }: Clock): boolean {
  if (!c.dueDate || c.completedAt || !c.acceptedAt) return false;
  return calendar.anyProvisional(shanghaiDate(c.acceptedAt), c.dueDate);
}

export type ProgressState = 'done' | 'current' | 'todo' | 'failed';
export type ProgressStep = { key: string; label: string; state: ProgressState; at: string | null };
/** One approval step as the approval flow reports it (one step today; a serial or parallel flow feeds several). */
export type ApprovalProgress = { key: string; label: string; state: ProgressState; at: string | null };

/** The ends a case may reach without a decision in its favour: shown as the last step, in place of what was still to come. */
const FAILED_ENDS: ReadonlySet<CaseStatus> = new Set(['rejected', 'denied', 'withdrawn', 'cancelled']);
const BEFORE_ACCEPTANCE: ReadonlySet<CaseStatus> = new Set(['waiting', 'prereview', 'prereviewed', 'submitted', 'resubmitted', 'supplement_requested', 'rejected']);
const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Today's single approval step: current while accepted, done on completion, failed on denial. */
function defaultApproval(c: CaseRow, lang: Lang): ApprovalProgress[] {
  const state: ProgressState = c.status === 'completed' ? 'done' : c.status === 'accepted' ? 'current' : c.status === 'denied' ? 'failed' : 'todo';
  return [{ key: 'approve', label: label(lang, 'progress.approve'), state, at: state === 'done' || state === 'failed' ? iso(c.completedAt) : null }];
}

/**
 * The real steps of a case, for the applicant's progress bar: 提交 → 受理 → the approval step(s) →
 * 办结 → 送达 (the e-certificate or decision reaches the applicant electronically on completion).
 * A case that ended without success (rejected, denied, withdrawn, cancelled) keeps the steps it had
 * done, and its end is the last step, failed, in place of the one it was at and all after it.
 */
export function caseProgress(c: CaseRow, lang: Lang, approvals: ApprovalProgress[] = defaultApproval(c, lang)): ProgressStep[] {
  const step = (key: string, state: ProgressState, at: Date | string | null): ProgressStep => ({ key, label: label(lang, `progress.${key}`), state, at: at instanceof Date ? at.toISOString() : at });
  // Returned to intake (退回), a case is the clerk's again: accepting is the current step once more.
  const accepted = !!c.acceptedAt && !BEFORE_ACCEPTANCE.has(c.status);
  const completed = c.status === 'completed';
  const steps: ProgressStep[] = [
    step('submit', 'done', c.submittedAt),
    accepted ? step('accept', 'done', c.acceptedAt) : step('accept', 'current', null),
    ...approvals.map((a) => (accepted ? a : { ...a, state: 'todo' as const, at: null })),
    step('complete', completed ? 'done' : 'todo', completed ? c.completedAt : null),
    step('deliver', completed ? 'done' : 'todo', completed ? c.completedAt : null),
  ];
  if (!FAILED_ENDS.has(c.status)) return steps;
  const reached = steps.findIndex((s) => s.state !== 'done');
  const end: ProgressStep = { key: c.status, label: label(lang, `status.${c.status}`), state: 'failed', at: iso(c.completedAt ?? c.updatedAt) };
  return [...steps.slice(0, reached < 0 ? steps.length : reached), end];
}

const FLOW_STATE: Record<FlowProgressStep['state'], ProgressState> = { pending: 'todo', open: 'current', agreed: 'done', disagreed: 'failed' };

/** The approval steps of the case's flow (a multi-step flow: one step each; a single step: the default). */
async function flowApprovals(db: Executor, c: CaseRow, lang: Lang): Promise<ApprovalProgress[] | undefined> {
  const steps = await caseFlowProgress(db, c.id);
  if (!steps || steps.length <= 1) return undefined;
  return steps.map((s, i) => ({ key: `approve-${i + 1}`, label: local(lang, s.name), state: FLOW_STATE[s.state], at: null }));
}

type BundleNames = ReadonlyMap<string, { zh: string; en: string }>;

/** The names of the theme applications some cases are members of (none read when none is). */
async function bundleNames(db: Executor, rows: CaseRow[]): Promise<BundleNames> {
  const ids = [...new Set(rows.map((r) => r.bundleId).filter((id): id is string => !!id))];
  if (!ids.length) return new Map();
  const found = await db.select({ id: themeApplications.id, name: themeApplications.themeName }).from(themeApplications).where(inArray(themeApplications.id, ids));
  return new Map(found.map((b) => [b.id, b.name]));
}

type Approval = ReturnType<typeof approvalSummary>;

function summaryOf(c: CaseRow, item: ServiceItem, dept: Dept, applicantName: string, lang: Lang, clock: Clock = clockNow(), bundles: BundleNames = new Map(), approval: Approval = null) {
  const bundle = c.bundleId ? bundles.get(c.bundleId) : undefined;
  return {
    approval,
    id: c.id,
    caseNo: c.caseNo,
    status: c.status,
    statusLabel: label(lang, `status.${c.status}`),
    bundle: c.bundleId && bundle ? { id: c.bundleId, name: local(lang, bundle) } : null,
    item: { id: item.id, code: item.code, name: local(lang, item.name) },
    department: { id: dept.id, name: local(lang, dept.name) },
    applicantName,
    submittedAt: c.submittedAt.toISOString(),
    channel: c.channel,
    dueDate: c.dueDate,
    dueDateProvisional: dueProvisional(c, clock),
    workingDaysLeft: daysLeft(c, clock),
    progress: caseProgress(c, lang),
    clockColour: runningClock(c) ? c.clockColour : null,
    clockPaused: runningClock(c) !== null && c.pausedSince !== null,
  };
}

/** The running clock as the applicant and the handlers see it (the history is the clock's part of the case history). */
function clockOf(c: CaseRow, { calendar, today }: Clock) {
  const kind = runningClock(c);
  const due = kind === 'promised' ? c.dueDate : kind === 'acceptance' ? c.acceptDueDate : null;
  const limit = kind === 'promised' ? (c.dueLimitDays ?? 0) + c.extensionDays : kind === 'acceptance' ? (c.acceptLimitDays ?? 0) : null;
  return {
    kind,
    dueDate: due,
    warnDate: kind ? c.warnDate : null,
    colour: kind ? c.clockColour : null,
    limitDays: limit,
    // Days left counted to today; while paused, as they stood on the day it paused.
    workingDaysLeft: due ? calendar.workingDaysBetween(c.pausedSince ?? today, due) : null,
    paused: kind !== null && c.pausedSince !== null,
    pausedSince: kind ? c.pausedSince : null,
    pauseKind: kind ? c.pauseKind : null,
    pausedDays: c.pausedDays,
    extensionDays: c.extensionDays,
    extensionRequest: c.extensionRequest ? { days: c.extensionRequest.days, reason: c.extensionRequest.reason, at: c.extensionRequest.at } : null,
    supplementDeadline: c.status === 'supplement_requested' ? c.supplementDeadline : null,
  };
}

/** Builds list rows; staff lists show applicants' names masked (the detail page shows what the role needs). */
export async function caseSummaries(db: Executor, actor: Actor, lang: Lang, rows: CaseRow[]) {
  if (rows.length === 0) return [];
  // Three independent lookups for one page: in parallel, so a list costs one round trip more than its query, not three.
  const [items, deptList, names, bundles, tasks] = await Promise.all([
    getItems(db, [...new Set(rows.map((r) => r.itemId))]),
    listDepartments(db),
    accountNames(db, [...new Set(rows.map((r) => r.applicantAccountId))]),
    bundleNames(db, rows),
    // The running step of the cases in approval (the queue shows it, and who has decided).
    loadTasksOf(db, rows.filter((r) => r.status === 'accepted').map((r) => r.id)),
  ]);
  const depts = new Map(deptList.map((d) => [d.id, d]));
  const deptName = (id: string) => (depts.get(id) ? local(lang, depts.get(id)!.name) : '');
  const clock = clockNow();
  return rows.map((c) => {
    const name = names.get(c.applicantAccountId) ?? '';
    const approval = approvalSummary(lang, tasks.get(c.id), deptName);
    return summaryOf(c, items.get(c.itemId)!, depts.get(c.departmentId)!, c.applicantAccountId === actor.accountId ? name : maskName(name), lang, clock, bundles, approval);
  });
}

/** The last pass of the online pre-review (网上预审) in the case's history, if any. */
function preReviewOf(events: { action: string; at: Date; note: string | null; detail: Record<string, unknown> | null }[]) {
  const pass = events.filter((e) => e.action === 'prereview_pass').at(-1);
  if (!pass) return null;
  return { passedAt: pass.at.toISOString(), bring: String(pass.detail?.bring ?? ''), note: pass.note, bookingPath: String(pass.detail?.bookingPath ?? '') };
}

export async function caseDetailView(db: Executor, actor: Actor, lang: Lang, c: CaseRow & { tasks: CaseTaskRow[] }) {
  const { item, department: dept } = (await getItem(db, c.itemId))!;
  const deptNames = new Map((await listDepartments(db)).map((d) => [d.id, local(lang, d.name)]));
  const flow = await flowView(db, actor, lang, c, c.tasks);
  const eventDepartment = (detail: Record<string, unknown> | null) => (typeof detail?.departmentId === 'string' ? (deptNames.get(detail.departmentId) ?? null) : null);
  const applicant = await personIdentity(db, c.applicantAccountId);
  const materials = await caseMaterialFiles(db, c.id);
  const events = await caseHistory(db, c.id);
  const actorIds = events.map((e) => e.actorAccountId).filter((id): id is string => !!id);
  const actorNames = await accountNames(db, [...new Set([...actorIds, ...(c.submittedByAccountId ? [c.submittedByAccountId] : [])])]);
  const licence = c.status === 'completed' ? await licenceIdForCase(db, c.id) : null;
  const rounds = await caseSupplementRounds(db, c.id);
  const specs = new Map(item.materials.map((m) => [m.code, m]));
  // An "other" item's upload is named by the item's text.
  const otherReasons = new Map(rounds.flatMap((r) => r.items.filter((i) => !i.materialCode).map((i) => [i.key, i.reason] as const)));
  const materialName = (code: string | null) => {
    if (code && isOtherKey(code)) return otherReasons.get(code) ?? null;
    const s = code ? specs.get(code) : undefined;
    return s ? local(lang, s.name) : null;
  };
  // Each file with whether it is byte for byte (SHA-256) the one sent before it for that material.
  const previousSha = new Map<string, string>();
  const sameAsBefore = new Map<string, boolean>();
  for (const m of materials) {
    sameAsBefore.set(m.id, previousSha.get(m.code) === m.sha256);
    previousSha.set(m.code, m.sha256);
  }
  const supplements = rounds.map((r) => ({
    round: r.round,
    at: r.requestedAt.toISOString(),
    answeredAt: r.answeredAt?.toISOString() ?? null,
    note: r.note,
    items: r.items.map((i) => ({
      key: i.key,
      materialCode: i.materialCode,
      materialName: i.materialCode ? materialName(i.materialCode) : null,
      reason: i.reason,
      answers: materials
        .filter((m) => m.code === i.key && m.round === r.round + 1)
        .map((m) => ({ materialId: m.id, fileName: m.fileName, size: m.size, sha256: m.sha256, uploadedAt: m.uploadedAt.toISOString(), sameAsBefore: sameAsBefore.get(m.id) ?? false })),
    })),
  }));
  const now = clockNow();
  const history = events.map((e) => ({
    at: e.at.toISOString(),
    action: e.action,
    actionLabel: label(lang, `action.${e.action}`),
    actorName: e.actorAccountId ? (actorNames.get(e.actorAccountId) ?? '') : label(lang, 'actor.platform'),
    // An approval decision is its department's: the history names the office with the person.
    departmentName: eventDepartment(e.detail),
    transfer:
      typeof e.detail?.fromDepartmentId === 'string' && typeof e.detail?.toDepartmentId === 'string'
        ? { from: deptNames.get(e.detail.fromDepartmentId) ?? '', to: deptNames.get(e.detail.toDepartmentId) ?? '' }
        : null,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    note: e.note,
    detail: e.detail,
  }));
  return {
    ...summaryOf(c, item, dept, applicant?.name ?? '', lang, now, await bundleNames(db, [c]), approvalSummary(lang, c.tasks, (id) => deptNames.get(id) ?? '')),
    progress: caseProgress(c, lang, await flowApprovals(db, c, lang)),
    clock: { ...clockOf(c, now), history: history.filter((e) => clockActions.has(e.action)) },
    preReview: preReviewOf(events),
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
      sameAsBefore: sameAsBefore.get(m.id) ?? false,
    })),
    supplements,
    supplementNotice: c.supplementNotice
      ? {
          items: noticeItems(c.supplementNotice).map((i) => ({ key: i.key, materialCode: i.materialCode, materialName: materialName(i.materialCode), reason: i.reason })),
          note: c.supplementNotice.note,
          at: c.supplementNotice.at,
          deadline: c.supplementNotice.deadline ?? null,
        }
      : null,
    events: history,
    licence,
    flow,
    // The approval buttons only while the actor has a task to decide (not one they already signed in a 会签).
    allowedActions: allowedActions(actor, c).filter((a) => flow.myTaskId !== null || !(a === 'approve' || a === 'deny' || a === 'return' || a === 'transfer_task')),
  };
}

/**
 * A theme application as its applicant sees it: its members in order of creation, each with its
 * state and the members it waits for. Anyone but the applicant (or their agent) is answered "not found".
 */
export async function themeApplicationView(db: Executor, actor: Actor, lang: Lang, bundleId: string) {
  const [bundle] = await db.select().from(themeApplications).where(eq(themeApplications.id, bundleId)).limit(1);
  if (!bundle || bundle.applicantAccountId !== actor.accountId) throw new DomainError('NOT_FOUND');
  const rows = await db.select().from(cases).where(eq(cases.bundleId, bundleId)).orderBy(asc(cases.caseNo));
  const summaries = await caseSummaries(db, actor, lang, rows);
  const byId = new Map(summaries.map((s) => [s.id, s]));
  return {
    id: bundle.id,
    theme: { id: bundle.themeId, code: bundle.themeCode, name: local(lang, bundle.themeName) },
    submittedAt: bundle.submittedAt.toISOString(),
    cases: rows.map((r) => ({
      ...byId.get(r.id)!,
      waitsFor: (r.waitsFor ?? []).map((id) => byId.get(id)).filter((s) => !!s).map((s) => ({ id: s!.id, caseNo: s!.caseNo, itemName: s!.item.name })),
    })),
  };
}
