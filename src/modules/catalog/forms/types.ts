import type { LocalText } from '../../../db/types.js';
import type { FieldCondition } from '../../../lib/formConditions.js';

/**
 * Field types of a data-defined form (forms are data, not code).
 *
 * - `idNumber` (公民身份号码, GB 11643) and `creditCode` (统一社会信用代码, GB 32100) are checked by
 *   the same validators as registration.
 * - `amount` is money, stored as integer fen (分); the portal enters yuan with 2 decimals.
 * - `dateRange` is `{ from, to }` with from ≤ to; `address` is `{ regionCode, detail }`, the region a
 *   current GB/T 2260 county-level division (development-zone `xx7x` codes refused).
 * - `select` / `radio` choose one option, `checkboxes` several (minCount/maxCount).
 * - `table` holds repeating rows (minRows/maxRows), each with its own `columns` of the simple types.
 *
 * Files are not form fields: they are the item's materials (申请材料), whose retention, download,
 * per-material type and size limits and supplement notices (补正) all key on the material code.
 */
export const formFieldTypes = [
  'text',
  'textarea',
  'number',
  'amount',
  'date',
  'dateRange',
  'idNumber',
  'creditCode',
  'phone',
  'email',
  'address',
  'select',
  'radio',
  'checkboxes',
  'table',
] as const;
export type FormFieldType = (typeof formFieldTypes)[number];

/** Types a table column may have: one value per cell, no nesting. */
export const tableColumnTypes = ['text', 'number', 'amount', 'date', 'idNumber', 'creditCode', 'phone', 'email', 'select', 'radio'] as const satisfies readonly FormFieldType[];
export type TableColumnType = (typeof tableColumnTypes)[number];

/** The single- and multiple-choice types: they need options. */
export const choiceTypes = ['select', 'radio', 'checkboxes'] as const satisfies readonly FormFieldType[];

/**
 * Identity data a field may be prefilled from. The server fills these from the identity record at
 * submission and ignores what the client sent: an applicant cannot claim someone else's number.
 * `applicant.*` is the person applying (for an enterprise, its agent 经办人); `entity.*` the
 * enterprise applied for.
 */
export const prefillSources = ['applicant.name', 'applicant.idNumber', 'applicant.phone', 'entity.name', 'entity.creditCode'] as const;
export type PrefillSource = (typeof prefillSources)[number];

/** A condition on an earlier field's value (shared with the portal, which evaluates it live). */
export type { FieldCondition } from '../../../lib/formConditions.js';

export type FormOption = { value: string; label: LocalText };

/** A table column: a simple field without conditions or prefill. */
export type TableColumn = {
  name: string;
  label: LocalText;
  type: TableColumnType;
  required: boolean;
  maxLength?: number;
  pattern?: string;
  min?: number;
  max?: number;
  options?: FormOption[];
  help?: LocalText;
};

export type FormField = {
  name: string;
  label: LocalText;
  type: FormFieldType;
  required: boolean;
  maxLength?: number;
  pattern?: string;
  /** number: the value; amount: fen; */
  min?: number;
  max?: number;
  options?: FormOption[];
  /** checkboxes: how many may be ticked. */
  minCount?: number;
  maxCount?: number;
  /** table: its columns and how many rows. */
  columns?: TableColumn[];
  minRows?: number;
  maxRows?: number;
  help?: LocalText;
  /** Shown (and checked, and kept) only while the condition holds. */
  visibleWhen?: FieldCondition;
  /** Required while the condition holds (besides `required`). */
  requiredWhen?: FieldCondition;
  /** Filled from the applicant's identity record; read-only in the portal. */
  prefill?: PrefillSource;
};
