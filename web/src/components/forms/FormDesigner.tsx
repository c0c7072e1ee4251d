import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Divider, Empty, Form, Input, InputNumber, List, Row, Select, Space, Switch, Tag, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, CheckCircleOutlined, DeleteOutlined, ExperimentOutlined, PlusOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { applyFieldErrors, errorMessage } from '../../hooks';
import { useI18n, type MessageKey } from '../../i18n';
import type { FieldCondition, FormCheckResult, FormDefinition, FormDefinitionField, FormFieldView, FormTryResult, PrefillSource } from '../../types';
// Stand-ins for the applicant's identity values in the designer's trial (valid numbers, nobody's).
import { completeCreditCode, completeIdNumber } from '../../../../src/lib/identifiers';
import { FormFields } from './FormFields';
import { errorName, toSubmission } from './values';

type Field = FormDefinitionField;
type Column = NonNullable<Field['columns']>[number];
type Option = NonNullable<Field['options']>[number];
type Local = Field['label'];

export const FIELD_TYPES = ['text', 'textarea', 'number', 'amount', 'date', 'dateRange', 'idNumber', 'creditCode', 'phone', 'email', 'address', 'select', 'radio', 'checkboxes', 'table'] as const satisfies readonly Field['type'][];
const COLUMN_TYPES = ['text', 'number', 'amount', 'date', 'idNumber', 'creditCode', 'phone', 'email', 'select', 'radio'] as const satisfies readonly Column['type'][];
const CHOICE = new Set<string>(['select', 'radio', 'checkboxes']);
const PREFILL: { source: PrefillSource; type: Field['type'] }[] = [
  { source: 'applicant.name', type: 'text' },
  { source: 'applicant.idNumber', type: 'idNumber' },
  { source: 'applicant.phone', type: 'phone' },
  { source: 'entity.name', type: 'text' },
  { source: 'entity.creditCode', type: 'creditCode' },
];

/** A definition as the portal would get it, in one language: what the preview renders. */
export function viewOf(def: FormDefinition, lang: string): FormFieldView[] {
  const l = (x: Local | undefined) => (x ? (lang === 'en' ? x.en : x.zh) : undefined);
  const opts = (o: Option[] | undefined) => o?.map((x) => ({ value: x.value, label: l(x.label)! }));
  return def.fields.map((f) => ({
    ...f,
    label: l(f.label)!,
    help: l(f.help),
    options: opts(f.options),
    columns: f.columns?.map((c) => ({ ...c, label: l(c.label)!, help: l(c.help), options: opts(c.options) })),
  }));
}

/** Keeps what the new type uses, and gives it what it needs (an option, a column). */
function retype(f: Field, type: Field['type'], t: (k: MessageKey) => string): Field {
  const { name, label, required, help, visibleWhen, requiredWhen } = f;
  const next: Field = { name, label, type, required, ...(help ? { help } : {}), ...(visibleWhen ? { visibleWhen } : {}), ...(requiredWhen ? { requiredWhen } : {}) };
  if (CHOICE.has(type)) next.options = f.options?.length ? f.options : [{ value: 'a', label: { zh: t('forms.d.newOption'), en: 'Option' } }];
  if (type === 'table') next.columns = f.columns?.length ? f.columns : [{ name: 'name', label: { zh: '姓名', en: 'Name' }, type: 'text', required: true }];
  if ((type === 'text' || type === 'textarea') && f.maxLength) next.maxLength = f.maxLength;
  if (f.prefill && PREFILL.find((p) => p.source === f.prefill)?.type === type) next.prefill = f.prefill;
  return next;
}

const unset = <T extends object, K extends keyof T>(o: T, k: K, v: T[K] | undefined | null | ''): T => {
  const n = { ...o };
  if (v === undefined || v === null || v === '') delete n[k];
  else n[k] = v;
  return n;
};

function LocalInput({ value, onChange, testId, optional }: { value: Local | undefined; onChange: (v: Local | undefined) => void; testId: string; optional?: boolean }) {
  const set = (k: 'zh' | 'en', s: string) => {
    const next = { zh: value?.zh ?? '', en: value?.en ?? '', [k]: s };
    onChange(optional && !next.zh && !next.en ? undefined : next);
  };
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input addonBefore="中" value={value?.zh} onChange={(e) => set('zh', e.target.value)} data-testid={`${testId}-zh`} />
      <Input addonBefore="EN" value={value?.en} onChange={(e) => set('en', e.target.value)} data-testid={`${testId}-en`} />
    </Space.Compact>
  );
}

function OptionsEditor({ value, onChange, testId }: { value: Option[] | undefined; onChange: (o: Option[]) => void; testId: string }) {
  const { t } = useI18n();
  const opts = value ?? [];
  const set = (i: number, o: Option) => onChange(opts.map((x, j) => (j === i ? o : x)));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {opts.map((o, i) => (
        <Space.Compact key={i} style={{ width: '100%' }}>
          <Input style={{ width: '28%' }} placeholder={t('forms.d.optionValue')} value={o.value} onChange={(e) => set(i, { ...o, value: e.target.value })} data-testid={`${testId}-${i}-value`} />
          <Input style={{ width: '32%' }} placeholder="中文" value={o.label.zh} onChange={(e) => set(i, { ...o, label: { ...o.label, zh: e.target.value } })} data-testid={`${testId}-${i}-zh`} />
          <Input style={{ width: '32%' }} placeholder="English" value={o.label.en} onChange={(e) => set(i, { ...o, label: { ...o.label, en: e.target.value } })} />
          <Button icon={<DeleteOutlined />} onClick={() => onChange(opts.filter((_, j) => j !== i))} aria-label={t('forms.d.remove')} />
        </Space.Compact>
      ))}
      <Button size="small" icon={<PlusOutlined />} onClick={() => onChange([...opts, { value: `o${opts.length + 1}`, label: { zh: t('forms.d.newOption'), en: 'Option' } }])} data-testid={`${testId}-add`}>
        {t('forms.d.addOption')}
      </Button>
    </Space>
  );
}

function ConditionEditor({ value, onChange, earlier, testId }: { value: FieldCondition | undefined; onChange: (c: FieldCondition | undefined) => void; earlier: Field[]; testId: string }) {
  const { t, lang } = useI18n();
  const ref = earlier.find((f) => f.name === value?.field);
  const choices = ref?.options?.map((o) => ({ value: o.value, label: lang === 'en' ? o.label.en : o.label.zh }));
  return (
    <Space wrap>
      <Select
        style={{ minWidth: 160 }}
        allowClear
        placeholder={t('forms.d.conditionNone')}
        value={value?.field}
        onChange={(field?: string) => onChange(field ? { field, op: 'notEmpty' } : undefined)}
        options={earlier.filter((f) => f.type !== 'table').map((f) => ({ value: f.name, label: `${lang === 'en' ? f.label.en : f.label.zh} (${f.name})` }))}
        data-testid={`${testId}-field`}
      />
      {value && (
        <Select
          style={{ minWidth: 120 }}
          value={value.op}
          onChange={(op: FieldCondition['op']) => onChange(op === 'notEmpty' ? { field: value.field, op } : op === 'in' ? { field: value.field, op, values: [] } : { field: value.field, op, value: '' })}
          options={(['equals', 'in', 'notEmpty'] as const).map((op) => ({ value: op, label: t(`forms.d.op.${op}`) }))}
          data-testid={`${testId}-op`}
        />
      )}
      {value?.op === 'equals' &&
        (choices ? (
          <Select style={{ minWidth: 140 }} value={value.value as string} onChange={(v: string) => onChange({ ...value, value: v })} options={choices} data-testid={`${testId}-value`} />
        ) : (
          <Input style={{ width: 140 }} value={String(value.value)} onChange={(e) => onChange({ ...value, value: e.target.value })} data-testid={`${testId}-value`} />
        ))}
      {value?.op === 'in' && (
        <Select mode={choices ? 'multiple' : 'tags'} style={{ minWidth: 200 }} value={value.values as string[]} onChange={(v: string[]) => onChange({ ...value, values: v })} options={choices} data-testid={`${testId}-values`} />
      )}
    </Space>
  );
}

const Prop = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <div style={{ marginBottom: 12 }}>
    <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 4, fontSize: 13 }}>
      {label}
    </Typography.Text>
    {children}
  </div>
);

function Limits({ f, onChange, yuan }: { f: Field | Column; onChange: (f: Field | Column) => void; yuan?: boolean }) {
  const { t } = useI18n();
  const k = yuan ? 100 : 1;
  return (
    <Space>
      <InputNumber addonBefore={t('forms.d.min')} value={f.min !== undefined ? f.min / k : undefined} onChange={(v) => onChange(unset(f, 'min', v === null ? undefined : Math.round(Number(v) * k)))} precision={yuan ? 2 : undefined} />
      <InputNumber addonBefore={t('forms.d.max')} value={f.max !== undefined ? f.max / k : undefined} onChange={(v) => onChange(unset(f, 'max', v === null ? undefined : Math.round(Number(v) * k)))} precision={yuan ? 2 : undefined} />
    </Space>
  );
}

function ColumnsEditor({ value, onChange }: { value: Column[]; onChange: (c: Column[]) => void }) {
  const { t } = useI18n();
  const set = (i: number, c: Column) => onChange(value.map((x, j) => (j === i ? c : x)));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {value.map((c, i) => (
        <Card key={i} size="small" title={`${t('forms.d.column')} ${i + 1}`} extra={<Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => onChange(value.filter((_, j) => j !== i))} aria-label={t('forms.d.remove')} />}>
          <Space wrap>
            <Input style={{ width: 140 }} addonBefore={t('forms.d.name')} value={c.name} onChange={(e) => set(i, { ...c, name: e.target.value })} data-testid={`designer-column-${i}-name`} />
            <Select<Column['type']>
              style={{ width: 150 }}
              value={c.type}
              onChange={(type) => set(i, { name: c.name, label: c.label, required: c.required, type, ...(CHOICE.has(type) ? { options: c.options?.length ? c.options : [{ value: 'a', label: { zh: t('forms.d.newOption'), en: 'Option' } }] } : {}) })}
              options={COLUMN_TYPES.map((ty) => ({ value: ty, label: t(`forms.type.${ty}`) }))}
            />
            <Switch checked={c.required} onChange={(v) => set(i, { ...c, required: v })} checkedChildren={t('forms.d.required')} unCheckedChildren={t('forms.d.optional')} />
          </Space>
          <div style={{ marginTop: 8 }}>
            <LocalInput value={c.label} onChange={(l) => set(i, { ...c, label: l ?? { zh: '', en: '' } })} testId={`designer-column-${i}-label`} />
          </div>
          {(c.type === 'number' || c.type === 'amount') && (
            <div style={{ marginTop: 8 }}>
              <Limits f={c} onChange={(n) => set(i, n as Column)} yuan={c.type === 'amount'} />
            </div>
          )}
          {CHOICE.has(c.type) && (
            <div style={{ marginTop: 8 }}>
              <OptionsEditor value={c.options} onChange={(o) => set(i, { ...c, options: o })} testId={`designer-column-${i}-option`} />
            </div>
          )}
        </Card>
      ))}
      <Button size="small" icon={<PlusOutlined />} onClick={() => onChange([...value, { name: `col${value.length + 1}`, label: { zh: t('forms.d.newColumn'), en: 'Column' }, type: 'text', required: false }])} data-testid="designer-add-column">
        {t('forms.d.addColumn')}
      </Button>
    </Space>
  );
}

function FieldEditor({ f, earlier, onChange }: { f: Field; earlier: Field[]; onChange: (f: Field) => void }) {
  const { t } = useI18n();
  return (
    <div data-testid="designer-properties">
      <Prop label={t('forms.d.name')}>
        <Input value={f.name} onChange={(e) => onChange({ ...f, name: e.target.value })} data-testid="designer-prop-name" />
      </Prop>
      <Prop label={t('forms.d.label')}>
        <LocalInput value={f.label} onChange={(l) => onChange({ ...f, label: l ?? { zh: '', en: '' } })} testId="designer-prop-label" />
      </Prop>
      <Space size="large" wrap>
        <Prop label={t('forms.d.type')}>
          <Select<Field['type']> style={{ width: 180 }} value={f.type} onChange={(type) => onChange(retype(f, type, t))} options={FIELD_TYPES.map((ty) => ({ value: ty, label: t(`forms.type.${ty}`) }))} data-testid="designer-prop-type" />
        </Prop>
        <Prop label={t('forms.d.required')}>
          <Switch checked={f.required} onChange={(v) => onChange({ ...f, required: v })} data-testid="designer-prop-required" />
        </Prop>
      </Space>
      <Prop label={t('forms.d.help')}>
        <LocalInput optional value={f.help} onChange={(h) => onChange(unset(f, 'help', h))} testId="designer-prop-help" />
      </Prop>
      {(f.type === 'text' || f.type === 'textarea') && (
        <Space wrap>
          <Prop label={t('forms.d.maxLength')}>
            <InputNumber min={1} max={10000} value={f.maxLength} onChange={(v) => onChange(unset(f, 'maxLength', v))} />
          </Prop>
          <Prop label={t('forms.d.pattern')}>
            <Input style={{ width: 220 }} value={f.pattern} onChange={(e) => onChange(unset(f, 'pattern', e.target.value))} placeholder="[0-9]{6}" />
          </Prop>
        </Space>
      )}
      {(f.type === 'number' || f.type === 'amount') && (
        <Prop label={f.type === 'amount' ? t('forms.d.limitsYuan') : t('forms.d.limits')}>
          <Limits f={f} onChange={(n) => onChange(n as Field)} yuan={f.type === 'amount'} />
        </Prop>
      )}
      {CHOICE.has(f.type) && (
        <Prop label={t('forms.d.options')}>
          <OptionsEditor value={f.options} onChange={(o) => onChange({ ...f, options: o })} testId="designer-option" />
        </Prop>
      )}
      {f.type === 'checkboxes' && (
        <Prop label={t('forms.d.counts')}>
          <Space>
            <InputNumber addonBefore={t('forms.d.min')} min={0} value={f.minCount} onChange={(v) => onChange(unset(f, 'minCount', v))} />
            <InputNumber addonBefore={t('forms.d.max')} min={0} value={f.maxCount} onChange={(v) => onChange(unset(f, 'maxCount', v))} />
          </Space>
        </Prop>
      )}
      {f.type === 'table' && (
        <>
          <Prop label={t('forms.d.rows')}>
            <Space>
              <InputNumber addonBefore={t('forms.d.min')} min={0} value={f.minRows} onChange={(v) => onChange(unset(f, 'minRows', v))} />
              <InputNumber addonBefore={t('forms.d.max')} min={0} value={f.maxRows} onChange={(v) => onChange(unset(f, 'maxRows', v))} />
            </Space>
          </Prop>
          <Prop label={t('forms.d.columns')}>
            <ColumnsEditor value={f.columns ?? []} onChange={(c) => onChange({ ...f, columns: c })} />
          </Prop>
        </>
      )}
      <Divider style={{ margin: '12px 0' }} />
      <Prop label={t('forms.d.visibleWhen')}>
        <ConditionEditor value={f.visibleWhen} onChange={(c) => onChange(unset(f, 'visibleWhen', c))} earlier={earlier} testId="designer-visible" />
      </Prop>
      <Prop label={t('forms.d.requiredWhen')}>
        <ConditionEditor value={f.requiredWhen} onChange={(c) => onChange(unset(f, 'requiredWhen', c))} earlier={earlier} testId="designer-required" />
      </Prop>
      <Prop label={t('forms.d.prefill')}>
        <Select<PrefillSource>
          allowClear
          style={{ width: 260 }}
          placeholder={t('forms.d.prefillNone')}
          value={f.prefill}
          onChange={(p) => onChange(unset(f, 'prefill', p))}
          options={PREFILL.filter((p) => p.type === f.type).map((p) => ({ value: p.source, label: t(`forms.prefill.${p.source}`) }))}
          data-testid="designer-prop-prefill"
        />
      </Prop>
    </div>
  );
}

type Issue = { path: string; message: string };

/**
 * The form designer: the field list (add, remove, reorder), the selected field's properties,
 * conditions and prefill, and a live preview drawn by the portal's own renderer. The server checks
 * the definition (POST /api/catalog/forms/check) and tries the preview's values against it
 * (POST /api/catalog/forms/try). The caller owns the definition (`value` / `onChange`).
 */
export function FormDesigner({ value, onChange }: { value: FormDefinition; onChange: (d: FormDefinition) => void }) {
  const { t, lang } = useI18n();
  const [selected, setSelected] = useState(0);
  const [addType, setAddType] = useState<Field['type']>('text');
  const [issues, setIssues] = useState<Issue[] | null>(null);
  const [tried, setTried] = useState<FormTryResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [preview] = Form.useForm();
  const fields = value.fields;
  const view = useMemo(() => viewOf(value, lang), [value, lang]);
  const current = fields[selected];

  const change = (next: Field[]) => {
    setIssues(null);
    setTried(null);
    onChange({ ...value, fields: next });
  };
  const add = () => {
    let n = fields.length + 1;
    while (fields.some((f) => f.name === `field${n}`)) n++;
    const base: Field = { name: `field${n}`, label: { zh: t('forms.d.newField'), en: 'New field' }, type: 'text', required: false };
    change([...fields, retype(base, addType, t)]);
    setSelected(fields.length);
  };
  const move = (i: number, d: -1 | 1) => {
    const j = i + d;
    if (j < 0 || j >= fields.length) return;
    const next = [...fields];
    [next[i], next[j]] = [next[j]!, next[i]!];
    change(next);
    setSelected(j);
  };
  const remove = (i: number) => {
    change(fields.filter((_, k) => k !== i));
    setSelected(Math.max(0, Math.min(selected, fields.length - 2)));
  };

  const fail = (e: unknown) => {
    // A malformed definition is a 400 whose errors name the field path, as any input's are.
    const p = (e as { problem?: { errors?: { path: string; message: string }[] } }).problem;
    if (p?.errors?.length) setIssues(p.errors.map((x) => ({ path: String(x.path), message: x.message })));
    else setError(errorMessage(e, t));
  };
  const check = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<FormCheckResult>('/api/catalog/forms/check', value);
      setIssues(r.issues);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };
  const tryData = async () => {
    setBusy(true);
    setError(null);
    try {
      const data = toSubmission(view, preview.getFieldValue('form'));
      const sample = { 'applicant.name': '张三', 'applicant.idNumber': completeIdNumber('62010219900307123'), 'applicant.phone': '13800000001', 'entity.name': '兰州一网通科技有限公司', 'entity.creditCode': completeCreditCode('91620102', 'MA7ABC12') };
      const r = await api.post<FormTryResult>('/api/catalog/forms/try', { definition: value, data, prefill: sample });
      setTried(r);
      setIssues(r.definitionIssues);
      preview.setFields(view.flatMap((f) => [{ name: ['form', f.name], errors: [] }]));
      for (const i of r.issues) {
        const name = errorName(view, i.path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s)));
        if (name) preview.setFields([{ name: name as never, errors: [i.message] }]);
      }
    } catch (e) {
      fail(e);
      applyFieldErrors(preview, e, () => null);
    } finally {
      setBusy(false);
    }
  };

  const issueField = (path: string) => Number(path.split('.')[1]);

  return (
    <Row gutter={[16, 16]} data-testid="form-designer">
      <Col xs={24} lg={7}>
        <Card size="small" title={t('forms.d.fields')} className="yw-guide-card">
          {fields.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('forms.noFields')} />
          ) : (
            <List
              size="small"
              dataSource={fields}
              renderItem={(f, i) => (
                <List.Item
                  onClick={() => setSelected(i)}
                  style={{ cursor: 'pointer', background: i === selected ? '#e6f4ff' : undefined, paddingInline: 8 }}
                  data-testid={`designer-field-${i}`}
                  actions={[
                    <Button key="up" size="small" type="text" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={(e) => (e.stopPropagation(), move(i, -1))} aria-label={t('forms.d.up')} data-testid={`designer-up-${i}`} />,
                    <Button key="down" size="small" type="text" icon={<ArrowDownOutlined />} disabled={i === fields.length - 1} onClick={(e) => (e.stopPropagation(), move(i, 1))} aria-label={t('forms.d.down')} />,
                    <Button key="del" size="small" type="text" danger icon={<DeleteOutlined />} onClick={(e) => (e.stopPropagation(), remove(i))} aria-label={t('forms.d.remove')} data-testid={`designer-remove-${i}`} />,
                  ]}
                >
                  <List.Item.Meta
                    title={
                      <span>
                        {lang === 'en' ? f.label.en : f.label.zh}
                        {f.required && <Typography.Text type="danger"> *</Typography.Text>}
                      </span>
                    }
                    description={
                      <Space size={4} wrap>
                        <Tag>{t(`forms.type.${f.type}`)}</Tag>
                        {f.visibleWhen && <Tag color="blue">{t('forms.d.conditional')}</Tag>}
                        {f.prefill && <Tag color="green">{t('forms.d.prefilled')}</Tag>}
                      </Space>
                    }
                  />
                </List.Item>
              )}
            />
          )}
          <Space.Compact style={{ width: '100%', marginTop: 12 }}>
            <Select<Field['type']> style={{ width: '60%' }} value={addType} onChange={setAddType} options={FIELD_TYPES.map((ty) => ({ value: ty, label: t(`forms.type.${ty}`) }))} data-testid="designer-add-type" />
            <Button type="primary" icon={<PlusOutlined />} onClick={add} data-testid="designer-add">
              {t('forms.d.add')}
            </Button>
          </Space.Compact>
        </Card>
      </Col>
      <Col xs={24} lg={9}>
        <Card size="small" title={t('forms.d.properties')} className="yw-guide-card">
          {current ? (
            <FieldEditor key={selected} f={current} earlier={fields.slice(0, selected)} onChange={(f) => change(fields.map((x, i) => (i === selected ? f : x)))} />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('forms.d.selectField')} />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={8}>
        <Card size="small" title={t('forms.d.preview')} className="yw-guide-card">
          <Space wrap style={{ marginBottom: 12 }}>
            <Button icon={<CheckCircleOutlined />} loading={busy} onClick={() => void check()} data-testid="designer-check">
              {t('forms.d.check')}
            </Button>
            <Button icon={<ExperimentOutlined />} loading={busy} onClick={() => void tryData()} data-testid="designer-try">
              {t('forms.d.try')}
            </Button>
          </Space>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          {issues && (
            <Alert
              style={{ marginBottom: 12 }}
              type={issues.length ? 'warning' : 'success'}
              showIcon
              data-testid="designer-issues"
              title={issues.length ? t('forms.d.issues', { n: issues.length }) : t('forms.d.sound')}
              description={
                issues.length ? (
                  <ul style={{ paddingInlineStart: 18, margin: 0 }}>
                    {issues.map((i, k) => (
                      <li key={k}>
                        <a onClick={() => Number.isInteger(issueField(i.path)) && setSelected(issueField(i.path))}>{fields[issueField(i.path)]?.name ?? i.path}</a>
                        {' · '}
                        {i.message}
                      </li>
                    ))}
                  </ul>
                ) : undefined
              }
            />
          )}
          {tried && tried.definitionIssues.length === 0 && (
            <Alert style={{ marginBottom: 12 }} type={tried.ok ? 'success' : 'info'} showIcon data-testid="designer-try-result" title={tried.ok ? t('forms.d.tryOk') : t('forms.d.tryIssues', { n: tried.issues.length })} />
          )}
          <Form form={preview} layout="vertical" data-testid="designer-preview">
            <FormFields fields={view} />
          </Form>
        </Card>
      </Col>
    </Row>
  );
}
