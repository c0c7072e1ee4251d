import { z } from 'zod';
import { contentInputSchema } from '../contentSchema.js';
import { versionStatuses } from '../tables.js';
import { overridesSchema } from './content.js';

/**
 * The catalogue administration's HTTP interface: basic items, implementations and their versions,
 * the review queue, and the public divergence report. Contents are bilingual (`{ zh, en }`), as
 * stored, since admins edit both languages.
 */

const localText = z.object({ zh: z.string(), en: z.string() });

/** A content as stored and returned (form fields under `form.fields`). */
export const contentOut = contentInputSchema.omit({ fields: true }).extend({ itemType: z.string(), form: z.object({ fields: contentInputSchema.shape.fields }) });

export const basicItemBody = z.object({ code: z.string().trim().max(12), content: contentInputSchema });
export const basicItemUpdateBody = z.object({ content: contentInputSchema });
export const basicItemOut = z.object({
  id: z.string().uuid(),
  code: z.string(),
  name: localText,
  itemType: z.string(),
  implementations: z.number().int(),
  updatedAt: z.string(),
  baseline: contentOut,
});
export const basicItemList = z.object({ items: z.array(basicItemOut) });

export const implementationBody = z.object({
  basicItemId: z.string().uuid(),
  departmentId: z.string().uuid(),
  code: z.string().trim().max(36),
  overrides: overridesSchema.default({}),
});

const versionStatus = z.enum(versionStatuses);

export const versionSummary = z.object({
  id: z.string().uuid(),
  versionNo: z.number().int(),
  status: versionStatus,
  statusLabel: z.string(),
  authorName: z.string().nullable(),
  reviewerName: z.string().nullable(),
  reviewNote: z.string().nullable(),
  submittedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  retiredAt: z.string().nullable(),
  createdAt: z.string(),
});

export const implementationOut = z.object({
  id: z.string().uuid(),
  code: z.string(),
  basicItemId: z.string().uuid(),
  name: localText,
  regionCode: z.string(),
  /** The GB/T 2260 division's full name (the code itself when it is no longer a current division). */
  regionName: z.string(),
  department: z.object({ id: z.string().uuid(), name: z.string() }),
  published: z.boolean(),
  currentVersionId: z.string().uuid().nullable(),
  openVersion: versionSummary.nullable(),
});
export const implementationList = z.object({
  items: z.array(implementationOut.extend({ currentVersionNo: z.number().int().nullable() })),
  /** The departments the caller may create implementations for (the whole node for catalogue admins, else their branch). */
  departments: z.array(z.object({ id: z.string().uuid(), code: z.string(), name: z.string(), regionCode: z.string(), regionName: z.string() })),
  /** Whether the caller may create and edit basic items (the node's catalogue admins). */
  mayManageBasicItems: z.boolean(),
});
export const createdImplementation = z.object({ id: z.string().uuid(), versionId: z.string().uuid() });
export const openedDraft = z.object({ id: z.string().uuid(), versionNo: z.number().int() });

export const problem = z.object({ path: z.string(), message: z.string() });

export const versionDetail = versionSummary.extend({
  implementation: implementationOut.omit({ openVersion: true }),
  overrides: overridesSchema,
  content: contentOut,
  /** The GB/T 39554 problems of the content as it would be published now (drafts: merged with today's baseline). */
  problems: z.array(problem),
  /** Whether the caller may approve or return it (a reviewer other than its author). */
  mayReview: z.boolean(),
});

export const versionHistory = z.object({ implementation: implementationOut.omit({ openVersion: true }), versions: z.array(versionSummary) });

export const change = z.object({ path: z.string(), before: z.unknown(), after: z.unknown() });
export const versionDiff = z.object({ from: versionSummary, to: versionSummary, changes: z.array(change) });
export const diffQuery = z.object({ against: z.string().uuid() });

export const overridesBody = z.object({ overrides: overridesSchema });
export const approveBody = z.object({ note: z.string().trim().max(500).nullable().default(null) });
export const returnBody = z.object({ note: z.string().trim().min(1, 'REQUIRED').max(500) });

export const reviewQueue = z.object({
  items: z.array(versionSummary.extend({ implementation: implementationOut.omit({ openVersion: true }) })),
});

export const divergenceQuery = z.object({ basicItemId: z.string().uuid().optional() });
export const divergence = z.object({
  items: z.array(
    z.object({
      basicItem: z.object({ id: z.string().uuid(), code: z.string(), name: z.string(), promisedLimitDays: z.number().int(), legalLimitDays: z.number().int() }),
      implementations: z.array(
        z.object({
          id: z.string().uuid(),
          code: z.string(),
          regionCode: z.string(),
          regionName: z.string(),
          department: z.string(),
          versionNo: z.number().int(),
          promisedLimitDays: z.number().int(),
          changes: z.array(change),
        }),
      ),
    }),
  ),
});

export const idParams = z.object({ id: z.string().uuid() });
export const noContent = z.undefined();

export type BasicItemOut = z.output<typeof basicItemOut>;
export type ImplementationOut = z.output<typeof implementationOut>;
export type ImplementationList = z.output<typeof implementationList>;
export type BasicItemList = z.output<typeof basicItemList>;
export type VersionHistory = z.output<typeof versionHistory>;
export type ReviewQueue = z.output<typeof reviewQueue>;
export type VersionSummary = z.output<typeof versionSummary>;
export type VersionDetail = z.output<typeof versionDetail>;
export type VersionDiff = z.output<typeof versionDiff>;
export type Divergence = z.output<typeof divergence>;
