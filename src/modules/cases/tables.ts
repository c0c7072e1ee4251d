import { sql } from 'drizzle-orm';
import { boolean, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { LocalText } from '../../db/types.js';
import { accounts, departments } from '../identity/tables.js';
import { serviceItems, serviceItemVersions, themes, type FlowTask } from '../catalog/tables.js';
import type { StoreKind } from '../files/index.js';

export type CaseStatus =
  /** A member of a theme application waiting for its prerequisites (another member's completion). */
  | 'waiting'
  | 'submitted'
  /** 网上预审: an item that ends in a hall visit, submitted online; the clerk checks its materials online first. */
  | 'prereview'
  /** Passed the online pre-review: the applicant comes to the window with the originals, where it is accepted. */
  | 'prereviewed'
  | 'accepted'
  | 'rejected'
  | 'supplement_requested'
  | 'resubmitted'
  | 'completed'
  | 'denied'
  /** A waiting theme member whose prerequisite was rejected or denied: it can never start. */
  | 'cancelled'
  /** Taken back by the applicant before a decision (撤回), with a reason. */
  | 'withdrawn'
  /** A supplement notice whose deadline passed without resubmission: the application lapsed (ended by the platform). */
  | 'lapsed';

/** The deadline watch's colour of a case's running clock (see clock/watchDeadlines.ts). */
export type ClockColour = 'green' | 'yellow' | 'red';
/** Why the running clock is paused: an open supplement notice, or a special procedure (特别程序). */
export type PauseKind = 'supplement' | 'special';
/** An extension (延期) an approver asked for, waiting for the department head's decision. */
export type ExtensionRequest = { days: number; reason: string; at: string; byAccountId: string };

/**
 * One item of a supplement notice. `key` names the upload slot the applicant answers it in: the
 * material's code, or for an "other" item (free text, no material) `other-<round>-<n>`, which the
 * answering upload then carries as its material code.
 */
export type SupplementItem = { key: string; materialCode: string | null; reason: string };

export type SupplementNotice = {
  items: SupplementItem[];
  note: string | null;
  at: string;
  round: number;
  /** The last day (Asia/Shanghai) to resubmit: after it the platform ends the case as lapsed. */
  deadline?: string;
  /** Asked during the online pre-review: the answer goes back to pre-review, not to intake. */
  prereview?: boolean;
};

export const uploads = pgTable(
  'uploads',
  {
    id: uuid('id').primaryKey(),
    ownerAccountId: uuid('owner_account_id').notNull().references(() => accounts.id),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    /** The file store holding the content (key `uploads/<id>`): see src/modules/files. */
    storage: text('storage').$type<StoreKind>().notNull().default('db'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // created_at: the purge of unattached uploads walks the oldest first.
  (t) => [index('uploads_owner_idx').on(t.ownerAccountId), index('uploads_created_idx').on(t.createdAt)],
);

/** Fixed-window counter of upload attempts per account: shared by every instance on the database. */
export const uploadRateWindows = pgTable('upload_rate_windows', {
  accountId: uuid('account_id').primaryKey().references(() => accounts.id),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  count: integer('count').notNull(),
});

export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey(),
    caseNo: text('case_no').notNull().unique(),
    itemId: uuid('item_id').notNull().references(() => serviceItems.id),
    /** The catalogue version the case was applied under: its rules (materials, form, limits) stay the case's. */
    itemVersionId: uuid('item_version_id').notNull().references(() => serviceItemVersions.id),
    departmentId: uuid('department_id').notNull().references(() => departments.id),
    applicantAccountId: uuid('applicant_account_id').notNull().references(() => accounts.id),
    status: text('status').$type<CaseStatus>().notNull(),
    channel: text('channel').$type<'online' | 'hall'>().notNull().default('online'),
    /** Who submitted when it was not the applicant: the window clerk (hall), later an agent. */
    submittedByAccountId: uuid('submitted_by_account_id').references(() => accounts.id),
    form: jsonb('form').$type<Record<string, unknown>>().notNull(),
    round: integer('round').notNull().default(1),
    supplementNotice: jsonb('supplement_notice').$type<SupplementNotice>(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    dueDate: date('due_date', { mode: 'string' }),
    /** The promised limit (working days) the due date was counted with, so a new calendar can recount it. */
    dueLimitDays: integer('due_limit_days'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** The theme application (一件事) the case is a member of; null for a single application. */
    bundleId: uuid('bundle_id').references((): AnyPgColumn => themeApplications.id),
    /** The member cases of the same bundle this one waits for (status `waiting` until all are completed). */
    waitsFor: jsonb('waits_for').$type<string[]>(),
    // ---- The clocks (限时办结): the acceptance clock (受理时限) runs from submission until acceptance,
    // the promised clock (承诺时限, due_date) from acceptance. The running clock's dates are stored so
    // the deadline watch is one set-based statement (clock/watchDeadlines.ts).
    /** The acceptance limit (working days) the acceptance clock was started with. */
    acceptLimitDays: integer('accept_limit_days'),
    /** The last day to accept (or reject, or ask for a supplement), moved by the paused working days. */
    acceptDueDate: date('accept_due_date', { mode: 'string' }),
    /** The day the running clock turns yellow: 80 % of its limit used (moved by pauses like its due date). */
    warnDate: date('warn_date', { mode: 'string' }),
    /** The day the running clock was paused (a supplement notice, a special procedure); null while it runs. */
    pausedSince: date('paused_since', { mode: 'string' }),
    pauseKind: text('pause_kind').$type<PauseKind>(),
    /** Working days the running clock has been paused so far (its due date moved by as many). */
    pausedDays: integer('paused_days').notNull().default(0),
    /** Working days of approved extensions (延期) of the promised limit. */
    extensionDays: integer('extension_days').notNull().default(0),
    extensionRequest: jsonb('extension_request').$type<ExtensionRequest>(),
    /** The last day to resubmit while a supplement notice is open. */
    supplementDeadline: date('supplement_deadline', { mode: 'string' }),
    /** The round of the supplement notice whose "deadline near" warning went out (once per notice; see clock/warnSupplements.ts). */
    supplementWarnedRound: integer('supplement_warned_round'),
    /** The running clock's colour, written by the deadline watch (and at each clock change). */
    clockColour: text('clock_colour').$type<ClockColour>().notNull().default('green'),
  },
  // One index per list, each on (the list's filter, its order): a page is one index range scan and
  // never a sort of the whole filter (see listCases). The queues get partial indexes, so an old
  // department's closed cases are not even in the index the intake queue reads, and the department
  // index (which a queue could also walk, filtering by status) is never the cheaper plan for it. The
  // approval queue reads the open tasks' index (case_tasks_open_queue_idx, below). Measured at 1 M
  // cases with `npm run bench:scale`.
  (t) => [
    index('cases_applicant_submitted_idx').on(t.applicantAccountId, t.submittedAt, t.id),
    index('cases_department_submitted_idx').on(t.departmentId, t.submittedAt, t.id),
    index('cases_intake_queue_idx').on(t.departmentId, t.submittedAt, t.id).where(sql`${t.status} IN ('submitted', 'resubmitted', 'prereview', 'prereviewed')`),
    index('cases_bundle_idx').on(t.bundleId).where(sql`${t.bundleId} IS NOT NULL`),
    // The lists filtered by the clock's colour: (the list's filter, colour, its order), again one range scan each.
    index('cases_department_colour_idx').on(t.departmentId, t.clockColour, t.submittedAt, t.id),
    index('cases_intake_colour_idx').on(t.departmentId, t.clockColour, t.submittedAt, t.id).where(sql`${t.status} IN ('submitted', 'resubmitted', 'prereview', 'prereviewed')`),
    // The supervisor's list of running cases in yellow or red across departments.
    index('cases_alarm_idx')
      .on(t.clockColour, t.submittedAt, t.id)
      .where(sql`${t.clockColour} IN ('yellow', 'red') AND ${t.status} IN ('submitted', 'resubmitted', 'accepted', 'supplement_requested')`),
    // The watch's lapse of supplement notices whose deadline passed.
    index('cases_supplement_deadline_idx').on(t.supplementDeadline).where(sql`${t.status} = 'supplement_requested'`),
  ],
);

/**
 * 一件事: one application for a theme, made with one form and shared materials. Its member cases
 * (`cases.bundle_id`) are each handled by their own department; the row keeps the theme as applied.
 */
export const themeApplications = pgTable(
  'theme_applications',
  {
    id: uuid('id').primaryKey(),
    themeId: uuid('theme_id').notNull().references(() => themes.id),
    themeCode: text('theme_code').notNull(),
    themeName: jsonb('theme_name').$type<LocalText>().notNull(),
    applicantAccountId: uuid('applicant_account_id').notNull().references(() => accounts.id),
    submittedByAccountId: uuid('submitted_by_account_id').references(() => accounts.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('theme_applications_applicant_idx').on(t.applicantAccountId, t.submittedAt)],
);

/**
 * Which case, or which bundle of one applicant's cases, an upload belongs to (`claim_id`: the case's
 * id, or its theme application's). One claim per upload; every case_materials row of an upload must
 * carry its claim (foreign key), so a file joins one case, or the member cases of one bundle only.
 */
export const uploadClaims = pgTable(
  'upload_claims',
  {
    uploadId: uuid('upload_id').primaryKey().references(() => uploads.id),
    claimId: uuid('claim_id').notNull(),
  },
  (t) => [unique('upload_claims_upload_claim_uq').on(t.uploadId, t.claimId)],
);

export const caseMaterials = pgTable(
  'case_materials',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    materialCode: text('material_code').notNull(),
    uploadId: uuid('upload_id').notNull().references(() => uploads.id),
    /** The upload's claim: its case, or the bundle its case belongs to. */
    claimId: uuid('claim_id').notNull(),
    round: integer('round').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('case_materials_case_idx').on(t.caseId),
    uniqueIndex('case_materials_upload_case_uq').on(t.uploadId, t.caseId),
    foreignKey({ name: 'case_materials_upload_claim_fk', columns: [t.uploadId, t.claimId], foreignColumns: [uploadClaims.uploadId, uploadClaims.claimId] }),
  ],
);

export const caseEvents = pgTable(
  'case_events',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** Null for the platform's own actions (the deadline watch, a lapse). */
    actorAccountId: uuid('actor_account_id').references(() => accounts.id),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    note: text('note'),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
  },
  (t) => [index('case_events_case_idx').on(t.caseId)],
);

/** Per region and day counter for human case numbers `<region6>-<yyyymmdd>-<seq>`. */
export const caseCounters = pgTable(
  'case_counters',
  {
    regionCode: text('region_code').notNull(),
    day: text('day').notNull(),
    seq: integer('seq').notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.day] })],
);

/**
 * The state of an approval task: `open` (its department decides now), `agreed`, `disagreed` (the
 * case is denied), `returned` (a return to this step or an earlier one closed it: a new task row
 * reopens the step), `discarded` (a later step's task closed by a return or by a denial elsewhere),
 * `transferred` (转办: handed to another department, whose new open task replaces it).
 */
export type CaseTaskStatus = 'open' | 'agreed' | 'disagreed' | 'returned' | 'discarded' | 'transferred';

/**
 * The approval tasks of a case (审批环节), one row per task of the step that is running and of the
 * steps run before: created for the first step when the case is accepted and for the next step
 * when one is agreed. `step` and `task` index the flow of the case's version (`flow` keeps the
 * task's definition as it ran). `case_submitted_at` repeats the case's submission time so the
 * approval queue of a department is one range of one index, in the queue's order.
 */
export const caseTasks = pgTable(
  'case_tasks',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    step: integer('step').notNull(),
    task: integer('task').notNull(),
    departmentId: uuid('department_id').notNull().references(() => departments.id),
    definition: jsonb('definition').$type<FlowTask>().notNull(),
    /** The step's name as it ran (a single task's, or its parallel group's). */
    stepName: jsonb('step_name').$type<LocalText>().notNull(),
    parallel: boolean('parallel').notNull().default(false),
    /** Distinct approvers whose agreement finishes the task (1, or N for 会签). */
    needed: integer('needed').notNull(),
    status: text('status').$type<CaseTaskStatus>().notNull(),
    caseSubmittedAt: timestamp('case_submitted_at', { withTimezone: true }).notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    index('case_tasks_case_idx').on(t.caseId, t.step, t.task),
    // The approval queue: a department's open tasks, oldest case first (see listCases).
    index('case_tasks_open_queue_idx').on(t.departmentId, t.caseSubmittedAt, t.caseId).where(sql`${t.status} = 'open'`),
    // A department decides once per running step of a case.
    uniqueIndex('case_tasks_open_uq').on(t.caseId, t.departmentId).where(sql`${t.status} = 'open'`),
  ],
);

/** Each approver's decision on a task: one per person and task (会签 counts distinct people). */
export const caseTaskDecisions = pgTable(
  'case_task_decisions',
  {
    id: uuid('id').primaryKey(),
    taskId: uuid('task_id').notNull().references(() => caseTasks.id),
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    decision: text('decision').$type<'agree' | 'disagree' | 'return'>().notNull(),
    opinion: text('opinion').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('case_task_decisions_task_account_uq').on(t.taskId, t.accountId)],
);

/**
 * Every supplement notice (一次性告知) of a case, kept after it is answered: the round it asked of,
 * its items, who asked and when, and when the applicant answered (the answer's uploads are the
 * case materials of round `round + 1` under the items' keys).
 */
export const caseSupplements = pgTable(
  'case_supplements',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull().references(() => cases.id),
    round: integer('round').notNull(),
    items: jsonb('items').$type<SupplementItem[]>().notNull(),
    note: text('note'),
    requestedByAccountId: uuid('requested_by_account_id').notNull().references(() => accounts.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('case_supplements_case_round_uq').on(t.caseId, t.round)],
);

/**
 * An application saved before it is sent (暂存): one per applicant and item. The apply page offers
 * "the" draft of an item, autosave overwrites it, and submitting the item ends it; the version it
 * was filled under is kept so a draft whose version is no longer offered can say so.
 */
export const caseDrafts = pgTable(
  'case_drafts',
  {
    id: uuid('id').primaryKey(),
    applicantAccountId: uuid('applicant_account_id').notNull().references(() => accounts.id),
    itemId: uuid('item_id').notNull().references(() => serviceItems.id),
    itemVersionId: uuid('item_version_id').references(() => serviceItemVersions.id),
    form: jsonb('form').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  // The applicant's list, newest first, and the one-per-item rule.
  (t) => [uniqueIndex('case_drafts_applicant_item_uq').on(t.applicantAccountId, t.itemId), index('case_drafts_applicant_updated_idx').on(t.applicantAccountId, t.updatedAt)],
);

/** The uploads a draft holds, by material: the purge of unattached uploads leaves these alone. */
export const caseDraftUploads = pgTable(
  'case_draft_uploads',
  {
    draftId: uuid('draft_id').notNull().references(() => caseDrafts.id, { onDelete: 'cascade' }),
    materialCode: text('material_code').notNull(),
    uploadId: uuid('upload_id').notNull().references(() => uploads.id),
  },
  (t) => [primaryKey({ columns: [t.draftId, t.materialCode] }), index('case_draft_uploads_upload_idx').on(t.uploadId)],
);
