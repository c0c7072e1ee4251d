import { z } from 'zod';
import { pageQuery } from '../../lib/page.js';
import { caseActions, type CaseAction } from './stateMachine.js';
import { idNumberSchema } from '../identity/contract.js';

export const caseStatuses = ['waiting', 'prereview', 'prereviewed', 'submitted', 'accepted', 'rejected', 'supplement_requested', 'resubmitted', 'completed', 'denied', 'cancelled', 'withdrawn', 'lapsed'] as const;
export const clockColours = ['green', 'yellow', 'red'] as const;
const colour = z.enum(clockColours);
const status = z.enum(caseStatuses);
const materialInput = z.object({ code: z.string().min(1).max(40), uploadId: z.string().uuid() });
const formData = z.record(z.string().max(64), z.unknown()).refine((o) => Object.keys(o).length <= 100, 'INVALID');

export const submitBody = z.object({
  itemId: z.string().uuid(),
  form: formData,
  materials: z.array(materialInput).max(50),
});

export const resubmitBody = z.object({ form: formData, materials: z.array(materialInput).max(50) });
export const reasonBody = z.object({ reason: z.string().trim().min(1, 'REQUIRED').max(1000) });
/** An approver's opinion on a task: `taskId` names the task the case page showed (absent: the actor's only open task). */
export const opinionBody = z.object({ opinion: z.string().trim().min(1, 'REQUIRED').max(2000), taskId: z.string().uuid().optional() });
/** 退回: to an earlier step of the flow (1-based, as the case page numbers them) or to intake, with the reason. */
export const returnBody = z.object({
  to: z.union([z.number().int().min(1), z.literal('intake')]),
  reason: z.string().trim().min(1, 'REQUIRED').max(1000),
  taskId: z.string().uuid().optional(),
});
/** 移送 (a case in intake) and 转办 (an approval task): the target department, chosen from GET transfer-targets, and the reason. */
export const transferBody = z.object({ departmentId: z.string().uuid(), reason: z.string().trim().min(1, 'REQUIRED').max(1000) });
/** 转办: `taskId` names the task the case page showed (absent: the actor's only open task). */
export const transferTaskBody = transferBody.extend({ taskId: z.string().uuid().optional() });
export const transferTargetsQuery = z.object({ taskId: z.string().uuid().optional() });
/**
 * Where the actor may send the case now: `transfer` (移送, in intake) or `transfer_task` (转办 of
 * their open task). `restricted`: other departments implement the item, and only they are offered
 * (each with its implementation, whose current version the case takes on); otherwise every other department.
 */
export const transferTargetsOut = z.object({
  action: z.enum(['transfer', 'transfer_task']),
  fromDepartment: z.object({ id: z.string().uuid(), name: z.string() }),
  restricted: z.boolean(),
  targets: z.array(
    z.object({ departmentId: z.string().uuid(), departmentName: z.string(), item: z.object({ id: z.string().uuid(), code: z.string(), name: z.string() }).nullable() }),
  ),
});
/**
 * The answer to 移送 / 转办: where the case or task went. Not the case itself — the sender may no
 * longer see it (it is the receiving department's now), unless they still take part in it.
 */
export const transferOut = z.object({
  id: z.string().uuid(),
  caseNo: z.string(),
  status: status,
  toDepartment: z.object({ id: z.string().uuid(), name: z.string() }),
  /** Whether the caller can still open the case (a department that took part in an earlier step can). */
  stillVisible: z.boolean(),
});
export const supplementBody = z.object({
  items: z
    .array(z.object({ materialCode: z.string().max(40).nullish(), reason: z.string().trim().min(1, 'REQUIRED').max(500) }))
    .min(1, 'REQUIRED')
    .max(50),
  note: z.string().trim().max(1000).nullish(),
  /** 补正期限 in working days from the notice; omitted: the node's default (SUPPLEMENT_DEADLINE_DAYS, 30). */
  deadlineDays: z.number().int().min(1).max(250).nullish(),
});
export const specialStartBody = z.object({
  kind: z.enum(['hearing', 'expert_review', 'inspection', 'public_notice'], 'BAD_OPTION'),
  reason: z.string().trim().min(1, 'REQUIRED').max(1000),
  expectedDays: z.number().int().min(1).max(250),
});
export const noteBody = z.object({ note: z.string().trim().max(1000).nullish() });
export const extensionBody = z.object({ days: z.number().int().min(1).max(250), reason: z.string().trim().min(1, 'REQUIRED').max(1000) });
export const extensionDecisionBody = z.object({ note: z.string().trim().max(1000).nullish() });
/** 网上预审通过: what the applicant must bring to the window (the originals), and an optional note. */
export const preReviewBody = z.object({ bring: z.string().trim().min(1, 'REQUIRED').max(1000), note: z.string().trim().max(1000).nullish() });
/** 批量受理: 1–20 distinct pre-reviewed cases, each accepted on its own. */
export const bulkAcceptBody = z.object({
  caseIds: z
    .array(z.string().uuid())
    .min(1, 'REQUIRED')
    .max(20)
    .refine((ids) => new Set(ids).size === ids.length, 'DUPLICATE'),
});
/** Per case: accepted, or the problem that kept it from being accepted (the others are accepted all the same). */
export const bulkAcceptOut = z.object({
  results: z.array(
    z.union([
      z.object({ caseId: z.string().uuid(), accepted: z.literal(true), status: z.literal('accepted') }),
      z.object({ caseId: z.string().uuid(), accepted: z.literal(false), problem: z.object({ code: z.string(), status: z.number().int(), title: z.string(), detail: z.string() }) }),
    ]),
  ),
});
/** Accepting takes no input; an empty JSON object is allowed. */
export const acceptBody = z.object({}).optional();
export const caseIdParams = z.object({ id: z.string().uuid() });
/** 我的办件's status groups (进行中, 需补正, 已办结, 未通过, 已撤回); drafts are their own list (/api/drafts). */
export const caseGroups = ['active', 'supplement', 'done', 'failed', 'withdrawn'] as const;
/** The statuses of the intake queue (受理): waiting for the online pre-review, pre-reviewed, submitted, resubmitted. */
export const intakeStatuses = ['prereview', 'prereviewed', 'submitted', 'resubmitted'] as const satisfies readonly (typeof caseStatuses)[number][];
const day = z.iso.date({ message: 'DATE_FORMAT' });

export const listQuery = pageQuery
  .extend({
    scope: z.enum(['mine', 'intake', 'approval', 'department', 'alarms']).default('mine'),
    /** Only on `mine`: one status group. */
    group: z.enum(caseGroups).optional(),
    /** Only on `mine`: part of the case number, or words of the item's name (as the catalogue search reads them). */
    q: z.string().trim().max(50).optional(),
    /** Only cases whose running clock has this colour (the workbench lists; `alarms`, the supervisor's, is yellow and red only). */
    colour: colour.optional(),
    // The workbench lists' filters (`intake` and `department` only), combined with each other and the colour:
    /** One status (on `intake`, one of the intake statuses). */
    status: status.optional(),
    /** One item. */
    itemId: z.string().uuid().optional(),
    /** One of the caller's departments (another department's is an empty list). */
    departmentId: z.string().uuid().optional(),
    /** Submitted on or after this day, on or before `to` (days in Asia/Shanghai). */
    from: day.optional(),
    to: day.optional(),
    /** Oldest first (the queues' default) or newest first (the department tab's). */
    order: z.enum(['asc', 'desc'], 'BAD_OPTION').optional(),
  })
  .superRefine((q, ctx) => {
    const workbench = q.scope === 'intake' || q.scope === 'department';
    for (const key of ['status', 'itemId', 'departmentId', 'from', 'to', 'order'] as const) {
      if (q[key] !== undefined && !workbench) ctx.addIssue({ code: 'custom', path: [key], message: 'FILTER_SCOPE' });
    }
    if (q.scope === 'intake' && q.status && !(intakeStatuses as readonly string[]).includes(q.status)) ctx.addIssue({ code: 'custom', path: ['status'], message: 'FILTER_STATUS' });
    if (q.from && q.to && q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'DATE_RANGE' });
  });

export const caseReceipt = z.object({
  id: z.string().uuid(),
  caseNo: z.string(),
  /** `prereview`: the item ends in a hall visit; the clerk checks the materials online first (网上预审). */
  status: z.enum(['submitted', 'prereview']),
  submittedAt: z.string(),
});

/** The theme application (一件事) a case is a member of. */
const bundleRef = z.object({ id: z.string().uuid(), name: z.string() }).nullable();

/** The step of the approval flow a case in approval is at; for a parallel step, which departments have decided. */
const approvalStep = z
  .object({
    step: z.number().int(),
    stepName: z.string(),
    parallel: z.boolean(),
    departments: z.array(z.object({ name: z.string(), decided: z.boolean() })),
  })
  .nullable();

const flowTaskView = z.object({
  id: z.string().uuid().nullable(),
  name: z.string(),
  department: z.object({ id: z.string().uuid().nullable(), name: z.string() }),
  mode: z.enum(['single', 'countersign']),
  needed: z.number().int(),
  status: z.enum(['pending', 'open', 'agreed', 'disagreed', 'returned', 'discarded', 'transferred']),
  decisions: z.array(z.object({ by: z.string(), decision: z.enum(['agree', 'disagree', 'return']), opinion: z.string(), at: z.string() })),
});
/** The case's approval flow: each step with its state, each task with its department, state and decisions. */
const flowView = z.object({
  steps: z.array(z.object({ step: z.number().int(), name: z.string(), parallel: z.boolean(), state: z.enum(['pending', 'open', 'agreed', 'disagreed']), tasks: z.array(flowTaskView) })),
  /** The open task the caller may decide now (null: none). */
  myTaskId: z.string().uuid().nullable(),
  /** The steps (1-based) a return may go back to; intake is always possible. */
  returnTargets: z.array(z.number().int()),
});

export const caseSummary = z.object({
  id: z.string().uuid(),
  approval: approvalStep,
  caseNo: z.string(),
  status,
  statusLabel: z.string(),
  bundle: bundleRef,
  item: z.object({ id: z.string().uuid(), code: z.string(), name: z.string() }),
  department: z.object({ id: z.string().uuid(), name: z.string() }),
  applicantName: z.string(),
  submittedAt: z.string(),
  channel: z.enum(['online', 'hall']),
  dueDate: z.string().nullable(),
  /** The promised date was counted over days the official calendar does not cover yet (statutory holidays only): it may change when the notice is entered. */
  dueDateProvisional: z.boolean(),
  workingDaysLeft: z.number().int().nullable(),
  /**
   * The case's real steps for a progress bar: submit, accept, the approval step(s), complete, deliver
   * (keys `submit`, `accept`, `approve`…, `complete`, `deliver`); a case that ended without success
   * ends with a failed step keyed by its status (`rejected`, `denied`, `withdrawn`, `cancelled`).
   */
  progress: z.array(
    z.object({ key: z.string(), label: z.string(), state: z.enum(['done', 'current', 'todo', 'failed']), at: z.string().nullable() }),
  ),
  /** The running clock's colour (null once the case is closed): green, yellow from 80 % of the limit used, red overdue. */
  clockColour: colour.nullable(),
  clockPaused: z.boolean(),
});

const clockEvent = z.object({
  at: z.string(),
  action: z.string(),
  actionLabel: z.string(),
  actorName: z.string(),
  /** The department an approval decision was taken for, or that moved the case on (null for other events). */
  departmentName: z.string().nullable(),
  /** 移送 / 转办: the office the case or task went from and the one it went to. */
  transfer: z.object({ from: z.string(), to: z.string() }).nullable(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  note: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});

/** The running clock: 受理时限 until acceptance, then 承诺时限 (with extensions); null fields once closed. */
export const caseClock = z.object({
  kind: z.enum(['acceptance', 'promised']).nullable(),
  dueDate: z.string().nullable(),
  warnDate: z.string().nullable(),
  colour: colour.nullable(),
  limitDays: z.number().int().nullable(),
  workingDaysLeft: z.number().int().nullable(),
  paused: z.boolean(),
  pausedSince: z.string().nullable(),
  pauseKind: z.enum(['supplement', 'special']).nullable(),
  pausedDays: z.number().int(),
  extensionDays: z.number().int(),
  extensionRequest: z.object({ days: z.number().int(), reason: z.string(), at: z.string() }).nullable(),
  supplementDeadline: z.string().nullable(),
  history: z.array(clockEvent),
});

export const caseDetail = caseSummary.extend({
  clock: caseClock,
  /** 网上预审: the last pass of the online pre-review — what to bring to the window, and where to book the visit. */
  preReview: z.object({ passedAt: z.string(), bring: z.string(), note: z.string().nullable(), bookingPath: z.string() }).nullable(),
  form: z.record(z.string(), z.unknown()),
  applicant: z.object({ name: z.string(), maskedIdNumber: z.string() }),
  /** The window clerk who applied for the applicant at the hall (null when they applied themselves). */
  submittedBy: z.object({ name: z.string() }).nullable(),
  round: z.number().int(),
  acceptedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  materials: z.array(
    z.object({
      id: z.string().uuid(),
      code: z.string(),
      name: z.string(),
      fileName: z.string(),
      mime: z.string(),
      size: z.number().int(),
      sha256: z.string(),
      round: z.number().int(),
      uploadedAt: z.string(),
      /** Byte for byte (SHA-256) the file sent before it for the same material. */
      sameAsBefore: z.boolean(),
    }),
  ),
  /** Every supplement notice, oldest first, kept after it is answered, each item with what was uploaded for it. */
  supplements: z.array(
    z.object({
      round: z.number().int(),
      at: z.string(),
      answeredAt: z.string().nullable(),
      note: z.string().nullable(),
      items: z.array(
        z.object({
          key: z.string(),
          materialCode: z.string().nullable(),
          materialName: z.string().nullable(),
          reason: z.string(),
          answers: z.array(z.object({ materialId: z.string().uuid(), fileName: z.string(), size: z.number().int(), sha256: z.string(), uploadedAt: z.string(), sameAsBefore: z.boolean() })),
        }),
      ),
    }),
  ),
  /** The open notice; each item's `key` is the material code to answer it under (an "other" item's own slot). */
  supplementNotice: z
    .object({
      items: z.array(z.object({ key: z.string(), materialCode: z.string().nullable(), materialName: z.string().nullable(), reason: z.string() })),
      note: z.string().nullable(),
      at: z.string(),
      deadline: z.string().nullable(),
    })
    .nullable(),
  events: z.array(clockEvent),
  licence: z.object({ id: z.string().uuid(), identifier: z.string() }).nullable(),
  flow: flowView,
  allowedActions: z.array(z.enum(caseActions as [CaseAction, ...CaseAction[]])),
});

const memberFormData = z.record(z.string().uuid(), z.object({ form: formData })).refine((o) => Object.keys(o).length <= 20, 'INVALID');
/** One application for a theme (一件事): the shared fields once, each member's remaining fields, each upload once. */
export const themeApplicationBody = z.object({
  themeId: z.string().uuid(),
  shared: formData,
  members: memberFormData.default({}),
  materials: z.array(materialInput.extend({ itemId: z.string().uuid().nullish() })).max(100),
});
const bundleCase = z.object({ id: z.string().uuid(), caseNo: z.string(), itemId: z.string().uuid(), status: z.enum(['submitted', 'waiting']) });
export const themeApplicationReceipt = z.object({ id: z.string().uuid(), themeCode: z.string(), submittedAt: z.string(), cases: z.array(bundleCase) });
export const themeApplicationIdParams = z.object({ id: z.string().uuid() });

// ---- Drafts (暂存) ----

/** A draft as typed so far: the form is not checked until it is submitted; each material names one of the caller's uploads. */
export const draftBody = z.object({ form: formData, materials: z.array(materialInput).max(50) });
export const draftItemParams = z.object({ itemId: z.string().uuid() });

export const uploadOut = z.object({ id: z.string().uuid(), fileName: z.string(), mime: z.string(), size: z.number().int(), sha256: z.string() });

export const draftOut = z.object({
  id: z.string().uuid(),
  item: z.object({ id: z.string().uuid(), code: z.string(), name: z.string() }),
  /** False when the item is no longer offered under the version the draft was filled in: start again under the current one. */
  versionOffered: z.boolean(),
  form: z.record(z.string(), z.unknown()),
  materials: z.array(z.object({ code: z.string(), upload: uploadOut })),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const draftList = z.object({ items: z.array(draftOut) });

/** A page of cases; `nextCursor` (null on the last page) fetches the next with `?cursor=`. */
export const casePage = z.object({ items: z.array(caseSummary), nextCursor: z.string().nullable() });
/** 最常办: the offered services most applied for lately. */
export const popularItems = z.object({ items: z.array(z.object({ id: z.string().uuid(), code: z.string(), name: z.string(), cases: z.number().int() })) });
export type PopularItems = z.output<typeof popularItems>;

/** The body of an upload: one multipart/form-data part named `file` (read by the multipart parser, not validated as JSON). */
export const uploadForm = z.object({ file: z.string().meta({ format: 'binary', description: 'PDF, PNG or JPG; the type is decided by the content' }) });

/** A stored material: its bytes, always as a download. */
const fileBytes = z.instanceof(Buffer).meta({ type: 'string', format: 'binary' });
export const materialFile = {
  description: 'The file as uploaded (attachment); x-sha256 carries its checked SHA-256.',
  content: { 'application/pdf': { schema: fileBytes }, 'image/png': { schema: fileBytes }, 'image/jpeg': { schema: fileBytes } },
};

// ---- The hall (a window visit, and applying for the walk-in) ----

/** The clerk checked the walk-in's ID card in person. */
export const visitBody = z.object({ idNumber: idNumberSchema, cardChecked: z.literal(true, { message: 'REQUIRED' }), ticketId: z.string().uuid().optional() });
export const visitIdParams = z.object({ id: z.string().uuid() });
export const visitOut = z.object({
  id: z.string().uuid(),
  expiresAt: z.string(),
  applicant: z.object({ id: z.string().uuid(), name: z.string(), maskedIdNumber: z.string(), level: z.number().int(), newAccount: z.boolean() }),
});

/** A case applied for at the window is accepted at once. */
export const hallReceipt = caseReceipt.extend({ status: z.literal('accepted') });

/** A theme application as its applicant sees it: every member case with its state and what it waits for. */
export const themeApplicationView = z.object({
  id: z.string().uuid(),
  theme: z.object({ id: z.string().uuid(), code: z.string(), name: z.string() }),
  submittedAt: z.string(),
  cases: z.array(caseSummary.extend({ waitsFor: z.array(z.object({ id: z.string().uuid(), caseNo: z.string(), itemName: z.string() })) })),
});

export type { CaseAction };
export type ThemeApplicationInput = z.input<typeof themeApplicationBody>;
export type ThemeApplicationReceipt = z.output<typeof themeApplicationReceipt>;
export type ThemeApplicationView = z.output<typeof themeApplicationView>;
export type Visit = z.output<typeof visitOut>;
export type HallReceipt = z.output<typeof hallReceipt>;
export type CaseStatus = (typeof caseStatuses)[number];
export type CaseReceipt = z.output<typeof caseReceipt>;
export type CaseSummary = z.output<typeof caseSummary>;
export type CaseDetail = z.output<typeof caseDetail>;
export type CaseMaterial = CaseDetail['materials'][number];
export type CaseEvent = CaseDetail['events'][number];
export type CaseFlow = CaseDetail['flow'];
export type CaseFlowStep = CaseFlow['steps'][number];
export type ApprovalStep = NonNullable<CaseSummary['approval']>;
export type ReturnInput = z.input<typeof returnBody>;
export type TransferInput = z.input<typeof transferBody>;
export type TransferTaskInput = z.input<typeof transferTaskBody>;
export type TransferTargets = z.infer<typeof transferTargetsOut>;
export type TransferOut = z.infer<typeof transferOut>;
export type SupplementNotice = NonNullable<CaseDetail['supplementNotice']>;
export type SupplementRound = CaseDetail['supplements'][number];
export type ProgressStep = CaseSummary['progress'][number];
export type CaseGroup = (typeof caseGroups)[number];
export type CasePage = z.output<typeof casePage>;
export type CaseClock = z.output<typeof caseClock>;
export type ClockColour = (typeof clockColours)[number];
export type UploadOut = z.output<typeof uploadOut>;
export type Draft = z.output<typeof draftOut>;
export type DraftList = z.output<typeof draftList>;
export type DraftInput = z.input<typeof draftBody>;
export type SubmitInput = z.input<typeof submitBody>;
export type ResubmitInput = z.input<typeof resubmitBody>;
export type SupplementInput = z.input<typeof supplementBody>;
export type ListScope = z.output<typeof listQuery>['scope'];

// The hall's queue, appointments and waiting-room display.
export * from './hall/contract.js';

// ---- Case documents (受理通知书 …) and their public verification ----
export * from './documents/contract.js';
