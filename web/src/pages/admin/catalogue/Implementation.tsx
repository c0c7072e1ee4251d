import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, App, Breadcrumb, Button, Card, Checkbox, Col, Descriptions, Empty, Form, Input, InputNumber, Modal, Result, Row, Select, Space, Steps, Table, Tabs, Typography } from 'antd';
import { api } from '../../../api';
import { errorMessage, useQuery } from '../../../hooks';
import { useI18n } from '../../../i18n';
import { QueryView } from '../../../components/QueryView';
import { formatDateTime } from '../../../format';
import type { BasicItemList, VersionDetail, VersionDiff, VersionHistory, VersionSummary } from '../../../types';
import { CatalogueShell, MaterialFileRules, pick, VersionTag } from './shared';
import { cleanGuideValue, CodeSelect, GroupTitle, FeesList, IssueList, issuesOf, setIssues, TextItem, UrlItem, WaiversList, type LT } from './editors';
import { ContentView, DiffTable, FieldsView, InheritedTag, LocalTag, type Content } from './parts';
import { FormDesigner } from '../../../components/forms/FormDesigner';
import { FlowEditor, flowToValues, valuesToFlow, type StepValue } from './FlowEditor';

type Overrides = VersionDetail['overrides'];
type G = Content['guide'];
type LocalGuide = NonNullable<Overrides['guide']>;
type GuideKey = keyof LocalGuide;

/**
 * The guide elements a region may set (`overridableGuideKeys`, src/modules/catalog/versions/content.ts):
 * the record's type makes this list exactly the overridable ones, so a new one cannot be forgotten here.
 */
const EDITED: Record<GuideKey, true> = {
  caseKind: true,
  place: true,
  hours: true,
  contactPhone: true,
  complaintPhone: true,
  visits: true,
  fees: true,
  visitReason: true,
  onlineUrl: true,
  feeWaivers: true,
  promisedLimitUnit: true,
  promisedLimitNote: true,
  consultAddress: true,
  consultUrl: true,
  complaintAddress: true,
  complaintUrl: true,
};
const GUIDE_KEYS = Object.keys(EDITED) as GuideKey[];
const MATERIAL_KEYS = ['description', 'accept', 'maxBytes'];
const LIMIT_UNITS = ['working_days', 'natural_days', 'hours', 'months'] as const;

type Values = {
  promisedLimitDays: number;
  onlineDepth: number[];
  guide: Pick<G, GuideKey>;
  materials: Record<string, { description: LT; accept: ('pdf' | 'png' | 'jpg')[]; maxBytes: number }>;
  /** The approval flow (审批流程), as the flow editor holds it. */
  flow?: StepValue[];
};

/** Equal as values (the order of an object's keys does not matter: the database keeps its own). */
const stable = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(stable) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, stable(x)])) : v;
const same = (a: unknown, b: unknown) => JSON.stringify(stable(a)) === JSON.stringify(stable(b));
const STEPS = ['draft', 'review', 'published', 'retired'] as const;

/** An element as compared with the baseline's: empty optional ones absent; a limit without a unit counts working days. */
const norm = (k: GuideKey, v: unknown) => (k === 'promisedLimitUnit' ? (v ?? 'working_days') : cleanGuideValue(k, v));

const valuesOf = (c: Content): Values => ({
  promisedLimitDays: c.promisedLimitDays,
  onlineDepth: c.onlineDepth,
  guide: { ...(Object.fromEntries(GUIDE_KEYS.map((k) => [k, c.guide[k]])) as Values['guide']), promisedLimitUnit: c.guide.promisedLimitUnit ?? 'working_days' },
  materials: Object.fromEntries(c.materials.map((m) => [m.code, { description: m.description, accept: m.accept, maxBytes: m.maxBytes }])),
  flow: flowToValues(c.flow),
});

/**
 * The overrides: every part that differs from the baseline (setting a part back to the baseline's
 * value inherits it again). An element not shown (the reason for visits without visits, the online
 * address without receiving online) inherits; so does one emptied (the baseline's value shows again).
 */
function overridesOf(v: Values, base: Content, form: Overrides['form']): Overrides {
  const out: Overrides = {};
  if (v.promisedLimitDays !== base.promisedLimitDays) out.promisedLimitDays = v.promisedLimitDays;
  const depth = [...(v.onlineDepth ?? [])].sort((a, b) => a - b);
  if (!same(depth, [...base.onlineDepth].sort((a, b) => a - b))) out.onlineDepth = depth;
  const guide: Record<string, unknown> = {};
  for (const k of GUIDE_KEYS) {
    if (!v.guide || !(k in v.guide)) continue;
    const mine = norm(k, v.guide[k]);
    if (mine !== undefined && !same(mine, norm(k, base.guide[k]))) guide[k] = mine;
  }
  if (Object.keys(guide).length) out.guide = guide as Overrides['guide'];
  const materials: NonNullable<Overrides['materials']> = {};
  for (const m of base.materials) {
    const mv = v.materials?.[m.code];
    if (!mv) continue;
    const d: Record<string, unknown> = {};
    if (!same(mv.description, m.description)) d.description = mv.description;
    if (!same([...mv.accept].sort(), [...m.accept].sort())) d.accept = mv.accept;
    if (mv.maxBytes !== m.maxBytes) d.maxBytes = mv.maxBytes;
    if (Object.keys(d).length) materials[m.code] = d;
  }
  if (Object.keys(materials).length) out.materials = materials;
  if (form && !same(form, base.form)) out.form = form;
  const flow = valuesToFlow(v.flow);
  if (!same(flow, base.flow ?? [])) out.flow = flow;
  return out;
}

/** A server path (`overrides.guide.place.zh`, `materials.0.maxBytes`, a draft problem's `guide.visitReason`) → the editor's field name. */
function fieldName(path: (string | number)[], content: Content): (string | number)[] | null {
  const p = path.map(String).filter((s) => s !== 'body' && s !== 'overrides');
  if (p[0] === 'materials' && p[1] !== undefined) {
    const code = /^\d+$/.test(p[1]) ? content.materials[Number(p[1])]?.code : p[1];
    // Only the details a region may set are fields here (a material's source is the basic item's).
    return code && MATERIAL_KEYS.includes(p[2] ?? '') ? ['materials', code, ...p.slice(2)] : null;
  }
  if (p[0] === 'promisedLimitDays' || p[0] === 'onlineDepth') return [p[0]];
  // The flow: `flow.N.task.x` and `flow.N.parallel.tasks.I.x` are the editor's `flow.N.tasks.I.x`; a group's name is `flow.N.name`.
  if (p[0] === 'flow' && /^\d+$/.test(p[1] ?? '')) {
    const n = Number(p[1]);
    if (p[2] === 'task' && p[3]) return ['flow', n, 'tasks', 0, ...p.slice(3)];
    if (p[2] === 'parallel' && p[3] === 'tasks' && /^\d+$/.test(p[4] ?? '') && p[5]) return ['flow', n, 'tasks', Number(p[4]), ...p.slice(5)];
    if (p[2] === 'parallel' && p[3] === 'name') return ['flow', n, 'name', ...p.slice(4)];
    return null;
  }
  if (p[0] === 'guide' && GUIDE_KEYS.includes(p[1] as GuideKey)) return p.map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  return null;
}

/** One implementation: its open or current version (editable while a draft), its versions with their differences, its form. */
export default function Implementation() {
  const { id } = useParams<{ id: string }>();
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const history = useQuery<VersionHistory>(`/api/catalog/admin/implementations/${id}/versions`);
  const basics = useQuery<BasicItemList>('/api/catalog/admin/basic-items');
  const [picked, setPicked] = useState<string | null>(null);
  const versions = useMemo(() => history.data?.versions ?? [], [history.data]);
  const impl = history.data?.implementation;
  const open = versions.find((v) => v.status === 'draft' || v.status === 'review');
  const shownId = picked ?? open?.id ?? impl?.currentVersionId ?? versions[0]?.id ?? null;
  const detail = useQuery<VersionDetail>(shownId ? `/api/catalog/admin/versions/${shownId}` : null);
  const baseline = basics.data?.items.find((b) => b.id === impl?.basicItemId)?.baseline;
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [tab, setTab] = useState('content');
  const [compare, setCompare] = useState<string[]>([]);
  const [diff, setDiff] = useState<VersionDiff | null>(null);

  const d = detail.data;
  const editable = d?.status === 'draft';
  // The draft's own form (null: the basic item's), edited in the designer on the Form tab.
  const [localForm, setLocalForm] = useState<Content['form'] | null>(null);
  useEffect(() => setLocalForm(d?.overrides.form ?? null), [d]);
  useEffect(() => {
    if (!d) return;
    form.setFieldsValue(valuesOf(d.content));
    // The draft's consistency problems also on their fields.
    setIssues(form, d.problems.map((p) => ({ path: p.path.split('.'), message: p.message })), (p) => fieldName(p, d.content), t);
  }, [d, form, t]);

  const reloadAll = () => {
    history.reload();
    detail.reload();
  };

  const save = async (then?: 'submit') => {
    if (!d || !baseline) return;
    setError(null);
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      const saved = await api.put<VersionDetail>(`/api/catalog/admin/versions/${d.id}/overrides`, { overrides: overridesOf(v, baseline, localForm ?? undefined) });
      if (then === 'submit') {
        await api.post(`/api/catalog/admin/versions/${d.id}/submit`);
        message.success(t('ca.draft.submitted'));
        reloadAll();
      } else {
        detail.setData(saved);
        message.success(t('ca.draft.saved'));
      }
    } catch (e) {
      setIssues(form, issuesOf(e), (p) => fieldName(p, d.content), t);
      setError(errorMessage(e, t));
      detail.reload();
    } finally {
      setBusy(false);
    }
  };

  const newDraft = async () => {
    try {
      const r = await api.post<{ id: string }>(`/api/catalog/admin/implementations/${id}/drafts`);
      message.success(t('ca.draft.opened'));
      setPicked(r.id);
      history.reload();
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  };

  const showDiff = async () => {
    const [a, b] = [...compare].map((x) => versions.find((v) => v.id === x)!).sort((x, y) => x.versionNo - y.versionNo);
    try {
      setDiff(await api.get<VersionDiff>(`/api/catalog/admin/versions/${b!.id}/diff?against=${a!.id}`));
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  };

  const isLocal = (path: string) => {
    const o = d?.overrides as Record<string, unknown> | undefined;
    if (!o) return false;
    const [a, b, c] = path.split('.');
    const x = o[a!] as Record<string, unknown> | undefined;
    if (b === undefined) return x !== undefined;
    const y = x?.[b] as Record<string, unknown> | undefined;
    return c === undefined ? y !== undefined : y?.[c] !== undefined;
  };
  const tagFor = (path: string) => (isLocal(path) ? <LocalTag /> : <InheritedTag />);
  const lbl = (key: Parameters<typeof t>[0], path: string) => (
    <span>
      {t(key)}
      {tagFor(path)}
    </span>
  );
  // Elements shown where they apply; before the form holds the draft, as the draft has it (so its problems find their fields).
  const visits = (Form.useWatch(['guide', 'visits'], form) as number | undefined) ?? d?.content.guide.visits;
  const depth = (Form.useWatch('onlineDepth', form) as number[] | undefined) ?? d?.content.onlineDepth;

  const legalUnit = d?.content.guide.legalLimitUnit ?? 'working_days';
  const editor = d && (
    <Form form={form} layout="vertical" disabled={busy} data-testid="override-form">
      <Card size="small" title={t('ca.edit.limits')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Form.Item label={lbl('item.promisedLimit', 'promisedLimitDays')} extra={t('ca.edit.legalIs', { limit: t(`guide.limit.${legalUnit}`, { n: d.content.legalLimitDays }) })} required>
              <Space.Compact>
                <Form.Item name="promisedLimitDays" noStyle rules={[{ required: true, message: t('ca.required') }]}>
                  <InputNumber min={0} max={3650} style={{ width: 100 }} data-testid="edit-promised" />
                </Form.Item>
                <Form.Item name={['guide', 'promisedLimitUnit']} noStyle>
                  <CodeSelect prefix="limitUnit" codes={LIMIT_UNITS} optional={false} testId="edit-promised-unit" />
                </Form.Item>
              </Space.Compact>
            </Form.Item>
          </Col>
          <Col xs={24} md={7}>
            <Form.Item name={['guide', 'caseKind']} label={lbl('item.caseKind', 'guide.caseKind')}>
              <Select data-testid="edit-case-kind" options={(['promised', 'immediate'] as const).map((k) => ({ value: k, label: t(`ca.caseKind.${k}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={7}>
            <Form.Item name={['guide', 'visits']} label={lbl('item.visits', 'guide.visits')}>
              <InputNumber min={0} max={10} addonAfter={t('ca.unit.times')} data-testid="edit-visits" />
            </Form.Item>
          </Col>
        </Row>
        {(visits ?? 0) > 0 && <TextItem name={['guide', 'visitReason']} label={lbl('guide.visitReason', 'guide.visitReason')} marked area testId="edit-visit-reason" />}
        <TextItem name={['guide', 'promisedLimitNote']} label={lbl('ca.edit.promisedLimitNote', 'guide.promisedLimitNote')} area testId="edit-promised-note" />
        <Form.Item name="onlineDepth" label={lbl('item.onlineDepth', 'onlineDepth')}>
          <Checkbox.Group options={([1, 2, 3, 4, 5, 6, 7] as const).map((n) => ({ value: n, label: t(`depth.${n}`) }))} data-testid="edit-depth" />
        </Form.Item>
        {(depth ?? []).includes(2) && <UrlItem name={['guide', 'onlineUrl']} label={lbl('guide.onlineUrl', 'guide.onlineUrl')} marked extra={t('ca.edit.onlineUrlHelp')} testId="edit-online-url" />}
      </Card>
      <Card size="small" title={t('ca.edit.window')} style={{ marginBottom: 16 }}>
        <TextItem name={['guide', 'place']} label={lbl('item.place', 'guide.place')} required testId="edit-place" />
        <TextItem name={['guide', 'hours']} label={lbl('item.hours', 'guide.hours')} required testId="edit-hours" />
      </Card>
      <Card size="small" title={t('ca.basic.sec.contact')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name={['guide', 'contactPhone']} label={lbl('item.contactPhone', 'guide.contactPhone')} rules={[{ required: true, message: t('ca.required') }]}>
              <Input data-testid="edit-contact-phone" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <UrlItem name={['guide', 'consultUrl']} label={lbl('guide.consultUrl', 'guide.consultUrl')} testId="edit-consult-url" />
          </Col>
        </Row>
        <TextItem name={['guide', 'consultAddress']} label={lbl('guide.consultAddress', 'guide.consultAddress')} testId="edit-consult-address" />
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name={['guide', 'complaintPhone']} label={lbl('item.complaintPhone', 'guide.complaintPhone')} rules={[{ required: true, message: t('ca.required') }]}>
              <Input data-testid="edit-complaint-phone" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <UrlItem name={['guide', 'complaintUrl']} label={lbl('guide.complaintUrl', 'guide.complaintUrl')} testId="edit-complaint-url" />
          </Col>
        </Row>
        <TextItem name={['guide', 'complaintAddress']} label={lbl('guide.complaintAddress', 'guide.complaintAddress')} testId="edit-complaint-address" />
      </Card>
      <Card size="small" title={lbl('item.fees', 'guide.fees')} style={{ marginBottom: 16 }}>
        <FeesList name={['guide', 'fees']} testId="edit-fee" />
        <GroupTitle>{lbl('guide.feeWaivers', 'guide.feeWaivers')}</GroupTitle>
        <WaiversList name={['guide', 'feeWaivers']} testId="edit-waiver" />
      </Card>
      <Card size="small" title={t('ca.edit.materials')} style={{ marginBottom: 16 }}>
        {d.content.materials.map((m) => (
          <div key={m.code} style={{ marginBottom: 12 }} data-testid={`edit-material-${m.code}`}>
            <Typography.Paragraph strong style={{ marginBottom: 8 }}>
              {m.code} {pick(lang, m.name)}
              <InheritedTag />
            </Typography.Paragraph>
            <TextItem name={['materials', m.code, 'description']} label={lbl('item.materialDesc', `materials.${m.code}.description`)} required area testId={`edit-material-${m.code}-desc`} />
            <MaterialFileRules name={['materials', m.code]} formatLabel={lbl('item.materialFormat', `materials.${m.code}.accept`)} sizeLabel={lbl('item.materialMaxSize', `materials.${m.code}.maxBytes`)} />
          </div>
        ))}
      </Card>
      <FlowEditor label={lbl('ca.flow.title', 'flow')} />
    </Form>
  );

  const contentTab = d && (
    <>
      {d.status === 'draft' && d.reviewNote && (
        <Alert
          type="warning"
          showIcon
          data-testid="review-note"
          title={t('ca.returned.title', { name: d.reviewerName ?? t('common.none') })}
          description={d.reviewNote}
          style={{ marginBottom: 16 }}
        />
      )}
      {d.problems.length > 0 && (
        <IssueList
          title={t('ca.problems.title', { n: d.problems.length })}
          issues={d.problems}
          testId="draft-problems"
          onPick={
            editable
              ? (path) => {
                  const name = fieldName(path.split('.'), d.content);
                  if (name) form.scrollToField(name as never, { behavior: 'smooth', block: 'center' });
                }
              : undefined
          }
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="save-error" />}
      {editable ? (
        <>
          <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
            <Typography.Text type="secondary">{t('ca.draft.hint')}</Typography.Text>
            <Space>
              <Button onClick={() => void save()} loading={busy} disabled={!baseline} data-testid="draft-save">
                {t('ca.draft.save')}
              </Button>
              <Button type="primary" onClick={() => void save('submit')} loading={busy} disabled={!baseline} data-testid="draft-submit">
                {t('ca.draft.submit')}
              </Button>
            </Space>
          </Space>
          {!baseline && basics.loading ? null : editor}
          <ContentView content={d.content} tag={<InheritedTag />} />
        </>
      ) : (
        <>
          <Alert type="info" showIcon title={t(`ca.readonly.${d.status}`)} style={{ marginBottom: 16 }} />
          <ContentView content={d.content} all />
        </>
      )}
    </>
  );

  const versionsTab = (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" disabled={compare.length !== 2} onClick={() => void showDiff()} data-testid="versions-compare">
          {t('ca.versions.compare')}
        </Button>
        <Typography.Text type="secondary">{t('ca.versions.pickTwo')}</Typography.Text>
      </Space>
      <Table<VersionSummary>
        rowKey="id"
        size="small"
        dataSource={versions}
        pagination={false}
        scroll={{ x: 900 }}
        data-testid="versions-table"
        onRow={(v) => ({ 'data-testid': 'version-row', 'data-no': v.versionNo }) as never}
        rowSelection={{ selectedRowKeys: compare, onChange: (keys) => setCompare((keys as string[]).slice(-2)), getCheckboxProps: (v) => ({ 'data-testid': `version-pick-${v.versionNo}` }) as never }}
        columns={[
          { title: t('ca.versions.no'), width: 70, render: (_, v) => `v${v.versionNo}` },
          { title: t('ca.col.status'), width: 100, render: (_, v) => <VersionTag status={v.status} /> },
          { title: t('ca.versions.author'), render: (_, v) => v.authorName ?? t('common.none') },
          { title: t('ca.versions.reviewer'), render: (_, v) => v.reviewerName ?? t('common.none') },
          { title: t('ca.versions.submitted'), render: (_, v) => formatDateTime(v.submittedAt, lang) },
          { title: t('ca.versions.published'), render: (_, v) => formatDateTime(v.publishedAt, lang) },
          { title: t('ca.versions.retired'), render: (_, v) => formatDateTime(v.retiredAt, lang) },
          { title: t('ca.versions.note'), render: (_, v) => v.reviewNote ?? t('common.none') },
          {
            title: t('ca.col.actions'),
            width: 90,
            render: (_, v) => (
              <Button size="small" type="link" onClick={() => (setPicked(v.id), setTab('content'))}>
                {t('ca.action.view')}
              </Button>
            ),
          },
        ]}
      />
      <Modal open={diff !== null} onCancel={() => setDiff(null)} footer={null} width={860} title={diff && t('ca.diff.title', { from: diff.from.versionNo, to: diff.to.versionNo })}>
        {diff && <DiffTable changes={diff.changes} beforeTitle={`v${diff.from.versionNo}`} afterTitle={`v${diff.to.versionNo}`} />}
      </Modal>
    </>
  );

  return (
    <CatalogueShell
      title={impl ? <span data-testid="impl-title">{pick(lang, impl.name)}</span> : t('ca.impl.one')}
      extra={
        impl && (
          <Space>
            {!open && (
              <Button onClick={() => void newDraft()} data-testid="page-new-draft">
                {t('ca.action.newDraft')}
              </Button>
            )}
          </Space>
        )
      }
    >
      <Breadcrumb items={[{ title: <Link to="/admin/catalogue">{t('ca.nav.implementations')}</Link> }, { title: impl?.code ?? '' }]} style={{ marginBottom: 12 }} />
      <QueryView q={history}>
        {(h) => (
          <>
            <Card size="small" style={{ marginBottom: 16 }}>
              <Descriptions
                size="small"
                column={{ xs: 1, md: 3 }}
                items={[
                  { key: 'code', label: t('ca.col.code'), children: h.implementation.code },
                  { key: 'dept', label: t('ca.col.department'), children: h.implementation.department.name },
                  { key: 'region', label: t('ca.col.region'), children: `${h.implementation.regionName}（${h.implementation.regionCode}）` },
                  {
                    key: 'shown',
                    label: t('ca.shownVersion'),
                    children: d ? <VersionTag status={d.status} no={d.versionNo} testId="shown-version" /> : t('common.none'),
                  },
                  { key: 'author', label: t('ca.versions.author'), children: d?.authorName ?? t('common.none') },
                  { key: 'reviewer', label: t('ca.versions.reviewer'), children: d?.reviewerName ?? t('common.none') },
                ]}
              />
              {d && (
                <Steps
                  size="small"
                  style={{ marginTop: 12 }}
                  current={STEPS.indexOf(d.status)}
                  items={[
                    { title: t('versionStatus.draft'), description: formatDateTime(d.createdAt, lang) },
                    { title: t('versionStatus.review'), description: formatDateTime(d.submittedAt, lang) },
                    { title: t('versionStatus.published'), description: formatDateTime(d.publishedAt, lang) },
                    { title: t('versionStatus.retired'), description: formatDateTime(d.retiredAt, lang) },
                  ]}
                />
              )}
            </Card>
            {h.versions.length === 0 ? (
              <Result status="info" title={t('ca.versions.none')} />
            ) : (
              <Tabs
                activeKey={tab}
                onChange={setTab}
                items={[
                  { key: 'content', label: <span data-testid="tab-content">{t(editable ? 'ca.tab.draft' : 'ca.tab.current')}</span>, children: <QueryView q={detail}>{() => contentTab}</QueryView> },
                  { key: 'versions', label: <span data-testid="tab-versions">{t('ca.tab.versions')}</span>, children: versionsTab },
                  {
                    key: 'form',
                    label: <span data-testid="tab-form">{t('ca.tab.form')}</span>,
                    children: d ? (
                      editable && baseline ? (
                        <>
                          <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
                            <Space>
                              <Typography.Text type="secondary">{t(localForm ? 'ca.form.local' : 'ca.form.inherited')}</Typography.Text>
                              {localForm ? <LocalTag /> : <InheritedTag />}
                              {localForm && (
                                <Button size="small" onClick={() => setLocalForm(null)} data-testid="form-inherit">
                                  {t('ca.form.reset')}
                                </Button>
                              )}
                            </Space>
                            <Button type="primary" onClick={() => void save()} loading={busy} data-testid="form-save">
                              {t('ca.draft.save')}
                            </Button>
                          </Space>
                          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
                          <FormDesigner value={localForm ?? baseline.form} onChange={setLocalForm} />
                        </>
                      ) : (
                        <>
                          <Typography.Paragraph type="secondary">{t(d.overrides.form ? 'ca.form.local' : 'ca.form.inherited')}</Typography.Paragraph>
                          <FieldsView content={d.content} />
                        </>
                      )
                    ) : (
                      <Empty />
                    ),
                  },
                ]}
              />
            )}
          </>
        )}
      </QueryView>
    </CatalogueShell>
  );
}
