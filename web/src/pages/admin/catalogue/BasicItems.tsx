import { useState, type ReactNode } from 'react';
import { Alert, App, Badge, Button, Checkbox, Col, Drawer, Form, Input, InputNumber, Result, Row, Select, Space, Switch, Table, Tabs, Tag, Typography, type FormInstance } from 'antd';
import type { FormListFieldData } from 'antd/es/form';
import { EditOutlined } from '@ant-design/icons';
import { api } from '../../../api';
import { errorMessage, useQuery } from '../../../hooks';
import { itemTypeLabel, useI18n } from '../../../i18n';
import { QueryView } from '../../../components/QueryView';
import { formatDateTime } from '../../../format';
import type { BasicItemList } from '../../../types';
import { FormDesigner } from '../../../components/forms/FormDesigner';
import { CatalogueShell, MaterialFileRules, pick, useCatalogueRights } from './shared';
import { asBasis, CardList, GroupTitle, cleanGuide, CodeSelect, FeesList, IssueList, issuesOf, optString, setIssues, TextItem, TextList, UrlItem, WaiversList, type Issue, type LT } from './editors';

type Basic = BasicItemList['items'][number];
type Baseline = Basic['baseline'];
type Material = Baseline['materials'][number];
type Values = Omit<Baseline, 'form'> & { code: string; fields: Baseline['form']['fields'] };

const ITEM_TYPES = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '20', '99'];
// The codes of the guide's elements (src/modules/catalog/guide/types.ts); their labels come from the guide's labels.
const EXERCISE_LEVELS = ['1', '2', '3', '4', '5', '6'] as const;
const POWER_SOURCES = ['statutory', 'delegated', 'authorised', 'entrusted_peer', 'entrusted_superior', 'other'] as const;
const LIMIT_UNITS = ['working_days', 'natural_days', 'hours', 'months'] as const;
const CROSS_REGION = ['national', 'inter_provincial', 'provincial', 'municipal', 'none'] as const;
const RESULT_TYPES = ['licence', 'approval', 'other'] as const;
const SPECIAL_KINDS = ['hearing', 'expert_review', 'inspection', 'public_notice', 'other'] as const;
const MATERIAL_SOURCES = ['applicant', 'licence', 'registry', 'department', 'other'] as const;
const REGISTRIES = ['population', 'entity'] as const;
const MATERIAL_FORMS = ['original', 'copy', 'electronic'] as const;
const MATERIAL_MEDIA = ['paper', 'electronic', 'both'] as const;

const LT0 = (): LT => ({ zh: '', en: '' });

const empty = (): Values => ({
  code: '',
  itemType: '20',
  name: LT0(),
  guide: {
    legalBasis: [{ name: LT0() }],
    audience: LT0(),
    conditions: [],
    process: [LT0()],
    caseKind: 'promised',
    place: LT0(),
    hours: LT0(),
    contactPhone: '',
    complaintPhone: '12345',
    visits: 0,
    fees: [],
    result: LT0(),
    // The case clock counts working days.
    legalLimitUnit: 'working_days',
    promisedLimitUnit: 'working_days',
  },
  materials: [],
  fields: [],
  legalLimitDays: 20,
  promisedLimitDays: 10,
  onlineDepth: [1, 2, 3, 4],
  licenceTypeCode: null,
  minLevel: 2,
  applicantKinds: ['person'],
  topics: {},
});

/** The editor's sections (tabs); each field belongs to one, so a problem can show where it is. */
type Section = 'basic' | 'handling' | 'limits' | 'fees' | 'materials' | 'result' | 'special' | 'contact' | 'faq' | 'form';
const GUIDE_SECTION: Record<string, Section> = {
  exerciseLevel: 'basic',
  powerSource: 'basic',
  powerSourceNote: 'basic',
  implementingBody: 'basic',
  legalBasis: 'basic',
  audience: 'handling',
  conditions: 'handling',
  process: 'handling',
  caseKind: 'handling',
  visits: 'handling',
  visitReason: 'handling',
  place: 'handling',
  hours: 'handling',
  onlineUrl: 'handling',
  crossRegion: 'handling',
  legalLimitUnit: 'limits',
  legalLimitNote: 'limits',
  promisedLimitUnit: 'limits',
  promisedLimitNote: 'limits',
  fees: 'fees',
  feeWaivers: 'fees',
  result: 'result',
  resultType: 'result',
  resultSampleUrl: 'result',
  intermediaryServices: 'special',
  specialProcedures: 'special',
  contactPhone: 'contact',
  consultAddress: 'contact',
  consultUrl: 'contact',
  complaintPhone: 'contact',
  complaintAddress: 'contact',
  complaintUrl: 'contact',
  faq: 'faq',
};
const TOP_SECTION: Record<string, Section> = {
  onlineDepth: 'handling',
  legalLimitDays: 'limits',
  promisedLimitDays: 'limits',
  licenceTypeCode: 'result',
  materials: 'materials',
  fields: 'form',
  form: 'form',
};
const sectionOf = (name: (string | number)[]): Section => (name[0] === 'guide' ? (GUIDE_SECTION[String(name[1])] ?? 'basic') : (TOP_SECTION[String(name[0])] ?? 'basic'));

/** A server path (`body.content.guide.onlineUrl`, `materials.0.source`, `form.fields.x`) → the editor's field. */
const fieldName = (p: (string | number)[]): (string | number)[] | null => {
  const segs = p.filter((s) => s !== 'body' && s !== 'content');
  if (segs[0] === 'form' && segs[1] === 'fields') return ['fields', ...segs.slice(2)];
  return segs.length ? segs : null;
};

/** The form's values → the baseline as stored: empty optional elements absent, elements whose condition does not hold dropped. */
function toContent(v: Values): Omit<Values, 'code'> {
  const { code: _code, ...content } = v;
  return {
    ...content,
    guide: cleanGuide(v.guide as unknown as Record<string, unknown>, v.onlineDepth ?? []) as unknown as Values['guide'],
    materials: (v.materials ?? []).map((m) => {
      const paper = m.medium === 'paper' || m.medium === 'both';
      return {
        ...m,
        source: m.source ?? undefined,
        licenceTypeCode: m.source === 'licence' ? optString(m.licenceTypeCode) : undefined,
        registry: m.source === 'registry' ? (m.registry ?? undefined) : undefined,
        form: m.form ?? undefined,
        medium: m.medium ?? undefined,
        copies: paper ? (m.copies ?? undefined) : undefined,
        blankFormUrl: optString(m.blankFormUrl),
        sampleUrl: optString(m.sampleUrl),
        accept: m.accept ?? [],
      };
    }),
  };
}

/** One material: name, necessity, source (with the licence type or registry it is read from), form, medium, copies, upload rules, forms. */
function MaterialCard({ f, form }: { f: FormListFieldData; form: FormInstance<Values> }) {
  const { t } = useI18n();
  const source = Form.useWatch(['materials', f.name, 'source'], form) as Material['source'];
  const medium = Form.useWatch(['materials', f.name, 'medium'], form) as Material['medium'];
  const fetched = source === 'licence' || source === 'registry';
  const id = `material-${f.name}`;
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={5}>
          <Form.Item name={[f.name, 'code']} label={t('ca.col.code')} rules={[{ required: true, whitespace: true, message: t('ca.required') }]}>
            <Input maxLength={16} data-testid={`${id}-code`} />
          </Form.Item>
        </Col>
        <Col xs={24} md={15}>
          <TextItem name={[f.name, 'name']} label={t('item.materialName')} required testId={`${id}-name`} />
        </Col>
        <Col xs={24} md={4}>
          <Form.Item name={[f.name, 'required']} label={t('item.materialRequired')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
      </Row>
      <TextItem name={[f.name, 'description']} label={t('item.materialDesc')} required area testId={`${id}-desc`} />
      <Row gutter={16}>
        <Col xs={24} md={8}>
          {/* Required by the consistency checker, which says so on save (MATERIAL_SOURCE_MISSING). */}
          <Form.Item name={[f.name, 'source']} label={t('guide.materialSource')} required>
            <CodeSelect prefix="materialSource" codes={MATERIAL_SOURCES} testId={`${id}-source`} />
          </Form.Item>
        </Col>
        {source === 'licence' && (
          <Col xs={24} md={16}>
            <Form.Item name={[f.name, 'licenceTypeCode']} label={t('ca.material.licenceType')} extra={t('ca.material.licenceTypeHelp')} required>
              <Input maxLength={21} data-testid={`${id}-licence-type`} />
            </Form.Item>
          </Col>
        )}
        {source === 'registry' && (
          <Col xs={24} md={8}>
            <Form.Item name={[f.name, 'registry']} label={t('ca.material.registry')} required>
              <CodeSelect prefix="registry" codes={REGISTRIES} testId={`${id}-registry`} />
            </Form.Item>
          </Col>
        )}
      </Row>
      {fetched && <Alert type="info" showIcon title={t('ca.material.fetchedHint')} style={{ marginBottom: 16 }} />}
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name={[f.name, 'form']} label={t('guide.materialForm')}>
            <CodeSelect prefix="materialForm" codes={MATERIAL_FORMS} testId={`${id}-form`} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={[f.name, 'medium']} label={t('ca.material.medium')}>
            <CodeSelect prefix="materialMedium" codes={MATERIAL_MEDIA} testId={`${id}-medium`} />
          </Form.Item>
        </Col>
        {(medium === 'paper' || medium === 'both') && (
          <Col xs={24} md={8}>
            <Form.Item name={[f.name, 'copies']} label={t('guide.materialCopies')} required={!fetched}>
              <InputNumber min={0} max={99} addonAfter={t('ca.unit.copies')} data-testid={`${id}-copies`} />
            </Form.Item>
          </Col>
        )}
      </Row>
      <MaterialFileRules name={[f.name]} formatLabel={t('item.materialFormat')} sizeLabel={t('item.materialMaxSize')} formatsRequired={!fetched} />
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <UrlItem name={[f.name, 'blankFormUrl']} label={t('guide.blankForm')} testId={`${id}-blank`} />
        </Col>
        <Col xs={24} md={12}>
          <UrlItem name={[f.name, 'sampleUrl']} label={t('guide.sample')} testId={`${id}-sample`} />
        </Col>
      </Row>
    </>
  );
}

/** 基本目录: the node's basic items, their baselines and how many implementations inherit each (node catalogue admins). */
export default function BasicItems() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { nodeWide } = useCatalogueRights();
  const list = useQuery<BasicItemList>(nodeWide ? '/api/catalog/admin/basic-items' : null);
  const [editing, setEditing] = useState<Basic | 'new' | null>(null);
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [serverIssues, setServerIssues] = useState<{ path: string; message: string }[]>([]);
  const [tab, setTab] = useState<Section>('basic');
  const [errorCounts, setErrorCounts] = useState<Partial<Record<Section, number>>>({});
  const [q, setQ] = useState('');
  // The form's fields are the designer's (it owns its own preview form), not the baseline form's.
  const [fields, setFields] = useState<Values['fields']>([]);
  // Elements shown only where they apply.
  const visits = Form.useWatch(['guide', 'visits'], form) as number | undefined;
  const depth = Form.useWatch('onlineDepth', form) as number[] | undefined;
  const powerSource = Form.useWatch(['guide', 'powerSource'], form) as string | undefined;

  if (!nodeWide) {
    return (
      <CatalogueShell title={t('ca.basic.title')}>
        <Result status="403" title="403" subTitle={t('ca.basic.forbidden')} />
      </CatalogueShell>
    );
  }

  const open = (b: Basic | 'new') => {
    setError(null);
    setServerIssues([]);
    setErrorCounts({});
    setTab('basic');
    form.resetFields();
    if (b === 'new') {
      form.setFieldsValue(empty());
      setFields([]);
    } else {
      const { form: f, ...rest } = b.baseline;
      // A first-release legal basis (a plain text) is edited as the name of a structured one.
      form.setFieldsValue({ ...rest, guide: { ...rest.guide, legalBasis: rest.guide.legalBasis.map(asBasis) }, code: b.code } as Values);
      setFields(f.fields);
    }
    setEditing(b);
  };

  /** Counts the fields with a problem per section (the tabs show it), and the form's problems from the server. */
  const recount = (issues = serverIssues) => {
    const counts: Partial<Record<Section, number>> = {};
    for (const f of form.getFieldsError()) if (f.errors.length) counts[sectionOf(f.name)] = (counts[sectionOf(f.name)] ?? 0) + 1;
    const formIssues = issues.filter((i) => /^(form|fields)\./.test(i.path)).length;
    if (formIssues) counts.form = (counts.form ?? 0) + formIssues;
    setErrorCounts(counts);
    return counts;
  };

  const goTo = (name: (string | number)[]) => {
    setTab(sectionOf(name));
    setTimeout(() => form.scrollToField(name as never, { behavior: 'smooth', block: 'center' }), 50);
  };
  const goToFirstProblem = () => {
    const first = form.getFieldsError().find((f) => f.errors.length);
    if (first) goTo(first.name);
  };

  const save = async () => {
    setServerIssues([]);
    try {
      await form.validateFields();
    } catch {
      setError(t('ca.basic.checkFields'));
      recount([]);
      goToFirstProblem();
      return;
    }
    // Everything the form holds, also the parts it does not edit (topics, fields' conditions): nothing is dropped.
    const v = { ...(form.getFieldsValue(true) as Values), fields };
    setBusy(true);
    setError(null);
    const content = toContent(v);
    try {
      if (editing === 'new') await api.post('/api/catalog/admin/basic-items', { code: v.code.trim().toUpperCase(), content });
      else if (editing) await api.put(`/api/catalog/admin/basic-items/${editing.id}`, { content });
      message.success(t('ca.basic.saved'));
      setEditing(null);
      list.reload();
    } catch (e) {
      const issues: Issue[] = issuesOf(e);
      setIssues(form, issues, fieldName, t);
      const listed = issues.map((i) => ({ path: (fieldName(i.path) ?? i.path).join('.'), message: i.message }));
      setServerIssues(listed);
      setError(errorMessage(e, t));
      recount(listed);
      goToFirstProblem();
    } finally {
      setBusy(false);
    }
  };

  const req = [{ required: true, whitespace: true, message: t('ca.required') }];
  const unitSelect = (name: (string | number)[], testId: string) => (
    <Form.Item name={name} noStyle>
      <CodeSelect prefix="limitUnit" codes={LIMIT_UNITS} optional={false} testId={testId} />
    </Form.Item>
  );

  const basicsTab = (
    <>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="code" label={t('ca.basic.code')} extra={t('ca.basic.codeHelp')} rules={req}>
            <Input maxLength={12} disabled={editing !== 'new'} data-testid="basic-code" />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item name="itemType" label={t('item.itemType')} rules={req}>
            <Select options={ITEM_TYPES.map((c) => ({ value: c, label: `${c} ${itemTypeLabel(t, c, '')}` }))} />
          </Form.Item>
        </Col>
      </Row>
      <TextItem name={['name']} label={t('ca.path.name')} required testId="basic-name" />
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name={['guide', 'exerciseLevel']} label={t('guide.exerciseLevel')}>
            <CodeSelect prefix="exerciseLevel" codes={EXERCISE_LEVELS} testId="basic-exercise-level" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={['guide', 'powerSource']} label={t('guide.powerSource')}>
            <CodeSelect prefix="powerSource" codes={POWER_SOURCES} testId="basic-power-source" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="minLevel" label={t('item.minLevel')}>
            <Select options={[1, 2, 3].map((n) => ({ value: n, label: t('item.minLevelValue', { n }) }))} />
          </Form.Item>
        </Col>
      </Row>
      {powerSource && powerSource !== 'statutory' && <TextItem name={['guide', 'powerSourceNote']} label={t('ca.edit.powerSourceNote')} area testId="basic-power-note" />}
      <TextItem name={['guide', 'implementingBody']} label={t('guide.implementingBody')} extra={t('ca.edit.implementingBodyHelp')} testId="basic-body" />
      <Form.Item name="applicantKinds" label={t('ca.path.applicantKinds')} rules={[{ required: true, message: t('ca.required') }]}>
        <Checkbox.Group options={(['person', 'entity'] as const).map((k) => ({ value: k, label: t(`ca.applicant.${k}`) }))} />
      </Form.Item>
      <GroupTitle>{t('item.legalBasis')}</GroupTitle>
      <Form.List name={['guide', 'legalBasis']}>
        {(list, { add, remove }) => (
          <>
            {list.map((f, i) => (
              <div key={f.key} className="yw-editor-entry" data-testid={`basic-basis-${i}`}>
                <Space style={{ width: '100%', justifyContent: 'space-between' }}>
                  <Typography.Text strong>#{i + 1}</Typography.Text>
                  {list.length > 1 && (
                    <Button type="text" danger size="small" onClick={() => remove(f.name)}>
                      {t('ca.remove')}
                    </Button>
                  )}
                </Space>
                <TextItem name={[f.name, 'name']} label={t('ca.basis.name')} required testId={`basic-basis-${i}-name`} />
                <TextItem name={[f.name, 'article']} label={t('ca.basis.article')} testId={`basic-basis-${i}-article`} />
                <TextItem name={[f.name, 'text']} label={t('guide.basisText')} area />
              </div>
            ))}
            <Button size="small" onClick={() => add({ name: LT0() })}>
              {t('ca.basis.add')}
            </Button>
          </>
        )}
      </Form.List>
    </>
  );

  const handlingTab = (
    <>
      <TextItem name={['guide', 'audience']} label={t('item.audience')} required area testId="basic-audience" />
      <TextList name={['guide', 'conditions']} label={t('item.conditions')} min={0} testId="basic-condition" />
      <TextList name={['guide', 'process']} label={t('item.process')} min={1} testId="basic-process" />
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name={['guide', 'caseKind']} label={t('item.caseKind')}>
            <Select options={(['promised', 'immediate'] as const).map((k) => ({ value: k, label: t(`ca.caseKind.${k}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={['guide', 'visits']} label={t('item.visits')}>
            <InputNumber min={0} max={10} addonAfter={t('ca.unit.times')} data-testid="basic-visits" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={['guide', 'crossRegion']} label={t('guide.crossRegion')}>
            <CodeSelect prefix="crossRegion" codes={CROSS_REGION} testId="basic-cross-region" />
          </Form.Item>
        </Col>
      </Row>
      {(visits ?? 0) > 0 && <TextItem name={['guide', 'visitReason']} label={t('guide.visitReason')} required area testId="basic-visit-reason" />}
      <Form.Item name="onlineDepth" label={t('item.onlineDepth')}>
        <Checkbox.Group options={([1, 2, 3, 4, 5, 6, 7] as const).map((n) => ({ value: n, label: t(`depth.${n}`) }))} />
      </Form.Item>
      {(depth ?? []).includes(2) && <UrlItem name={['guide', 'onlineUrl']} label={t('guide.onlineUrl')} marked extra={t('ca.edit.onlineUrlHelp')} testId="basic-online-url" />}
      <TextItem name={['guide', 'place']} label={t('item.place')} required testId="basic-place" />
      <TextItem name={['guide', 'hours']} label={t('item.hours')} required testId="basic-hours" />
    </>
  );

  const limitsTab = (
    <>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item label={t('item.legalLimit')} required>
            <Space.Compact>
              <Form.Item name="legalLimitDays" noStyle rules={[{ required: true, message: t('ca.required') }]}>
                <InputNumber min={0} max={3650} style={{ width: 110 }} data-testid="basic-legal-limit" />
              </Form.Item>
              {unitSelect(['guide', 'legalLimitUnit'], 'basic-legal-unit')}
            </Space.Compact>
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t('item.promisedLimit')} required>
            <Space.Compact>
              <Form.Item name="promisedLimitDays" noStyle rules={[{ required: true, message: t('ca.required') }]}>
                <InputNumber min={0} max={3650} style={{ width: 110 }} data-testid="basic-promised-limit" />
              </Form.Item>
              {unitSelect(['guide', 'promisedLimitUnit'], 'basic-promised-unit')}
            </Space.Compact>
          </Form.Item>
        </Col>
      </Row>
      <Typography.Paragraph type="secondary">{t('ca.edit.clockHint')}</Typography.Paragraph>
      <TextItem name={['guide', 'legalLimitNote']} label={t('ca.edit.legalLimitNote')} area />
      <TextItem name={['guide', 'promisedLimitNote']} label={t('ca.edit.promisedLimitNote')} area />
    </>
  );

  const feesTab = (
    <>
      <GroupTitle>{t('item.fees')}</GroupTitle>
      <FeesList name={['guide', 'fees']} />
      <GroupTitle>{t('guide.feeWaivers')}</GroupTitle>
      <WaiversList name={['guide', 'feeWaivers']} />
    </>
  );

  const materialsTab = (
    <CardList
      name={['materials']}
      addLabel={t('ca.basic.addMaterial')}
      empty={t('ca.basic.noMaterials')}
      testId="material"
      make={() => ({ code: `M${String(((form.getFieldValue('materials') as unknown[] | undefined)?.length ?? 0) + 1).padStart(2, '0')}`, name: LT0(), required: true, description: LT0(), accept: ['pdf'], maxBytes: 5 * 1024 * 1024 })}
    >
      {(f) => <MaterialCard f={f} form={form} />}
    </CardList>
  );

  const resultTab = (
    <>
      <TextItem name={['guide', 'result']} label={t('guide.resultName')} required area testId="basic-result" />
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name={['guide', 'resultType']} label={t('guide.resultType')}>
            <CodeSelect prefix="resultType" codes={RESULT_TYPES} testId="basic-result-type" />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item name="licenceTypeCode" label={t('ca.basic.licenceType')} extra={t('ca.basic.licenceTypeHelp')} normalize={(v: string) => (v?.trim() ? v.trim() : null)}>
            <Input data-testid="basic-licence-type" />
          </Form.Item>
        </Col>
      </Row>
      <UrlItem name={['guide', 'resultSampleUrl']} label={t('guide.resultSample')} testId="basic-result-sample" />
    </>
  );

  const specialTab = (
    <>
      <GroupTitle>{t('guide.specialProcedures')}</GroupTitle>
      <Typography.Paragraph type="secondary">{t('guide.specialNotCounted')}</Typography.Paragraph>
      <CardList name={['guide', 'specialProcedures']} addLabel={t('ca.special.add')} empty={t('ca.special.none')} testId="special" make={() => ({ kind: 'hearing', name: LT0(), unit: 'working_days' })}>
        {(f) => (
          <>
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Form.Item name={[f.name, 'kind']} label={t('guide.specialKind')} rules={[{ required: true, message: t('ca.required') }]}>
                  <CodeSelect prefix="specialProcedure" codes={SPECIAL_KINDS} optional={false} testId={`special-${f.name}-kind`} />
                </Form.Item>
              </Col>
              <Col xs={24} md={16}>
                <Form.Item label={t('guide.specialLimit')} required>
                  <Space.Compact>
                    <Form.Item name={[f.name, 'limit']} noStyle>
                      <InputNumber min={0} max={3650} style={{ width: 110 }} data-testid={`special-${f.name}-limit`} />
                    </Form.Item>
                    {unitSelect([f.name, 'unit'], `special-${f.name}-unit`)}
                  </Space.Compact>
                </Form.Item>
              </Col>
            </Row>
            <TextItem name={[f.name, 'name']} label={t('guide.specialName')} required testId={`special-${f.name}-name`} />
            <TextItem name={[f.name, 'note']} label={t('ca.special.note')} area />
          </>
        )}
      </CardList>
      <GroupTitle>{t('guide.intermediary')}</GroupTitle>
      <CardList name={['guide', 'intermediaryServices']} addLabel={t('ca.intermediary.add')} empty={t('ca.intermediary.none')} testId="intermediary" make={() => ({ name: LT0(), required: false })}>
        {(f) => (
          <>
            <Row gutter={16}>
              <Col xs={24} md={18}>
                <TextItem name={[f.name, 'name']} label={t('guide.intermediaryName')} required />
              </Col>
              <Col xs={24} md={6}>
                <Form.Item name={[f.name, 'required']} label={t('guide.intermediaryRequired')} valuePropName="checked">
                  <Switch />
                </Form.Item>
              </Col>
            </Row>
            <TextItem name={[f.name, 'basis']} label={t('guide.intermediaryBasis')} area />
          </>
        )}
      </CardList>
    </>
  );

  const contactTab = (
    <>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name={['guide', 'contactPhone']} label={t('item.contactPhone')} rules={req}>
            <Input data-testid="basic-contact-phone" />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <UrlItem name={['guide', 'consultUrl']} label={t('guide.consultUrl')} testId="basic-consult-url" />
        </Col>
      </Row>
      <TextItem name={['guide', 'consultAddress']} label={t('guide.consultAddress')} testId="basic-consult-address" />
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name={['guide', 'complaintPhone']} label={t('item.complaintPhone')} rules={req}>
            <Input data-testid="basic-complaint-phone" />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <UrlItem name={['guide', 'complaintUrl']} label={t('guide.complaintUrl')} testId="basic-complaint-url" />
        </Col>
      </Row>
      <TextItem name={['guide', 'complaintAddress']} label={t('guide.complaintAddress')} testId="basic-complaint-address" />
    </>
  );

  const faqTab = (
    <CardList name={['guide', 'faq']} addLabel={t('ca.faq.add')} empty={t('ca.faq.none')} testId="faq" make={() => ({ question: LT0(), answer: LT0() })}>
      {(f) => (
        <>
          <TextItem name={[f.name, 'question']} label={t('ca.faq.question')} required testId={`faq-${f.name}-question`} />
          <TextItem name={[f.name, 'answer']} label={t('ca.faq.answer')} required area testId={`faq-${f.name}-answer`} />
        </>
      )}
    </CardList>
  );

  const formFields = <FormDesigner value={{ fields }} onChange={(d) => setFields(d.fields)} />;

  const sections: { key: Section; label: string; children: ReactNode }[] = [
    { key: 'basic', label: t('ca.basic.sec.basic'), children: basicsTab },
    { key: 'handling', label: t('ca.basic.sec.handling'), children: handlingTab },
    { key: 'limits', label: t('ca.basic.sec.limits'), children: limitsTab },
    { key: 'fees', label: t('ca.basic.sec.fees'), children: feesTab },
    { key: 'materials', label: t('item.materials'), children: materialsTab },
    { key: 'result', label: t('ca.basic.sec.result'), children: resultTab },
    { key: 'special', label: t('ca.basic.sec.special'), children: specialTab },
    { key: 'contact', label: t('ca.basic.sec.contact'), children: contactTab },
    { key: 'faq', label: t('guide.faq'), children: faqTab },
    { key: 'form', label: t('ca.tab.form'), children: formFields },
  ];

  const needle = q.trim().toLowerCase();
  return (
    <CatalogueShell
      title={t('ca.basic.title')}
      extra={
        <Button type="primary" onClick={() => open('new')} data-testid="basic-new">
          {t('ca.basic.new')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('ca.basic.intro')}</Typography.Paragraph>
      <QueryView q={list}>
        {(d) => (
          <>
            <Input.Search allowClear placeholder={t('ca.filter.search')} style={{ width: 280, marginBottom: 12 }} value={q} onChange={(e) => setQ(e.target.value)} />
            <Table<Basic>
              rowKey="id"
              size="middle"
              dataSource={d.items.filter((b) => !needle || b.code.toLowerCase().includes(needle) || b.name.zh.includes(needle) || b.name.en.toLowerCase().includes(needle))}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              data-testid="basic-table"
              onRow={(b) => ({ 'data-testid': 'basic-row', 'data-code': b.code }) as never}
              locale={{ emptyText: <Result status="info" title={t('ca.basic.none')} /> }}
              columns={[
                { title: t('ca.basic.code'), dataIndex: 'code', width: 140 },
                { title: t('ca.col.name'), render: (_, b) => pick(lang, b.name) },
                { title: t('item.itemType'), render: (_, b) => itemTypeLabel(t, b.itemType, '') },
                { title: t('item.promisedLimit'), render: (_, b) => t(`guide.limit.${b.baseline.guide.promisedLimitUnit ?? 'working_days'}`, { n: b.baseline.promisedLimitDays }) },
                { title: t('ca.basic.inheritedBy'), width: 120, render: (_, b) => <Tag color={b.implementations ? 'blue' : 'default'}>{t('ca.basic.implCount', { n: b.implementations })}</Tag> },
                { title: t('ca.basic.updated'), render: (_, b) => formatDateTime(b.updatedAt, lang) },
                {
                  title: t('ca.col.actions'),
                  width: 100,
                  render: (_, b) => (
                    <Button size="small" icon={<EditOutlined />} onClick={() => open(b)} data-testid="basic-edit">
                      {t('ca.basic.edit')}
                    </Button>
                  ),
                },
              ]}
            />
          </>
        )}
      </QueryView>
      <Drawer
        open={editing !== null}
        onClose={() => setEditing(null)}
        size={1080}
        title={editing === 'new' ? t('ca.basic.new') : editing ? t('ca.basic.editTitle', { code: editing.code }) : ''}
        destroyOnHidden
        extra={
          <Space>
            <Button onClick={() => setEditing(null)}>{t('common.cancel')}</Button>
            <Button type="primary" loading={busy} onClick={() => void save()} data-testid="basic-save">
              {t('ca.basic.save')}
            </Button>
          </Space>
        }
      >
        {editing !== null && editing !== 'new' && editing.implementations > 0 && (
          <Alert type="info" showIcon title={t('ca.basic.editNote', { n: editing.implementations })} style={{ marginBottom: 16 }} />
        )}
        {error &&
          (serverIssues.length ? (
            <IssueList title={error} issues={serverIssues} testId="basic-error" onPick={(p) => goTo(p.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s)))} />
          ) : (
            <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="basic-error" />
          ))}
        <Form form={form} layout="vertical" component={false} onFieldsChange={() => recount()}>
          <Tabs
            tabPlacement="start"
            activeKey={tab}
            onChange={(k) => setTab(k as Section)}
            className="yw-editor-tabs"
            items={sections.map((s) => ({
              key: s.key,
              forceRender: true,
              label: (
                <span data-testid={`basic-tab-${s.key}`}>
                  {s.label}
                  {errorCounts[s.key] ? <Badge count={errorCounts[s.key]} size="small" style={{ marginInlineStart: 6 }} /> : null}
                </span>
              ),
              children: s.key === 'form' || s.key === 'materials' ? s.children : <div className="yw-editor-section">{s.children}</div>,
            }))}
          />
        </Form>
      </Drawer>
    </CatalogueShell>
  );
}
