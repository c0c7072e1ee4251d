import { Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { DeleteOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import type { FormFieldView, PrefillSource } from '../../types';
import { useT, type MessageKey, type TFunction } from '../../i18n';
// The very validators the server runs (pure functions): the browser gives the hint, the server decides.
import { checkCreditCode, checkIdNumber } from '../../../../src/lib/identifiers';
import { RegionCascader } from './RegionCascader';
import { isRequired, visibleNames } from './values';

type Column = NonNullable<FormFieldView['columns']>[number];
type Simple = FormFieldView | Column;

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?[1-9]\d{6,7}(?:-\d{1,6})?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The browser's hints for one value: the server checks again and has the last word. */
function rules(f: Simple, required: boolean, t: TFunction): Rule[] {
  const out: Rule[] = [];
  const label = f.label;
  if (required) {
    const pick = ['select', 'radio', 'checkboxes', 'date', 'dateRange', 'address'].includes(f.type);
    // The rule's type matters: without one, async-validator takes the value for a string and refuses a number.
    const type = f.type === 'number' || f.type === 'amount' ? 'number' : f.type === 'checkboxes' || f.type === 'dateRange' ? 'array' : 'string';
    out.push({ required: true, type, whitespace: type === 'string', message: t(pick ? 'apply.fieldSelect' : 'apply.fieldRequired', { label }) });
  }
  if (f.maxLength && (f.type === 'text' || f.type === 'textarea')) out.push({ max: f.maxLength, message: t('apply.fieldMax', { label, n: f.maxLength }) });
  if (f.pattern && (f.type === 'text' || f.type === 'textarea')) {
    try {
      out.push({ pattern: new RegExp(`^(?:${f.pattern})$`), message: t('apply.fieldPattern', { label }) });
    } catch {
      /* the definition check refuses bad patterns */
    }
  }
  if (f.type === 'idNumber' || f.type === 'creditCode') {
    const check = f.type === 'idNumber' ? checkIdNumber : checkCreditCode;
    out.push({
      validateTrigger: 'onBlur',
      validator: (_r, value: unknown) => {
        if (typeof value !== 'string' || value.trim() === '') return Promise.resolve();
        const r = check(value);
        return r.ok ? Promise.resolve() : Promise.reject(new Error(t(`apply.id.${r.code}` as MessageKey, { label })));
      },
    });
  }
  if (f.type === 'phone') {
    out.push({
      validateTrigger: 'onBlur',
      validator: (_r, v: unknown) => (typeof v !== 'string' || !v.trim() || MOBILE.test(v.replace(/[\s()]/g, '')) || LANDLINE.test(v.replace(/[\s()]/g, '')) ? Promise.resolve() : Promise.reject(new Error(t('forms.badPhone', { label })))),
    });
  }
  if (f.type === 'email') out.push({ validateTrigger: 'onBlur', pattern: EMAIL, message: t('forms.badEmail', { label }) });
  if (f.type === 'number' && (f.min !== undefined || f.max !== undefined)) {
    out.push({ type: 'number', min: f.min, max: f.max, message: t('apply.fieldRange', { label, min: f.min ?? '', max: f.max ?? '' }) });
  }
  if (f.type === 'amount' && (f.min !== undefined || f.max !== undefined)) {
    const min = f.min !== undefined ? f.min / 100 : undefined;
    const max = f.max !== undefined ? f.max / 100 : undefined;
    out.push({ type: 'number', min, max, message: t('forms.amountRange', { label, min: min ?? 0, max: max ?? '' }) });
  }
  return out;
}

/** The control of a simple value (a field or a table cell). */
function control(f: Simple, testId: string, t: TFunction) {
  switch (f.type) {
    case 'textarea':
      return <Input.TextArea data-testid={testId} autoSize={{ minRows: 3, maxRows: 8 }} maxLength={f.maxLength} showCount={!!f.maxLength} />;
    case 'date':
      // Native date input: mobile-friendly and value is already YYYY-MM-DD.
      return <Input type="date" data-testid={testId} style={{ maxWidth: 240 }} />;
    case 'number':
      return <InputNumber data-testid={testId} min={f.min} max={f.max} style={{ width: '100%', maxWidth: 240 }} />;
    case 'amount':
      // Entered in yuan with 2 decimals; sent in fen.
      return <InputNumber data-testid={testId} prefix="¥" precision={2} step={0.01} min={f.min !== undefined ? f.min / 100 : 0} max={f.max !== undefined ? f.max / 100 : undefined} style={{ width: '100%', maxWidth: 240 }} />;
    case 'select':
      return (
        <Select
          data-testid={testId}
          placeholder={t('apply.selectPlaceholder')}
          allowClear={!f.required}
          options={(f.options ?? []).map((o) => ({ value: o.value, label: o.label }))}
          optionRender={(o) => <span data-testid={`option-${testId.replace(/^field-/, '')}-${String(o.value)}`}>{o.label}</span>}
          style={{ maxWidth: 360 }}
        />
      );
    case 'radio':
      return (
        <Radio.Group data-testid={testId}>
          {(f.options ?? []).map((o) => (
            <Radio key={o.value} value={o.value} data-testid={`${testId}-${o.value}`}>
              {o.label}
            </Radio>
          ))}
        </Radio.Group>
      );
    case 'idNumber':
    case 'creditCode':
      return <Input data-testid={testId} maxLength={18} autoComplete="off" spellCheck={false} style={{ maxWidth: 320, textTransform: 'uppercase' }} />;
    case 'phone':
      return <Input data-testid={testId} inputMode="tel" maxLength={20} style={{ maxWidth: 240 }} />;
    case 'email':
      return <Input data-testid={testId} type="email" maxLength={254} style={{ maxWidth: 360 }} />;
    default:
      return <Input data-testid={testId} maxLength={f.maxLength} />;
  }
}

const hint = (f: Simple, t: TFunction) => f.help ?? (f.type === 'idNumber' ? t('apply.idNumberHint') : f.type === 'creditCode' ? t('apply.creditCodeHint') : undefined);

/** A prefilled field: the identity record's value, read-only (masked where it is a number). */
function PrefilledField({ f, value }: { f: FormFieldView; value: string | undefined }) {
  const t = useT();
  return (
    <Form.Item label={f.label} required={f.required} extra={t('forms.prefilledHint')}>
      <Input data-testid={`field-${f.name}`} value={value ?? ''} placeholder={t('forms.prefilledPending')} readOnly prefix={<LockOutlined />} style={{ maxWidth: 360 }} />
    </Form.Item>
  );
}

function TableField({ f, prefix, required }: { f: FormFieldView; prefix: (string | number)[]; required: boolean }) {
  const t = useT();
  const columns = f.columns ?? [];
  const max = f.maxRows ?? 200;
  const min = f.minRows ?? (required ? 1 : 0);
  return (
    <Form.Item label={f.label} required={required} extra={f.help} data-testid={`field-${f.name}`}>
      <Form.List
        name={[...prefix, f.name]}
        rules={[
          {
            validator: async (_r, rows: unknown[] | undefined) => {
              const n = rows?.length ?? 0;
              if (n < min) throw new Error(n === 0 && required ? t('apply.fieldRequired', { label: f.label }) : t('forms.tooFewRows', { label: f.label, n: min }));
            },
          },
        ]}
      >
        {(rows, { add, remove }, { errors }) => (
          <>
            {rows.map((row, i) => (
              <Card
                key={row.key}
                size="small"
                className="yw-form-row"
                title={t('forms.row', { n: i + 1 })}
                extra={<Button type="text" danger size="small" icon={<DeleteOutlined />} onClick={() => remove(row.name)} data-testid={`remove-row-${f.name}-${i}`} aria-label={t('forms.removeRow')} />}
                style={{ marginBottom: 8 }}
                data-testid={`row-${f.name}-${i}`}
              >
                <Space wrap align="start" size={[12, 0]}>
                  {columns.map((c) => (
                    <Form.Item key={c.name} name={[row.name, c.name]} label={c.label} rules={rules(c, c.required, t)} required={c.required} style={{ minWidth: 180, marginBottom: 8 }}>
                      {control(c, `field-${f.name}-${i}-${c.name}`, t)}
                    </Form.Item>
                  ))}
                </Space>
              </Card>
            ))}
            {rows.length < max && (
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} data-testid={`add-row-${f.name}`}>
                {t('forms.addRow')}
              </Button>
            )}
            <Form.ErrorList errors={errors} />
          </>
        )}
      </Form.List>
    </Form.Item>
  );
}

function OneField({ f, prefix, required, prefill }: { f: FormFieldView; prefix: (string | number)[]; required: boolean; prefill?: Partial<Record<PrefillSource, string>> }) {
  const t = useT();
  const name = [...prefix, f.name];
  const testId = `field-${f.name}`;
  if (f.prefill) return <PrefilledField f={f} value={prefill?.[f.prefill]} />;
  switch (f.type) {
    case 'table':
      return <TableField f={f} prefix={prefix} required={required} />;
    case 'dateRange':
      return (
        <Form.Item name={name} label={f.label} rules={rules(f, required, t)} required={required} extra={f.help}>
          <DatePicker.RangePicker className={testId} placeholder={[t('forms.from'), t('forms.to')]} style={{ maxWidth: 360 }} />
        </Form.Item>
      );
    case 'address':
      return (
        <Form.Item label={f.label} required={required} extra={f.help} style={{ marginBottom: 0 }}>
          <Form.Item name={[...name, 'region']} rules={required ? [{ required: true, type: 'array', message: t('forms.regionRequired', { label: f.label }) }] : []} style={{ marginBottom: 8 }}>
            <RegionCascader testId={`${testId}-region`} />
          </Form.Item>
          <Form.Item name={[...name, 'detail']} rules={[...(required ? [{ required: true, whitespace: true, message: t('forms.detailRequired', { label: f.label }) }] : []), { max: f.maxLength ?? 120, message: t('apply.fieldMax', { label: f.label, n: f.maxLength ?? 120 }) }]}>
            <Input data-testid={`${testId}-detail`} placeholder={t('forms.detailPlaceholder')} maxLength={f.maxLength ?? 120} />
          </Form.Item>
        </Form.Item>
      );
    case 'checkboxes':
      return (
        <Form.Item
          name={name}
          label={f.label}
          required={required}
          extra={f.help ?? (f.maxCount ? t('forms.maxChoices', { n: f.maxCount }) : undefined)}
          rules={[
            ...rules(f, required, t),
            {
              validator: async (_r, v: string[] | undefined) => {
                const n = v?.length ?? 0;
                if (n && f.minCount !== undefined && n < f.minCount) throw new Error(t('forms.tooFewChoices', { label: f.label, n: f.minCount }));
                if (f.maxCount !== undefined && n > f.maxCount) throw new Error(t('forms.tooManyChoices', { label: f.label, n: f.maxCount }));
              },
            },
          ]}
        >
          <Checkbox.Group data-testid={testId} options={(f.options ?? []).map((o) => ({ value: o.value, label: <span data-testid={`${testId}-${o.value}`}>{o.label}</span> }))} />
        </Form.Item>
      );
    default:
      return (
        <Form.Item name={name} label={f.label} rules={rules(f, required, t)} validateTrigger={['onChange', 'onBlur']} extra={hint(f, t)} required={required}>
          {control(f, testId, t)}
        </Form.Item>
      );
  }
}

/**
 * The fields of a data-defined form, inside the caller's antd Form, values under `prefix`
 * (['form']). Conditions are evaluated live on the values typed so far: a hidden field is not
 * rendered (and not sent; see toSubmission).
 */
export function FormFields({ fields, prefix = ['form'], prefill }: { fields: FormFieldView[]; prefix?: (string | number)[]; prefill?: Partial<Record<PrefillSource, string>> }) {
  const t = useT();
  const store = Form.useWatch(prefix, { preserve: true }) as Record<string, unknown> | undefined;
  const shown = visibleNames(fields, store);
  if (!fields.length) return <Typography.Text type="secondary">{t('forms.noFields')}</Typography.Text>;
  return (
    <>
      {fields.map((f, i) =>
        // Keyed by position too: a designer's draft may repeat a name for a moment.
        shown.has(f.name) ? <OneField key={`${i}:${f.name}`} f={f} prefix={prefix} required={isRequired(f, store)} prefill={prefill} /> : null,
      )}
    </>
  );
}
