import { describe, expect, it } from 'vitest';
import { formDefinitionIssues, formDefinitionSchema } from './schema.js';

/** The checks of a form definition an admin writes: shape by the schema, the rest over the whole list. */
const t = (zh: string) => ({ zh, en: zh });
const text = (name: string, extra: object = {}) => ({ name, label: t(name), type: 'text', required: false, ...extra });
const issues = (fields: unknown[]) => {
  const parsed = formDefinitionSchema.parse({ fields });
  return formDefinitionIssues(parsed.fields).map((i) => `${i.path.join('.')}: ${i.code}`);
};

describe('form definition checks', () => {
  it('a sound definition with every kind of property has no issues', () => {
    expect(
      issues([
        { name: 'basis', label: t('依据'), type: 'radio', required: true, options: [{ value: 'job', label: t('就业') }] },
        text('employer', { visibleWhen: { field: 'basis', op: 'equals', value: 'job' }, requiredWhen: { field: 'basis', op: 'in', values: ['job'] } }),
        { name: 'me', label: t('姓名'), type: 'text', required: true, prefill: 'applicant.name' },
        { name: 'kids', label: t('子女'), type: 'table', required: false, minRows: 0, maxRows: 3, columns: [text('name'), { name: 'id', label: t('身份证号'), type: 'idNumber', required: true }] },
        { name: 'tick', label: t('勾选'), type: 'checkboxes', required: false, minCount: 1, maxCount: 2, options: [{ value: 'a', label: t('a') }, { value: 'b', label: t('b') }] },
        { name: 'fee', label: t('金额'), type: 'amount', required: false, min: 0, max: 100000 },
      ]),
    ).toEqual([]);
  });

  it('refuses a repeated name, in fields and in a table’s columns', () => {
    expect(issues([text('a'), text('b'), text('a')])).toEqual(['2.name: DUPLICATE']);
    expect(issues([{ name: 'k', label: t('k'), type: 'table', required: false, columns: [text('c'), text('c')] }])).toEqual(['0.columns.1.name: DUPLICATE']);
  });

  it('refuses a condition on a field that does not exist, on a later field, or on a table', () => {
    expect(issues([text('a', { visibleWhen: { field: 'nope', op: 'notEmpty' } })])).toEqual(['0.visibleWhen.field: FORM_CONDITION_UNKNOWN']);
    expect(issues([text('a', { requiredWhen: { field: 'b', op: 'notEmpty' } }), text('b')])).toEqual(['0.requiredWhen.field: FORM_CONDITION_ORDER']);
    expect(issues([{ name: 'k', label: t('k'), type: 'table', required: false, columns: [text('c')] }, text('a', { visibleWhen: { field: 'k', op: 'notEmpty' } })])).toEqual([
      '1.visibleWhen.field: FORM_CONDITION_TABLE',
    ]);
  });

  it('refuses conditions going round in a circle, and a field depending on itself', () => {
    expect(issues([text('a', { visibleWhen: { field: 'c', op: 'notEmpty' } }), text('b', { visibleWhen: { field: 'a', op: 'notEmpty' } }), text('c', { visibleWhen: { field: 'b', op: 'notEmpty' } })])).toEqual([
      '0.visibleWhen.field: FORM_CONDITION_CYCLE',
    ]);
    expect(issues([text('a', { visibleWhen: { field: 'a', op: 'equals', value: 'x' } })])).toEqual(['0.visibleWhen.field: FORM_CONDITION_CYCLE']);
  });

  it('refuses a choice without options, options on a non-choice, repeated option values', () => {
    expect(issues([{ name: 'k', label: t('k'), type: 'checkboxes', required: false }])).toEqual(['0.options: REQUIRED']);
    expect(issues([text('a', { options: [{ value: 'x', label: t('x') }] })])).toEqual(['0.options: FORM_PROPERTY_UNUSED']);
    expect(issues([{ name: 'k', label: t('k'), type: 'select', required: false, options: [{ value: 'x', label: t('x') }, { value: 'x', label: t('y') }] }])).toEqual(['0.options.1.value: DUPLICATE']);
  });

  it('refuses min over max (values, counts, rows), fractions of fen, and properties a type does not use', () => {
    expect(issues([{ name: 'n', label: t('n'), type: 'number', required: false, min: 5, max: 1 }])).toEqual(['0.max: FORM_MIN_OVER_MAX']);
    expect(issues([{ name: 'n', label: t('n'), type: 'amount', required: false, max: 10.5 }])).toEqual(['0.max: FORM_AMOUNT_FEN']);
    expect(issues([{ name: 'k', label: t('k'), type: 'checkboxes', required: false, minCount: 3, maxCount: 1, options: [{ value: 'x', label: t('x') }] }])).toEqual([
      '0.maxCount: FORM_MIN_OVER_MAX',
      '0.minCount: OUT_OF_RANGE',
    ]);
    expect(issues([{ name: 'k', label: t('k'), type: 'table', required: false, minRows: 4, maxRows: 2, columns: [text('c')] }])).toEqual(['0.maxRows: FORM_MIN_OVER_MAX']);
    expect(issues([text('a', { maxRows: 2, minCount: 1 })])).toEqual(['0.minCount: FORM_PROPERTY_UNUSED', '0.maxRows: FORM_PROPERTY_UNUSED']);
    expect(issues([{ name: 'k', label: t('k'), type: 'table', required: false }])).toEqual(['0.columns: REQUIRED']);
  });

  it('refuses a prefill source on a field of another type', () => {
    expect(issues([text('id', { prefill: 'applicant.idNumber' })])).toEqual(['0.prefill: FORM_PREFILL_TYPE']);
  });

  it('the schema refuses a table column of a type a cell cannot hold, and an unknown type', () => {
    const col = formDefinitionSchema.safeParse({ fields: [{ name: 'k', label: t('k'), type: 'table', required: false, columns: [{ name: 'sub', label: t('s'), type: 'table', required: false }] }] });
    expect(col.success ? [] : col.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual(['fields.0.columns.0.type: FORM_COLUMN_TYPE']);
    const file = formDefinitionSchema.safeParse({ fields: [{ name: 'f', label: t('f'), type: 'attachment', required: false }] });
    expect(file.success ? [] : file.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual(['fields.0.type: BAD_OPTION']);
  });
});
