import type { CSSProperties, ReactNode } from 'react';
import { Alert, Button, Card, Col, Form, Input, Row, Select, Typography, type FormInstance } from 'antd';
import type { FormListFieldData, Rule } from 'antd/es/form';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { ApiError } from '../../../api';
import { useI18n, type MessageKey, type TFunction } from '../../../i18n';
import { pathLabel, YuanInput } from './shared';

/**
 * The pieces both catalogue editors (a basic item's baseline, a draft's local settings) build on:
 * a text in both languages as one field, its rule, code selects labelled from the guide's labels,
 * lists of cards, the fees, and the server's field problems landing on their fields.
 */

export type LT = { zh: string; en: string };
type Name = (string | number)[];

const blank = (s: string | undefined | null) => !s || !s.trim();

/** A guide text in both languages as one form value `{ zh, en }`: Chinese and English side by side. */
export function LocalTextInput({ value, onChange, area, testId, id }: { value?: LT | null; onChange?: (v: LT) => void; area?: boolean; testId?: string; id?: string }) {
  const { t } = useI18n();
  const v = value ?? { zh: '', en: '' };
  const input = (l: 'zh' | 'en') => {
    const props = {
      value: v[l] ?? '',
      onChange: (e: { target: { value: string } }) => onChange?.({ ...v, [l]: e.target.value }),
      placeholder: t(`ca.path.${l}`),
      'data-testid': testId ? `${testId}-${l}` : undefined,
      id: l === 'zh' ? id : undefined,
      'aria-label': t(`ca.path.${l}`),
    };
    return area ? <Input.TextArea autoSize={{ minRows: 1, maxRows: 8 }} {...props} /> : <Input {...props} />;
  };
  return (
    <Row gutter={[8, 8]}>
      <Col xs={24} md={12}>
        {input('zh')}
      </Col>
      <Col xs={24} md={12}>
        {input('en')}
      </Col>
    </Row>
  );
}

/** Both languages or (for an optional element) neither. */
export function textRule(t: TFunction, required: boolean): Rule {
  return {
    validator: async (_, v?: LT | null) => {
      const zh = !blank(v?.zh);
      const en = !blank(v?.en);
      if (zh && en) return;
      if (!zh && !en) {
        if (required) throw new Error(t('ca.required'));
        return;
      }
      throw new Error(t(zh ? 'ca.edit.needEn' : 'ca.edit.needZh'));
    },
  };
}

/**
 * A bilingual element as a form item. `marked`: shown as required, but left to the consistency
 * checker (a draft may be saved without it; the checker's message says why it is needed).
 */
export function TextItem({ name, label, required = false, marked = false, area = false, testId, extra }: { name: Name; label: ReactNode; required?: boolean; marked?: boolean; area?: boolean; testId?: string; extra?: ReactNode }) {
  const { t } = useI18n();
  return (
    <Form.Item name={name} label={label} required={required || marked} rules={[textRule(t, required)]} extra={extra}>
      <LocalTextInput area={area} testId={testId} />
    </Form.Item>
  );
}

/** Options of a coded element, labelled from the guide's labels (`limitUnit.working_days` …). */
export function codeOptions(t: TFunction, prefix: string, codes: readonly string[]) {
  return codes.map((c) => ({ value: c, label: t(`${prefix}.${c}` as MessageKey) }));
}

/** A Select of a coded element; optional ones can be cleared (the element is then absent). */
export function CodeSelect({ prefix, codes, optional = true, testId, style, ...rest }: { prefix: string; codes: readonly string[]; optional?: boolean; testId?: string; value?: string; onChange?: (v: string | undefined) => void; id?: string; style?: CSSProperties }) {
  const { t } = useI18n();
  return <Select {...rest} style={{ minWidth: 140, ...style }} allowClear={optional} placeholder={t('ca.edit.pick')} options={codeOptions(t, prefix, codes)} data-testid={testId} />;
}

/** A URL element (an https address or a site path, see docs/catalogue.md); `marked` as for `TextItem`. */
export function UrlItem({ name, label, testId, extra, marked = false }: { name: Name; label: ReactNode; testId?: string; extra?: ReactNode; marked?: boolean }) {
  const { t } = useI18n();
  return (
    <Form.Item name={name} label={label} required={marked} extra={extra ?? t('ca.edit.urlHelp')} normalize={(v: string) => (v === '' ? undefined : v)}>
      <Input placeholder="https://" data-testid={testId} />
    </Form.Item>
  );
}

/** The heading of a group of elements within a section. */
export function GroupTitle({ children }: { children: ReactNode }) {
  return (
    <Typography.Title level={5} style={{ marginTop: 4, marginBottom: 12 }}>
      {children}
    </Typography.Title>
  );
}

/** A list of cards (fees, waivers, procedures, questions…), each removable, with an add button. */
export function CardList({
  name,
  addLabel,
  empty,
  make,
  testId,
  children,
}: {
  name: Name;
  addLabel: string;
  empty?: string;
  make: () => unknown;
  testId?: string;
  children: (f: FormListFieldData) => ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <>
          {fields.length === 0 && empty && <Typography.Paragraph type="secondary">{empty}</Typography.Paragraph>}
          {fields.map((f, i) => (
            <Card
              key={f.key}
              size="small"
              title={`#${i + 1}`}
              style={{ marginBottom: 12 }}
              data-testid={testId ? `${testId}-${i}` : undefined}
              extra={<Button type="text" danger icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={t('ca.remove')} />}
            >
              {children(f)}
            </Card>
          ))}
          <Button icon={<PlusOutlined />} onClick={() => add(make())} data-testid={testId ? `${testId}-add` : undefined} style={{ marginBottom: 16 }}>
            {addLabel}
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** Texts in both languages, one a row (conditions, process steps). */
export function TextList({ name, label, min, testId }: { name: Name; label: string; min: number; testId?: string }) {
  const { t } = useI18n();
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <Form.Item label={label} required={min > 0}>
          {fields.map((f, i) => (
            <Row key={f.key} gutter={8} wrap={false}>
              <Col flex="auto">
                <Form.Item name={f.name} rules={[textRule(t, true)]} style={{ marginBottom: 8 }}>
                  <LocalTextInput area testId={testId ? `${testId}-${i}` : undefined} />
                </Form.Item>
              </Col>
              <Col flex="32px">{fields.length > min && <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={t('ca.remove')} />}</Col>
            </Row>
          ))}
          <Button size="small" icon={<PlusOutlined />} onClick={() => add({ zh: '', en: '' })}>
            {t('ca.add')}
          </Button>
        </Form.Item>
      )}
    </Form.List>
  );
}

/** 收费: each fee's name, amount (yuan over fen) and basis (required by the checker when it costs something). */
export function FeesList({ name, testId = 'fee' }: { name: Name; testId?: string }) {
  const { t } = useI18n();
  return (
    <CardList name={name} addLabel={t('ca.fee.add')} empty={t('ca.edit.noFees')} testId={testId} make={() => ({ name: { zh: '', en: '' }, amountFen: 0 })}>
      {(f) => (
        <>
          <Row gutter={16}>
            <Col xs={24} md={17}>
              <TextItem name={[f.name, 'name']} label={t('ca.fee.name')} required testId={`${testId}-${f.name}-name`} />
            </Col>
            <Col xs={24} md={7}>
              <Form.Item name={[f.name, 'amountFen']} label={t('ca.fee.amount')} rules={[{ required: true, message: t('ca.required') }]}>
                <YuanInput data-testid={`${testId}-${f.name}-amount`} />
              </Form.Item>
            </Col>
          </Row>
          <TextItem name={[f.name, 'basis']} label={t('ca.fee.basis')} area testId={`${testId}-${f.name}-basis`} />
        </>
      )}
    </CardList>
  );
}

/** 收费减免: who pays less or nothing, and on what basis. */
export function WaiversList({ name, testId = 'waiver' }: { name: Name; testId?: string }) {
  const { t } = useI18n();
  return (
    <CardList name={name} addLabel={t('ca.waiver.add')} empty={t('ca.waiver.none')} testId={testId} make={() => ({ description: { zh: '', en: '' } })}>
      {(f) => (
        <>
          <TextItem name={[f.name, 'description']} label={t('ca.waiver.description')} required area testId={`${testId}-${f.name}-description`} />
          <TextItem name={[f.name, 'basis']} label={t('guide.waiverBasis')} area />
        </>
      )}
    </CardList>
  );
}

// ——— cleaning a form's values into the stored shape ———

const isText = (v: unknown): v is LT => typeof v === 'object' && v !== null && !Array.isArray(v) && 'zh' in v && 'en' in v;
/** An optional text: absent when both languages are empty. */
export const optText = (v: LT | null | undefined): LT | undefined => (v && (!blank(v.zh) || !blank(v.en)) ? v : undefined);
/** An optional string (URLs, codes): absent when empty. */
export const optString = (v: string | null | undefined): string | undefined => (v && v.trim() ? v.trim() : undefined);
const optList = <T,>(v: T[] | null | undefined): T[] | undefined => (v && v.length ? v : undefined);

/** The guide elements that are optional texts, optional URLs (an empty input means absent). */
const OPTIONAL_TEXTS = ['powerSourceNote', 'implementingBody', 'legalLimitNote', 'promisedLimitNote', 'visitReason', 'consultAddress', 'complaintAddress'] as const;
const OPTIONAL_URLS = ['onlineUrl', 'resultSampleUrl', 'consultUrl', 'complaintUrl'] as const;

type AnyGuide = Record<string, unknown>;

/** One guide element as stored: empty optional texts, URLs and lists are absent, and so are the empty parts of list entries. */
export function cleanGuideValue(key: string, v: unknown): unknown {
  if ((OPTIONAL_TEXTS as readonly string[]).includes(key)) return optText(v as LT | undefined);
  if ((OPTIONAL_URLS as readonly string[]).includes(key)) return optString(v as string | undefined);
  if (v === null) return undefined;
  switch (key) {
    case 'fees':
      return ((v as { name: LT; amountFen: number; basis?: LT }[]) ?? []).map((f) => ({ name: f.name, amountFen: f.amountFen, basis: optText(f.basis) }));
    case 'feeWaivers':
      return optList(((v as { description: LT; basis?: LT }[]) ?? []).map((w) => ({ description: w.description, basis: optText(w.basis) })));
    case 'legalBasis':
      return ((v as { name: LT; article?: LT; text?: LT }[]) ?? []).map((b) => ({ name: b.name, article: optText(b.article), text: optText(b.text) }));
    case 'intermediaryServices':
      return optList(((v as { name: LT; required?: boolean; basis?: LT }[]) ?? []).map((s) => ({ name: s.name, required: s.required ?? false, basis: optText(s.basis) })));
    case 'specialProcedures':
      return optList(
        ((v as { kind: string; name: LT; limit?: number | null; unit?: string | null; note?: LT }[]) ?? []).map((p) => ({
          kind: p.kind,
          name: p.name,
          limit: p.limit ?? undefined,
          unit: p.unit ?? undefined,
          note: optText(p.note),
        })),
      );
    case 'faq':
      return optList(v as unknown[] | undefined);
    default:
      return v;
  }
}

/** A guide as the form holds it → as stored; elements whose condition does not hold are dropped (they are not shown either). */
export function cleanGuide<G extends AnyGuide>(g: G, onlineDepth: number[]): G {
  const out: AnyGuide = {};
  for (const [k, v] of Object.entries(g)) out[k] = cleanGuideValue(k, v);
  if (!((g.visits as number) > 0)) out.visitReason = undefined;
  if (!onlineDepth.includes(2)) out.onlineUrl = undefined;
  if (!g.powerSource || g.powerSource === 'statutory') out.powerSourceNote = undefined;
  return out as G;
}

/** A legal basis as the editor holds it: a first-release plain text becomes the name. */
export const asBasis = (b: LT | { name: LT; article?: LT; text?: LT }) => ('name' in b ? b : { name: b });

// ——— the server's problems on their fields ———

export type Issue = { path: (string | number)[]; message: string };

/**
 * Puts problems (a refusal's field issues, a draft's consistency problems) on the fields they are
 * about. A problem of one language of a text (`guide.place.en`) lands on the text, prefixed with
 * the language; `mapPath` says which field a server path is (null: none on this page).
 */
export function setIssues(form: FormInstance, issues: Issue[], mapPath: (p: (string | number)[]) => (string | number)[] | null, t: TFunction): number {
  const byName = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const issue of issues) {
    let name = mapPath(issue.path);
    if (!name || name.length === 0) continue;
    let message = issue.message;
    const last = name[name.length - 1];
    if (last === 'zh' || last === 'en') {
      const parent = name.slice(0, -1);
      if (isText(form.getFieldValue(parent)) || form.getFieldValue(parent) === undefined) {
        name = parent;
        message = `${t(last === 'zh' ? 'ca.path.zh' : 'ca.path.en')}${t('common.colon')}${message}`;
      }
    }
    const key = JSON.stringify(name);
    const entry = byName.get(key) ?? { name, errors: [] };
    if (!entry.errors.includes(message)) entry.errors.push(message);
    byName.set(key, entry);
  }
  const fields = [...byName.values()];
  if (fields.length) form.setFields(fields.map((f) => ({ name: f.name as never, errors: f.errors })));
  return fields.length;
}

/** The field issues of a refusal (none for another error). */
export const issuesOf = (e: unknown): Issue[] => (e instanceof ApiError ? e.fieldErrors : []);

/** The problems as a list: each names its element (as a label) and says what is wrong; a click goes to the field. */
export function IssueList({ title, issues, onPick, testId, type = 'error' }: { title: string; issues: { path: string; message: string }[]; onPick?: (path: string) => void; testId?: string; type?: 'error' | 'warning' }) {
  const { t } = useI18n();
  return (
    <Alert
      type={type}
      showIcon
      data-testid={testId}
      title={title}
      description={
        issues.length > 0 && (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {issues.map((p) => (
              <li key={p.path + p.message}>
                {onPick ? (
                  <Typography.Link onClick={() => onPick(p.path)}>
                    <b>{pathLabel(t, p.path)}</b>
                  </Typography.Link>
                ) : (
                  <b>{pathLabel(t, p.path)}</b>
                )}
                {t('common.colon')}
                {p.message}
              </li>
            ))}
          </ul>
        )
      }
      style={{ marginBottom: 16 }}
    />
  );
}
