import { z } from 'zod';

/** What one import may hold (docs/catalogue-import.md): the upload's size and the rows of all its sheets. */
export const importLimits = { maxBytes: 5 * 1024 * 1024, maxRows: 5000 } as const;
export type ImportLimits = { maxBytes: number; maxRows: number };

export const importQuery = z.object({
  dryRun: z.enum(['true', 'false']).default('false').describe('true: check every row and report what would happen, writing nothing'),
});

export const importForm = z.object({ file: z.string().meta({ format: 'binary', description: '.json, .xlsx or .csv (UTF-8 or GBK), at most 5 MB and 5000 rows' }) });

export const exportQuery = z.object({ format: z.enum(['json', 'xlsx', 'csv']).default('json') });

/** One problem of an import, where Excel shows it: the row number and the column's header (JSON: the entry's index and path). */
export const importRowError = z.object({ sheet: z.string(), row: z.number().int(), column: z.string(), message: z.string() });

export const importAction = z.enum(['created', 'draft', 'unchanged']);

export const importResult = z.object({
  dryRun: z.boolean(),
  /** Whether the implementations were published directly (the installation) or left as drafts for review (staff). */
  published: z.boolean(),
  counts: z.object({
    basicItemsCreated: z.number().int(),
    implementationsCreated: z.number().int(),
    draftsOpened: z.number().int(),
    unchanged: z.number().int(),
  }),
  items: z.array(z.object({ code: z.string(), basicCode: z.string(), action: importAction, versionId: z.string().nullable() })),
});

/** The problem document of a refused import: every row error, nothing written. */
export const importProblem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string(),
  rows: z.array(importRowError),
});

export type ImportResult = z.output<typeof importResult>;
export type ImportRowError = z.output<typeof importRowError>;
export type ImportProblem = z.output<typeof importProblem>;

/** The lossless form of the catalogue (JSON): basic items with their baselines, implementations with their local overrides. */
export const catalogueFileSchema = z.object({
  format: z.literal('yiwang.catalogue'),
  version: z.literal(1),
  exportedAt: z.string().optional(),
  basicItems: z.array(z.object({ code: z.string(), baseline: z.record(z.string(), z.unknown()) })).max(5000),
  implementations: z
    .array(
      z.object({
        code: z.string(),
        basicCode: z.string(),
        /** The implementing department's code (not its id: ids differ between installations). */
        department: z.string(),
        regionCode: z.string().optional(),
        overrides: z.record(z.string(), z.unknown()).default({}),
      }),
    )
    .max(5000),
});
export type CatalogueFile = z.input<typeof catalogueFileSchema>;

const fileBytes = z.instanceof(Buffer).meta({ type: 'string', format: 'binary' });
/** The exported file, as an attachment. */
export const exportFile = {
  description: 'The catalogue file (attachment)',
  content: { 'application/json': { schema: fileBytes }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: fileBytes }, 'text/csv': { schema: fileBytes } },
};
