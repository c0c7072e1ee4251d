import type { ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { Checkbox, Col, Form, InputNumber, Result, Row, Space, Tabs, Tag, Typography } from 'antd';
import { useAuth } from '../../../auth';
import { hasKey, useI18n, type Lang, type TFunction } from '../../../i18n';
import { formatBytes, formatFen } from '../../../format';
import type { VersionSummary } from '../../../types';

type LocalText = { zh: string; en: string };
export type VersionStatus = VersionSummary['status'];

export const pick = (lang: Lang, text: LocalText | null | undefined) => (text ? (lang === 'en' ? text.en || text.zh : text.zh) : '');

const STATUS_COLOR: Record<VersionStatus, string> = { draft: 'gold', review: 'processing', published: 'green', retired: 'default' };

/** A version's status as a coloured tag. */
export function VersionTag({ status, no, testId = 'version-tag' }: { status: VersionStatus; no?: number; testId?: string }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid={testId} data-status={status}>
      {no !== undefined && `v${no} · `}
      {t(`versionStatus.${status}`)}
    </Tag>
  );
}

/** The catalogue rights the session's roles give (the server decides; the pages only leave out what it would refuse). */
export function useCatalogueRights() {
  const { user } = useAuth();
  const roles = user?.kind === 'staff' && !user.actingFor ? user.roles : [];
  const nodeWide = roles.includes('catalogue_admin') || roles.includes('platform_admin');
  return { mayAdminister: nodeWide || roles.includes('admin'), nodeWide };
}

/** The catalogue administration's own menu: implementations, review queue, basic items (node admins), divergence report. */
export function CatalogueShell({ children, title, extra }: { children: ReactNode; title: ReactNode; extra?: ReactNode }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const loc = useLocation();
  const { mayAdminister, nodeWide } = useCatalogueRights();
  const { user } = useAuth();
  if (user && !mayAdminister) return <Result status="403" title="403" subTitle={t('ca.forbidden')} />;
  const tabs = [
    { key: '/admin/catalogue', label: t('ca.nav.implementations') },
    { key: '/admin/catalogue/review', label: t('ca.nav.review') },
    ...(nodeWide ? [{ key: '/admin/catalogue/basic-items', label: t('ca.nav.basicItems') }] : []),
    ...(nodeWide ? [{ key: '/admin/catalogue/themes', label: t('themes.admin.title') }] : []),
    { key: '/catalogue/divergence', label: t('ca.nav.divergence') },
    { key: '/admin/consistency', label: t('ca.nav.consistency') },
    { key: '/admin/catalogue/import', label: t('ca.nav.import') },
  ];
  const active = tabs.map((x) => x.key).filter((k) => (k === '/admin/catalogue' ? loc.pathname === k || loc.pathname.startsWith('/admin/catalogue/implementations') : loc.pathname.startsWith(k)))[0];
  return (
    <div className="yw-page">
      <Tabs
        activeKey={active ?? ''}
        onChange={(k) => navigate(k)}
        items={tabs.map((x) => ({ key: x.key, label: <span data-testid={`ca-tab-${x.key.split('/').pop()}`}>{x.label}</span> }))}
        style={{ marginBottom: 8 }}
      />
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {extra}
      </Space>
      {children}
    </div>
  );
}

/** A money input in yuan over a value in fen (分). */
export function YuanInput({ value, onChange, ...rest }: { value?: number; onChange?: (fen: number | undefined) => void; 'data-testid'?: string }) {
  return (
    <InputNumber
      {...rest}
      min={0}
      precision={2}
      prefix="¥"
      style={{ width: 140 }}
      value={value === undefined || value === null ? null : value / 100}
      onChange={(y) => onChange?.(y === null ? undefined : Math.round(Number(y) * 100))}
    />
  );
}

const MB = 1024 * 1024;
const round2 = (n: number) => Math.round(n * 100) / 100;
/** A size input in MB over a value in bytes; an unchanged figure keeps the exact bytes. */
export function MegabyteInput({ value, onChange, ...rest }: { value?: number; onChange?: (bytes: number | undefined) => void; 'data-testid'?: string }) {
  return (
    <InputNumber
      {...rest}
      min={0.01}
      max={100}
      precision={2}
      suffix="MB"
      style={{ width: 140 }}
      value={value === undefined || value === null ? null : round2(value / MB)}
      onChange={(mb) => {
        if (mb === null) return onChange?.(undefined);
        if (value !== undefined && round2(value / MB) === Number(mb)) return onChange?.(value);
        onChange?.(Math.round(Number(mb) * MB));
      }}
    />
  );
}

/**
/**
 * A material's accepted file formats and size limit, under `name` (a material of a list, or one by
 * code). A material the platform fetches itself needs no formats (`formatsRequired` false).
 */
export function MaterialFileRules({ name, formatLabel, sizeLabel, formatsRequired = true }: { name: (string | number)[]; formatLabel: ReactNode; sizeLabel: ReactNode; formatsRequired?: boolean }) {
  const { t } = useI18n();
  const req = [{ required: true, message: t('ca.required') }];
  return (
    <Row gutter={8}>
      <Col xs={24} md={12}>
        <Form.Item name={[...name, 'accept']} label={formatLabel} rules={formatsRequired ? req : []}>
          <Checkbox.Group options={['pdf', 'png', 'jpg'].map((x) => ({ value: x, label: x.toUpperCase() }))} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name={[...name, 'maxBytes']} label={sizeLabel} rules={req}>
          <MegabyteInput />
        </Form.Item>
      </Col>
    </Row>
  );
}

/**
 * The label of a content path (`guide.place.zh`, `materials.M01.maxBytes`, `materials.0.source`,
 * `form.fields.purpose.required`), as far as it is known. A segment's label may depend on what it
 * is part of (`ca.path.fees.name` before `ca.path.name`).
 */
export function pathLabel(t: TFunction, path: string): string {
  const segs = path.split('.');
  const out: string[] = [];
  const key = (k: string) => (hasKey(k) ? t(k) : null);
  let i = 0;
  let parent = '';
  if (segs[0] === 'guide') i = 1;
  if (segs[0] === 'materials' && segs[1]) {
    // A consistency problem names the material by its position, an override by its code.
    out.push(`${t('item.materials')} ${/^\d+$/.test(segs[1]) ? `#${Number(segs[1]) + 1}` : segs[1]}`);
    i = 2;
    parent = 'materials';
  } else if (segs[0] === 'form' && segs[1] === 'fields') {
    out.push(segs[2] ? `${t('ca.path.field')} ${segs[2]}` : t('ca.path.form'));
    i = 3;
  } else if (segs[0] === 'fields' && segs[1] !== undefined) {
    out.push(`${t('ca.path.field')} ${segs[1]}`);
    i = 2;
  }
  for (; i < segs.length; i++) {
    const s = segs[i]!;
    if (s === 'zh' || s === 'en') out.push(t(s === 'zh' ? 'ca.path.zh' : 'ca.path.en'));
    else if (/^\d+$/.test(s)) out.push(`#${Number(s) + 1}`);
    else {
      out.push((parent && key(`ca.path.${parent}.${s}`)) || key(`ca.path.${s}`) || s);
      parent = s;
    }
  }
  return out.join(' · ');
}

const isLocalText = (v: unknown): v is LocalText => typeof v === 'object' && v !== null && !Array.isArray(v) && 'zh' in v && 'en' in v && Object.keys(v).length === 2;

/** The label prefix of each coded element (the guide's labels, src/lib/i18n/guideLabels.ts). */
const CODED: Record<string, string> = {
  exerciseLevel: 'exerciseLevel',
  powerSource: 'powerSource',
  legalLimitUnit: 'limitUnit',
  promisedLimitUnit: 'limitUnit',
  unit: 'limitUnit',
  resultType: 'resultType',
  crossRegion: 'crossRegion',
  source: 'materialSource',
  registry: 'registry',
  medium: 'materialMedium',
  kind: 'specialProcedure',
};

/** A value of a content, in words: texts in the page's language, fees in yuan, sizes in MB, depth as stage names. */
export function valueText(t: TFunction, lang: Lang, path: string, v: unknown): string {
  if (v === undefined || v === null) return t('ca.diff.absent');
  const last = path.split('.').pop();
  if (typeof v === 'number' && last === 'maxBytes') return formatBytes(v);
  if (typeof v === 'number' && last === 'amountFen') return formatFen(v, lang);
  if (typeof v === 'number' && /LimitDays$/.test(last ?? '')) return t('common.days', { n: v });
  if (typeof v === 'boolean') return t(v ? 'common.yes' : 'common.no');
  if (last === 'caseKind' && typeof v === 'string') return t(`ca.caseKind.${v}` as never);
  const prefix = last ? CODED[last] : undefined;
  if (prefix && typeof v === 'string' && hasKey(`${prefix}.${v}`)) return t(`${prefix}.${v}` as never);
  if (last === 'onlineDepth' && Array.isArray(v))
    return v
      .map((d) => {
        const k = `depth.${String(d)}`;
        return hasKey(k) ? t(k) : String(d);
      })
      .join(t('common.listSep'));
  if (isLocalText(v)) return pick(lang, v);
  if (Array.isArray(v)) return v.map((x) => (isLocalText(x) ? pick(lang, x) : typeof x === 'object' ? JSON.stringify(x) : String(x))).join(t('common.listSep'));
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (isLocalText(o.name)) return pick(lang, o.name) + (typeof o.amountFen === 'number' ? ` ${formatFen(o.amountFen, lang)}` : '');
    if (isLocalText(o.label)) return pick(lang, o.label);
    return JSON.stringify(v);
  }
  return String(v);
}
