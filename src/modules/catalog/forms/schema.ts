import { z } from 'zod';
import { localName } from '../localText.js';
import { choiceTypes, formFieldTypes, prefillSources, tableColumnTypes, type FieldCondition, type FormFieldType, type PrefillSource } from './types.js';

const fieldName = z.string().regex(/^[a-z][A-Za-z0-9]{0,39}$/, 'FORM_FIELD_NAME_PATTERN');
const option = z.object({ value: z.string().trim().min(1, 'REQUIRED').max(100), label: localName });
const count = z.number().int().min(0).max(1000);

/** The properties every field and table column share. */
const simpleField = {
  name: fieldName,
  label: localName,
  required: z.boolean(),
  maxLength: z.number().int().min(1).max(10000).optional(),
  pattern: z
    .string()
    .max(200)
    .refine((p) => {
      try {
        new RegExp(p);
        return true;
      } catch {
        return false;
      }
    }, 'FORM_PATTERN_INVALID')
    .optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  options: z.array(option).min(1, 'REQUIRED').max(200).optional(),
  help: localName.optional(),
};

const conditionValue = z.union([z.string().max(100), z.number(), z.boolean()]);
export const conditionSchema = z.discriminatedUnion(
  'op',
  [
    z.object({ field: fieldName, op: z.literal('equals'), value: conditionValue }),
    z.object({ field: fieldName, op: z.literal('in'), values: z.array(z.union([z.string().max(100), z.number()])).min(1, 'REQUIRED').max(200) }),
    z.object({ field: fieldName, op: z.literal('notEmpty') }),
  ],
  'BAD_OPTION',
);

export const columnSchema = z.object({ ...simpleField, type: z.enum(tableColumnTypes, 'FORM_COLUMN_TYPE') });

export const fieldSchema = z.object({
  ...simpleField,
  type: z.enum(formFieldTypes, 'BAD_OPTION'),
  minCount: count.optional(),
  maxCount: count.optional(),
  columns: z.array(columnSchema).min(1, 'REQUIRED').max(20).optional(),
  minRows: count.optional(),
  maxRows: count.optional(),
  visibleWhen: conditionSchema.optional(),
  requiredWhen: conditionSchema.optional(),
  prefill: z.enum(prefillSources, 'BAD_OPTION').optional(),
});

/** A whole form definition, as the designer sends it. */
export const formDefinitionSchema = z.object({ fields: z.array(fieldSchema).max(100) });

/** The type a prefilled field must have, so the identity value passes its own checks. */
const prefillType: Record<PrefillSource, FormFieldType> = {
  'applicant.name': 'text',
  'applicant.idNumber': 'idNumber',
  'applicant.phone': 'phone',
  'entity.name': 'text',
  'entity.creditCode': 'creditCode',
};

export type DefinitionIssue = { path: (string | number)[]; code: string; params?: Record<string, string | number> };

type CheckedField = z.output<typeof fieldSchema>;
type CheckedColumn = z.output<typeof columnSchema>;

/** Indexes of the entries that repeat an earlier one. */
function dupes(values: string[]): number[] {
  return values.flatMap((v, i) => (values.indexOf(v) < i ? [i] : []));
}

function simpleIssues(f: CheckedField | CheckedColumn): DefinitionIssue[] {
  const out: DefinitionIssue[] = [];
  const choice = (choiceTypes as readonly string[]).includes(f.type);
  if (choice && !f.options?.length) out.push({ path: ['options'], code: 'REQUIRED' });
  if (!choice && f.options) out.push({ path: ['options'], code: 'FORM_PROPERTY_UNUSED' });
  if (f.options) dupes(f.options.map((o) => o.value)).forEach((i) => out.push({ path: ['options', i, 'value'], code: 'DUPLICATE' }));
  if (f.min !== undefined && f.max !== undefined && f.min > f.max) out.push({ path: ['max'], code: 'FORM_MIN_OVER_MAX' });
  if (f.type === 'amount' && ((f.min !== undefined && !Number.isInteger(f.min)) || (f.max !== undefined && !Number.isInteger(f.max)))) {
    out.push({ path: [f.min !== undefined && !Number.isInteger(f.min) ? 'min' : 'max'], code: 'FORM_AMOUNT_FEN' });
  }
  return out;
}

/**
 * Every check of a form definition beyond the shape of each field: names unique, conditions on
 * existing earlier fields and without cycles, options where a choice needs them, table columns,
 * min ≤ max, prefill on a field of the right type. Paths are relative to the field list
 * (`[2, 'visibleWhen', 'field']`); the item's schema and the designer's check both call this.
 */
export function formDefinitionIssues(fields: CheckedField[]): DefinitionIssue[] {
  const out: DefinitionIssue[] = [];
  const at = (i: number, issues: DefinitionIssue[]) => issues.forEach((x) => out.push({ ...x, path: [i, ...x.path] }));
  dupes(fields.map((f) => f.name)).forEach((i) => out.push({ path: [i, 'name'], code: 'DUPLICATE' }));
  const index = new Map<string, number>();
  fields.forEach((f, i) => {
    if (!index.has(f.name)) index.set(f.name, i);
  });

  // Conditions: a cycle (a field depending, through others, on itself) is named on each field in
  // it; a reference to a later field without a cycle is still refused (fields are filled in order).
  const deps = (f: CheckedField) => [f.visibleWhen?.field, f.requiredWhen?.field].filter((x): x is string => x !== undefined);
  const inCycle = new Set<number>();
  const state = new Map<number, 'open' | 'done'>();
  const visit = (i: number, stack: number[]) => {
    if (state.get(i) === 'done') return;
    if (state.get(i) === 'open') {
      stack.slice(stack.indexOf(i)).forEach((j) => inCycle.add(j));
      return;
    }
    state.set(i, 'open');
    for (const d of deps(fields[i]!)) {
      const j = index.get(d);
      if (j !== undefined) visit(j, [...stack, i]);
    }
    state.set(i, 'done');
  };
  fields.forEach((_, i) => visit(i, []));

  fields.forEach((f, i) => {
    const issues = simpleIssues(f);
    for (const key of ['visibleWhen', 'requiredWhen'] as const) {
      const c: FieldCondition | undefined = f[key];
      if (!c) continue;
      const j = index.get(c.field);
      if (j === undefined) issues.push({ path: [key, 'field'], code: 'FORM_CONDITION_UNKNOWN', params: { field: c.field } });
      else if (inCycle.has(i) && j >= i) issues.push({ path: [key, 'field'], code: 'FORM_CONDITION_CYCLE', params: { field: c.field } });
      else if (j >= i) issues.push({ path: [key, 'field'], code: 'FORM_CONDITION_ORDER', params: { field: c.field } });
      else if (fields[j]!.type === 'table') issues.push({ path: [key, 'field'], code: 'FORM_CONDITION_TABLE', params: { field: c.field } });
    }
    if (f.type === 'checkboxes') {
      if (f.minCount !== undefined && f.maxCount !== undefined && f.minCount > f.maxCount) issues.push({ path: ['maxCount'], code: 'FORM_MIN_OVER_MAX' });
      if (f.options && f.minCount !== undefined && f.minCount > f.options.length) issues.push({ path: ['minCount'], code: 'OUT_OF_RANGE' });
    } else {
      if (f.minCount !== undefined) issues.push({ path: ['minCount'], code: 'FORM_PROPERTY_UNUSED' });
      if (f.maxCount !== undefined) issues.push({ path: ['maxCount'], code: 'FORM_PROPERTY_UNUSED' });
    }
    if (f.type === 'table') {
      if (!f.columns?.length) issues.push({ path: ['columns'], code: 'REQUIRED' });
      else {
        dupes(f.columns.map((c) => c.name)).forEach((k) => issues.push({ path: ['columns', k, 'name'], code: 'DUPLICATE' }));
        f.columns.forEach((c, k) => simpleIssues(c).forEach((x) => issues.push({ ...x, path: ['columns', k, ...x.path] })));
      }
      if (f.minRows !== undefined && f.maxRows !== undefined && f.minRows > f.maxRows) issues.push({ path: ['maxRows'], code: 'FORM_MIN_OVER_MAX' });
    } else {
      for (const key of ['columns', 'minRows', 'maxRows'] as const) if (f[key] !== undefined) issues.push({ path: [key], code: 'FORM_PROPERTY_UNUSED' });
    }
    if (f.prefill && prefillType[f.prefill] !== f.type) issues.push({ path: ['prefill'], code: 'FORM_PREFILL_TYPE', params: { type: prefillType[f.prefill] } });
    at(i, issues);
  });
  return out;
}
