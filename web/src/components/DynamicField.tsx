import { Form, Input, InputNumber, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import type { FormField } from '../types';
import { useT } from '../i18n';
import type { MessageKey } from '../i18n';
// The very validators the server runs (pure functions): the browser gives the hint, the server decides.
import { checkCreditCode, checkIdNumber } from '../../../src/lib/identifiers';

/** One application-form field generated from item.form.fields. Values live under ['form', name]. */
export function DynamicField({ field }: { field: FormField }) {
  const t = useT();
  const rules: Rule[] = [];
  if (field.required) {
    rules.push({
      required: true,
      whitespace: field.type !== 'number',
      message: t(field.type === 'select' || field.type === 'date' ? 'apply.fieldSelect' : 'apply.fieldRequired', { label: field.label }),
    });
  }
  if (field.maxLength && (field.type === 'text' || field.type === 'textarea')) {
    rules.push({ max: field.maxLength, message: t('apply.fieldMax', { label: field.label, n: field.maxLength }) });
  }
  if (field.pattern && (field.type === 'text' || field.type === 'textarea')) {
    let re: RegExp | null = null;
    try {
      re = new RegExp(field.pattern);
    } catch {
      re = null;
    }
    if (re) rules.push({ pattern: re, message: t('apply.fieldPattern', { label: field.label }) });
  }
  if (field.type === 'idNumber' || field.type === 'creditCode') {
    const check = field.type === 'idNumber' ? checkIdNumber : checkCreditCode;
    rules.push({
      validateTrigger: 'onBlur',
      validator: (_r, value: unknown) => {
        if (typeof value !== 'string' || value.trim() === '') return Promise.resolve();
        const r = check(value);
        return r.ok ? Promise.resolve() : Promise.reject(new Error(t(`apply.id.${r.code}` as MessageKey, { label: field.label })));
      },
    });
  }
  if (field.type === 'number' && (field.min !== undefined || field.max !== undefined)) {
    rules.push({ type: 'number', min: field.min, max: field.max, message: t('apply.fieldRange', { label: field.label, min: field.min ?? '', max: field.max ?? '' }) });
  }
  const testId = `field-${field.name}`;
  let control;
  switch (field.type) {
    case 'textarea':
      control = <Input.TextArea data-testid={testId} autoSize={{ minRows: 3, maxRows: 8 }} maxLength={field.maxLength} showCount={!!field.maxLength} />;
      break;
    case 'date':
      // Native date input: mobile-friendly and value is already YYYY-MM-DD.
      control = <Input type="date" data-testid={testId} style={{ maxWidth: 240 }} />;
      break;
    case 'number':
      control = <InputNumber data-testid={testId} min={field.min} max={field.max} style={{ width: '100%', maxWidth: 240 }} />;
      break;
    case 'select':
      control = (
        <Select
          data-testid={testId}
          placeholder={t('apply.selectPlaceholder')}
          allowClear={!field.required}
          options={(field.options ?? []).map((o) => ({ value: o.value, label: o.label }))}
          optionRender={(o) => <span data-testid={`option-${field.name}-${String(o.value)}`}>{o.label}</span>}
          style={{ maxWidth: 360 }}
        />
      );
      break;
    case 'idNumber':
    case 'creditCode':
      control = <Input data-testid={testId} maxLength={18} autoComplete="off" spellCheck={false} style={{ maxWidth: 320, textTransform: 'uppercase' }} />;
      break;
    default:
      control = <Input data-testid={testId} maxLength={field.maxLength} />;
  }
  return (
    <Form.Item
      name={['form', field.name]}
      label={field.label}
      rules={rules}
      validateTrigger={['onChange', 'onBlur']}
      extra={field.help ?? (field.type === 'idNumber' ? t('apply.idNumberHint') : field.type === 'creditCode' ? t('apply.creditCodeHint') : undefined)}
      required={field.required}
    >
      {control}
    </Form.Item>
  );
}

/** Display value of a form field (select → option label). */
export function displayFieldValue(field: FormField | undefined, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field?.type === 'select') {
    const opt = field.options?.find((o) => o.value === value);
    if (opt) return opt.label;
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
