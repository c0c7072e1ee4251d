import { z } from 'zod';
import { formFieldTypes, prefillSources, tableColumnTypes } from './types.js';
import { conditionSchema, formDefinitionSchema } from './schema.js';

const optionView = z.object({ value: z.string(), label: z.string() });

/** The properties a field and a table column share, in the reader's language. */
const simpleView = {
  name: z.string(),
  label: z.string(),
  required: z.boolean(),
  maxLength: z.number().int().optional(),
  pattern: z.string().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  options: z.array(optionView).optional(),
  help: z.string().optional(),
};

export const formFieldView = z.object({
  ...simpleView,
  type: z.enum(formFieldTypes),
  minCount: z.number().int().optional(),
  maxCount: z.number().int().optional(),
  columns: z.array(z.object({ ...simpleView, type: z.enum(tableColumnTypes) })).optional(),
  minRows: z.number().int().optional(),
  maxRows: z.number().int().optional(),
  visibleWhen: conditionSchema.optional(),
  requiredWhen: conditionSchema.optional(),
  prefill: z.enum(prefillSources).optional(),
});

/** A form definition as the portal renders it, in the reader's language. */
export const formView = z.object({ fields: z.array(formFieldView) });

/** The designer's check of a definition: the issues, each with its path in the field list. */
export const formCheckBody = formDefinitionSchema;
const issueView = z.object({ path: z.string(), code: z.string(), message: z.string() });
export const formCheckResult = z.object({ ok: z.boolean(), issues: z.array(issueView) });

/** Sample data tried against a definition: what the server would keep, and what it would refuse. */
export const formTryBody = z.object({
  definition: formDefinitionSchema,
  data: z.record(z.string(), z.unknown()),
  /** Stand-ins for the applicant's identity values (the designer has no applicant). */
  prefill: z.partialRecord(z.enum(prefillSources), z.string().max(200)).optional(),
});
export const formTryResult = z.object({
  ok: z.boolean(),
  /** Definition issues: sample data is tried only against a sound definition. */
  definitionIssues: z.array(issueView),
  value: z.record(z.string(), z.unknown()),
  issues: z.array(issueView),
});

/** One level of the GB/T 2260 divisions, for the address cascader. */
export const regionsQuery = z.object({ parent: z.string().regex(/^\d{6}$/).optional() });
export const regionList = z.object({
  source: z.string(),
  items: z.array(z.object({ code: z.string(), name: z.string(), leaf: z.boolean() })),
});

/** The signed-in applicant's own values for prefilled fields, identity numbers masked. */
export const prefillView = z.object({ values: z.partialRecord(z.enum(prefillSources), z.string()) });

export type FormFieldView = z.output<typeof formFieldView>;
export type FormDefinition = z.output<typeof formDefinitionSchema>;
export type FormDefinitionField = FormDefinition['fields'][number];
export type FormCheckResult = z.output<typeof formCheckResult>;
export type FormTryResult = z.output<typeof formTryResult>;
export type DivisionLevel = z.output<typeof regionList>;
export type PrefillView = z.output<typeof prefillView>;
export type { FieldCondition, PrefillSource } from './types.js';
