import type { ReactNode } from 'react';
import { Card, Descriptions, Empty, Table, Tag, Typography } from 'antd';
import { useI18n, type MessageKey } from '../../../i18n';
import { DepthTags } from '../../../components/DepthTags';
import { formatBytes, formatFen } from '../../../format';
import { itemTypeLabel, promisedLimitText } from '../../../i18n';
import type { VersionDetail, VersionDiff } from '../../../types';
import { pathLabel, pick, valueText } from './shared';

export type Content = VersionDetail['content'];
export type Change = VersionDiff['changes'][number];

/** Marks a part the basic item sets (not the region). */
export function InheritedTag() {
  const { t } = useI18n();
  return (
    <Tag color="default" data-testid="inherited-tag" style={{ marginInlineStart: 8, fontWeight: 'normal' }}>
      {t('ca.inherited')}
    </Tag>
  );
}

/** Marks a part the region set for itself. */
export function LocalTag() {
  const { t } = useI18n();
  return (
    <Tag color="blue" data-testid="local-tag" style={{ marginInlineStart: 8, fontWeight: 'normal' }}>
      {t('ca.local')}
    </Tag>
  );
}

const list = (items: { zh: string; en: string }[], lang: 'zh-CN' | 'en', none: string) =>
  items.length ? (
    <ol style={{ margin: 0, paddingInlineStart: 20 }}>
      {items.map((x, i) => (
        <li key={i}>{pick(lang, x)}</li>
      ))}
    </ol>
  ) : (
    none
  );

/**
 * The parts of a content the basic item decides, as the guide shows them (read-only). With `all`,
 * also the parts a region may set (limits, place, phones, fees, materials' details), for a version
 * that is not a draft.
 */
/** A legal basis as one line: its name and article (a first-release basis is a plain text). */
const basisText = (b: Content['guide']['legalBasis'][number]) =>
  'name' in b ? { zh: [b.name.zh, b.article?.zh].filter(Boolean).join(' '), en: [b.name.en, b.article?.en].filter(Boolean).join(', ') } : b;

export function ContentView({ content, all = false, tag }: { content: Content; all?: boolean; tag?: ReactNode }) {
  const { t, lang } = useI18n();
  const g = content.guide;
  const none = t('common.none');
  const coded = (prefix: string, code: string | undefined) => (code ? t(`${prefix}.${code}` as MessageKey) : t('guide.notStated'));
  const limit = (n: number, unit: string | undefined) => t(`guide.limit.${unit ?? 'working_days'}` as MessageKey, { n });
  const opt = (x: { zh: string; en: string } | undefined) => (x ? pick(lang, x) : none);
  const link = (u: string | undefined) => (u ? <Typography.Text copyable={{ text: u }}>{u}</Typography.Text> : none);
  const fixed = [
    { key: 'name', label: t('ca.path.name'), children: pick(lang, content.name) },
    { key: 'type', label: t('item.itemType'), children: itemTypeLabel(t, content.itemType, '') },
    { key: 'exercise', label: t('guide.exerciseLevel'), children: coded('exerciseLevel', g.exerciseLevel) },
    { key: 'power', label: t('guide.powerSource'), children: [coded('powerSource', g.powerSource), g.powerSourceNote ? pick(lang, g.powerSourceNote) : ''].filter(Boolean).join(t('common.listSep')) },
    ...(g.implementingBody ? [{ key: 'body', label: t('guide.implementingBody'), children: pick(lang, g.implementingBody) }] : []),
    { key: 'legal', label: t('item.legalLimit'), children: [limit(content.legalLimitDays, g.legalLimitUnit), g.legalLimitNote ? pick(lang, g.legalLimitNote) : ''].filter(Boolean).join(' · ') },
    { key: 'level', label: t('item.minLevel'), children: t('item.minLevelValue', { n: content.minLevel }) },
    { key: 'kinds', label: t('ca.path.applicantKinds'), children: content.applicantKinds.map((k) => t(`ca.applicant.${k}`)).join(t('common.listSep')) },
    { key: 'licence', label: t('item.licence'), children: content.licenceTypeCode ?? t('item.licenceNo') },
    { key: 'cross', label: t('guide.crossRegion'), children: coded('crossRegion', g.crossRegion) },
    { key: 'basis', label: t('item.legalBasis'), span: 2, children: list(g.legalBasis.map(basisText), lang, none) },
    { key: 'audience', label: t('item.audience'), span: 2, children: pick(lang, g.audience) },
    { key: 'conditions', label: t('item.conditions'), span: 2, children: list(g.conditions, lang, none) },
    { key: 'process', label: t('item.process'), span: 2, children: list(g.process, lang, none) },
    { key: 'result', label: t('item.result'), children: pick(lang, g.result) },
    { key: 'resultType', label: t('guide.resultType'), children: coded('resultType', g.resultType) },
    ...(g.specialProcedures?.length
      ? [{ key: 'special', label: t('guide.specialProcedures'), span: 2, children: list(g.specialProcedures.map((x) => ({ zh: `${t(`specialProcedure.${x.kind}` as MessageKey)} ${x.name.zh}`, en: `${t(`specialProcedure.${x.kind}` as MessageKey)}: ${x.name.en}` })), lang, none) }]
      : []),
    ...(g.intermediaryServices?.length ? [{ key: 'intermediary', label: t('guide.intermediary'), span: 2, children: list(g.intermediaryServices.map((x) => x.name), lang, none) }] : []),
    ...(g.faq?.length ? [{ key: 'faq', label: t('guide.faq'), span: 2, children: list(g.faq.map((x) => x.question), lang, none) }] : []),
  ];
  const local = all
    ? [
        { key: 'promised', label: t('item.promisedLimit'), children: <b className="yw-red" data-testid="content-promised">{content.promisedLimitDays === 0 ? promisedLimitText(t, 0) : limit(content.promisedLimitDays, g.promisedLimitUnit)}</b> },
        { key: 'kind', label: t('item.caseKind'), children: t(`ca.caseKind.${g.caseKind}`) },
        ...(g.promisedLimitNote ? [{ key: 'promisedNote', label: t('ca.edit.promisedLimitNote'), span: 2, children: pick(lang, g.promisedLimitNote) }] : []),
        { key: 'depth', label: t('item.onlineDepth'), span: 2, children: <DepthTags depth={content.onlineDepth} /> },
        { key: 'online', label: t('guide.onlineUrl'), span: 2, children: link(g.onlineUrl) },
        { key: 'place', label: t('item.place'), span: 2, children: pick(lang, g.place) },
        { key: 'hours', label: t('item.hours'), span: 2, children: pick(lang, g.hours) },
        { key: 'phone', label: t('item.contactPhone'), children: g.contactPhone },
        { key: 'complaint', label: t('item.complaintPhone'), children: g.complaintPhone },
        { key: 'consultAddress', label: t('guide.consultAddress'), children: opt(g.consultAddress) },
        { key: 'consultUrl', label: t('guide.consultUrl'), children: link(g.consultUrl) },
        { key: 'complaintAddress', label: t('guide.complaintAddress'), children: opt(g.complaintAddress) },
        { key: 'complaintUrl', label: t('guide.complaintUrl'), children: link(g.complaintUrl) },
        { key: 'visits', label: t('item.visits'), children: g.visits === 0 ? t('item.visitsZero') : t('item.visitsValue', { n: g.visits }) },
        ...(g.visits > 0 ? [{ key: 'visitReason', label: t('guide.visitReason'), children: opt(g.visitReason) }] : []),
        {
          key: 'fees',
          label: t('item.fees'),
          span: 2,
          children: g.fees.length ? g.fees.map((f) => `${pick(lang, f.name)} ${formatFen(f.amountFen, lang)}`).join(t('common.listSep')) : t('common.free'),
        },
        ...(g.feeWaivers?.length ? [{ key: 'waivers', label: t('guide.feeWaivers'), span: 2, children: list(g.feeWaivers.map((w) => w.description), lang, none) }] : []),
      ]
    : [];
  const sourceText = (m: Content['materials'][number]) =>
    [
      coded('materialSource', m.source),
      m.source === 'licence' && m.licenceTypeCode ? m.licenceTypeCode : '',
      m.source === 'registry' && m.registry ? t(`registry.${m.registry}` as MessageKey) : '',
    ]
      .filter(Boolean)
      .join(' ');
  const formText = (m: Content['materials'][number]) =>
    [m.form ? t(`materialForm.${m.form}` as MessageKey) : '', m.medium && !(m.form === 'electronic' && m.medium === 'electronic') ? t(`materialMedium.${m.medium}` as MessageKey) : '', m.copies ? t('guide.copiesValue', { n: m.copies }) : ''].filter(Boolean).join(t('common.listSep')) || none;
  return (
    <>
      <Card size="small" title={<>{t(all ? 'ca.content.all' : 'ca.content.fixed')}{tag}</>} style={{ marginBottom: 16 }}>
        <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} items={[...(all ? local : []), ...fixed]} />
      </Card>
      <Card size="small" title={<>{t('item.materials')}{tag}</>} style={{ marginBottom: 16 }}>
        <Table
          rowKey="code"
          size="small"
          pagination={false}
          dataSource={content.materials}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('ca.col.code'), dataIndex: 'code', width: 90 },
            { title: t('item.materialName'), render: (_, m) => pick(lang, m.name) },
            { title: t('item.materialRequired'), width: 90, render: (_, m) => (m.required ? <Tag color="red">{t('common.required')}</Tag> : <Tag>{t('common.optional')}</Tag>) },
            { title: t('guide.materialSource'), render: (_, m) => sourceText(m) },
            { title: t('guide.materialForm'), render: (_, m) => formText(m) },
            ...(all
              ? [
                  { title: t('item.materialDesc'), render: (_: unknown, m: Content['materials'][number]) => pick(lang, m.description) },
                  { title: t('item.materialFormat'), width: 110, render: (_: unknown, m: Content['materials'][number]) => m.accept.map((x) => x.toUpperCase()).join(' / ') || none },
                  { title: t('item.materialMaxSize'), width: 100, render: (_: unknown, m: Content['materials'][number]) => formatBytes(m.maxBytes) },
                ]
              : []),
          ]}
        />
      </Card>
    </>
  );
}

/** The form's fields, read-only. */
export function FieldsView({ content }: { content: Content }) {
  const { t, lang } = useI18n();
  return (
    <Table
      rowKey="name"
      size="small"
      pagination={false}
      dataSource={content.form.fields}
      data-testid="form-fields"
      locale={{ emptyText: <Empty description={t('ca.form.none')} /> }}
      columns={[
        { title: t('ca.form.name'), dataIndex: 'name', width: 160, render: (n: string) => <Typography.Text code>{n}</Typography.Text> },
        { title: t('ca.form.label'), render: (_, f) => pick(lang, f.label) },
        { title: t('ca.form.type'), width: 140, render: (_, f) => t(`forms.type.${f.type}`) },
        { title: t('ca.form.required'), width: 90, render: (_, f) => (f.required ? <Tag color="red">{t('common.required')}</Tag> : <Tag>{t('common.optional')}</Tag>) },
        { title: t('ca.form.options'), render: (_, f) => (f.options ?? []).map((o) => pick(lang, o.label)).join(t('common.listSep')) || t('common.none') },
      ]}
    />
  );
}

/** Changes between two contents: path (as a field label where known) → before → after. */
export function DiffTable({ changes, beforeTitle, afterTitle, testId = 'diff-table' }: { changes: Change[]; beforeTitle?: string; afterTitle?: string; testId?: string }) {
  const { t, lang } = useI18n();
  return (
    <Table
      rowKey="path"
      size="small"
      pagination={false}
      dataSource={changes}
      data-testid={testId}
      onRow={(c) => ({ 'data-testid': 'diff-row', 'data-path': c.path }) as never}
      locale={{ emptyText: <Empty description={t('ca.diff.none')} /> }}
      columns={[
        { title: t('ca.diff.path'), width: '34%', render: (_, c) => <span title={c.path}>{pathLabel(t, c.path)}</span> },
        { title: beforeTitle ?? t('ca.diff.before'), render: (_, c) => <Typography.Text delete={c.before !== undefined} type="secondary">{valueText(t, lang, c.path, c.before)}</Typography.Text> },
        { title: afterTitle ?? t('ca.diff.after'), render: (_, c) => <Typography.Text strong data-testid="diff-after">{valueText(t, lang, c.path, c.after)}</Typography.Text> },
      ]}
    />
  );
}

/** What a version sets locally, as changes against the baseline (for a first version, which has no published one to compare with). */
export function overrideChanges(overrides: VersionDetail['overrides'], baseline: Content): Change[] {
  const out: Change[] = [];
  if (overrides.promisedLimitDays !== undefined) out.push({ path: 'promisedLimitDays', before: baseline.promisedLimitDays, after: overrides.promisedLimitDays });
  if (overrides.onlineDepth) out.push({ path: 'onlineDepth', before: baseline.onlineDepth, after: overrides.onlineDepth });
  for (const [k, v] of Object.entries(overrides.guide ?? {})) out.push({ path: `guide.${k}`, before: baseline.guide[k as keyof Content['guide']], after: v });
  for (const [code, m] of Object.entries(overrides.materials ?? {})) {
    const base = baseline.materials.find((x) => x.code === code);
    for (const [k, v] of Object.entries(m)) out.push({ path: `materials.${code}.${k}`, before: base?.[k as keyof typeof base], after: v });
  }
  if (overrides.form) out.push({ path: 'form.fields', before: baseline.form.fields.map((f) => f.name).join(', '), after: overrides.form.fields.map((f) => f.name).join(', ') });
  return out;
}
