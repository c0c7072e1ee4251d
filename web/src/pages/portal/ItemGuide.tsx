import { Link, useNavigate, useParams } from 'react-router-dom';
import { BookButton } from '../hall/BookButton';
import { Affix, Breadcrumb, Button, Card, Col, Collapse, Descriptions, Grid, List, Row, Space, Steps, Table, Tag, Typography } from 'antd';
import { CloudDownloadOutlined, EditOutlined, GlobalOutlined, LinkOutlined, PhoneOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '../../hooks';
import { hasKey, itemTypeLabel, useI18n, type MessageKey, type TFunction } from '../../i18n';
import { useAuth } from '../../auth';
import type { ItemDetail, MaterialSpec } from '../../types';
import { QueryView } from '../../components/QueryView';
import { DepthTags } from '../../components/DepthTags';
import { formatBytes, formatFen } from '../../format';
import { useEffect } from 'react';
import { rememberItem } from '../../recentItems';

type Guide = ItemDetail['guide'];

export default function ItemGuide() {
  const { id } = useParams();
  const q = useQuery<ItemDetail>(`/api/catalog/items/${encodeURIComponent(id ?? '')}`);
  return <QueryView q={q}>{(item) => <GuidePage item={item} />}</QueryView>;
}

/** A link of the guide (online address, blank form, sample): a site path or an https address, opened beside the guide. */
function Ext({ href, children, testId }: { href: string; children: React.ReactNode; testId?: string }) {
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" data-testid={testId}>
      {children}
    </a>
  );
}

/** A limit in its unit ("3 个工作日", "7 calendar days"); 0 is "on the spot". */
const limitText = (t: TFunction, n: number, unit: Guide['legalLimitUnit']) =>
  n === 0 ? t('common.onTheSpot') : hasKey(`guide.limit.${unit.code}`) ? t(`guide.limit.${unit.code}` as MessageKey, { n }) : `${n} ${unit.label}`;

/** A site path shown as the full address the reader would type. */
const fullUrl = (url: string) => (url.startsWith('/') ? `${window.location.origin}${url}` : url);

/** The guide in the order of GB/T 39554's element list: basis, body and level, audience, conditions, process, limits, place and visits, online, fees, materials, channels, result, intermediaries, scope; then the FAQ. */
function GuidePage({ item }: { item: ItemDetail }) {
  const { t, lang } = useI18n();
  const { user } = useAuth();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const g = item.guide;
  const isStaff = user?.kind === 'staff';
  const descLayout = screens.md ? ('horizontal' as const) : ('vertical' as const);
  useEffect(() => rememberItem({ id: item.id, name: item.name }), [item.id, item.name]);
  const online = item.onlineDepth.includes(2);
  const notStated = <Typography.Text type="secondary">{t('guide.notStated')}</Typography.Text>;
  const orNone = (x: React.ReactNode) => x ?? <Typography.Text type="secondary">{t('guide.none')}</Typography.Text>;

  const apply = () => {
    const target = `/apply/${item.id}`;
    if (!user) navigate(`/login?next=${encodeURIComponent(target)}`);
    else navigate(target);
  };

  const applyButton = (testId = 'apply-button') => (
    <Button
      type="primary"
      size="large"
      danger
      icon={<EditOutlined />}
      onClick={apply}
      disabled={isStaff}
      title={isStaff ? t('item.staffCannotApply') : undefined}
      data-testid={testId}
      className="yw-apply-btn"
    >
      {user ? t('item.apply') : t('item.loginToApply')}
    </Button>
  );

  const section = (key: string, title: string, body: React.ReactNode) => (
    <Card key={key} id={`guide-${key}`} title={<span className="yw-section-title">{title}</span>} className="yw-guide-card" data-testid={`guide-${key}`}>
      {body}
    </Card>
  );

  const desc = (items: { key: string; label: string; children: React.ReactNode }[], column: number | Record<string, number> = { xs: 1, md: 2 }) => (
    <Descriptions layout={descLayout} bordered size="small" column={column} items={items} />
  );

  const list = (xs: string[]) =>
    xs.length ? (
      <ol className="yw-ol">
        {xs.map((x, i) => (
          <li key={i}>{x}</li>
        ))}
      </ol>
    ) : (
      <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
    );

  const sourceCell = (m: MaterialSpec) => (
    <Space direction="vertical" size={2}>
      <span>{m.source.label}</span>
      {m.fetched && (
        <Tag color="green" data-testid={`guide-fetched-${m.code}`}>
          {t('material.fetched')}
        </Tag>
      )}
      {m.licenceTypeCode && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('guide.licenceType', { code: m.licenceTypeCode })}</Typography.Text>}
      {m.registry && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{m.registry.label}</Typography.Text>}
    </Space>
  );

  const filesCell = (m: MaterialSpec) =>
    m.blankFormUrl || m.sampleUrl ? (
      <Space direction="vertical" size={2}>
        {m.blankFormUrl && (
          <Ext href={m.blankFormUrl} testId={`guide-blank-${m.code}`}>
            <CloudDownloadOutlined /> {t('guide.blankForm')}
          </Ext>
        )}
        {m.sampleUrl && (
          <Ext href={m.sampleUrl} testId={`guide-sample-${m.code}`}>
            <LinkOutlined /> {t('guide.sample')}
          </Ext>
        )}
      </Space>
    ) : (
      <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
    );

  const necessity = (r: boolean) => (r ? <Tag color="red">{t('common.required')}</Tag> : <Tag>{t('common.optional')}</Tag>);
  const formatText = (m: MaterialSpec) => (m.fetched ? t('common.none') : `${m.accept.map((x) => x.toUpperCase()).join(' / ')} · ${formatBytes(m.maxBytes)}`);

  return (
    <div className="yw-page">
      <Breadcrumb items={[{ title: <Link to="/">{t('nav.services')}</Link> }, { title: item.department.name }, { title: item.name }]} style={{ marginBottom: 12 }} />
      <Card className="yw-guide-head">
        <Row gutter={[16, 16]} align="middle">
          <Col flex="auto">
            <Typography.Title level={2} style={{ margin: 0 }} data-testid="item-name">
              {item.name}
            </Typography.Title>
            <div style={{ marginTop: 8 }}>
              <Tag color="blue">{itemTypeLabel(t, item.itemType, item.itemTypeLabel)}</Tag>
              <Tag>{item.department.name}</Tag>
              {item.feeFree && <Tag color="green">{t('common.free')}</Tag>}
              {g.crossRegion.code !== 'none' && <Tag color="purple">{g.crossRegion.label}</Tag>}
              <DepthTags depth={item.onlineDepth} summary />
            </div>
          </Col>
          {screens.md && (
            <Col>
              <Space>
                {applyButton()}
                <BookButton itemId={item.id} />
              </Space>
            </Col>
          )}
        </Row>
        <Row gutter={16} className="yw-limits">
          <Col xs={12} md={6}>
            <div className="yw-stat-label">{t('item.promisedLimit')}</div>
            <div className="yw-stat-value yw-red" data-testid="guide-promised-days">
              {limitText(t, item.promisedLimitDays, g.promisedLimitUnit)}
            </div>
          </Col>
          <Col xs={12} md={6}>
            <div className="yw-stat-label">{t('item.legalLimit')}</div>
            <div className="yw-stat-value" data-testid="guide-legal-days">
              {limitText(t, item.legalLimitDays, g.legalLimitUnit)}
            </div>
          </Col>
          <Col xs={12} md={6}>
            <div className="yw-stat-label">{t('item.visits')}</div>
            <div className="yw-stat-value">{g.visits === 0 ? t('item.visitsZero') : t('item.visitsValue', { n: g.visits })}</div>
          </Col>
          <Col xs={12} md={6}>
            <div className="yw-stat-label">{t('item.fees')}</div>
            <div className="yw-stat-value">{item.feeFree || g.fees.length === 0 ? t('common.free') : g.fees.map((f) => formatFen(f.amountFen, lang)).join(' + ')}</div>
          </Col>
        </Row>
      </Card>

      {section(
        'basic',
        t('item.basic'),
        desc([
          { key: 'code', label: t('item.code'), children: item.code },
          { key: 'type', label: t('item.itemType'), children: itemTypeLabel(t, item.itemType, item.itemTypeLabel) },
          { key: 'body', label: t('guide.implementingBody'), children: g.implementingBody ?? item.department.name },
          { key: 'region', label: t('item.region'), children: item.region.name },
          { key: 'level', label: t('guide.exerciseLevel'), children: g.exerciseLevel?.label ?? notStated },
          {
            key: 'power',
            label: t('guide.powerSource'),
            children: g.powerSource ? (
              <span data-testid="guide-power-source">
                {g.powerSource.label}
                {g.powerSourceNote && <Typography.Text type="secondary">（{g.powerSourceNote}）</Typography.Text>}
              </span>
            ) : (
              notStated
            ),
          },
          { key: 'level2', label: t('item.minLevel'), children: t('item.minLevelValue', { n: item.minLevel }) },
        ]),
      )}
      {section(
        'legalBasis',
        t('item.legalBasis'),
        <List
          size="small"
          dataSource={g.legalBasis}
          renderItem={(b, i) => (
            <List.Item data-testid={`guide-basis-${i}`}>
              <div>
                <Typography.Text strong>
                  {b.name}
                  {b.article && ` ${b.article}`}
                </Typography.Text>
                {b.text && <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>{b.text}</Typography.Paragraph>}
              </div>
            </List.Item>
          )}
        />,
      )}
      {section('audience', t('item.audience'), <Typography.Paragraph style={{ margin: 0 }}>{g.audience || t('common.none')}</Typography.Paragraph>)}
      {section('conditions', t('item.conditions'), list(g.conditions))}
      {section(
        'process',
        t('item.process'),
        <>
          <Steps
            orientation={screens.md ? 'horizontal' : 'vertical'}
            current={-1}
            size="small"
            items={g.process.map((p) => ({ title: p, status: 'wait' as const }))}
            className="yw-process"
          />
          {g.specialProcedures.length > 0 && (
            <div style={{ marginTop: 16 }} data-testid="guide-special">
              <Typography.Title level={5}>{t('guide.specialProcedures')}</Typography.Title>
              <Table
                size="small"
                rowKey={(_p, i) => String(i)}
                pagination={false}
                dataSource={g.specialProcedures}
                columns={[
                  { title: t('guide.specialKind'), render: (_v, p) => p.kind.label, width: 120 },
                  { title: t('guide.specialName'), dataIndex: 'name' },
                  { title: t('guide.specialLimit'), width: 120, render: (_v, p) => (p.limit === null ? t('guide.notStated') : limitText(t, p.limit, p.unit)) },
                  { title: t('guide.limitNote'), dataIndex: 'note', render: (n: string | null) => n ?? '—' },
                ]}
              />
              <Typography.Text type="secondary">{t('guide.specialNotCounted')}</Typography.Text>
            </div>
          )}
        </>,
      )}
      {section(
        'limits',
        t('item.limits'),
        desc(
          [
            { key: 'kind', label: t('item.caseKind'), children: g.caseKind },
            { key: 'legal', label: t('item.legalLimit'), children: limitText(t, item.legalLimitDays, g.legalLimitUnit) },
            { key: 'legalNote', label: t('guide.limitNote'), children: g.legalLimitNote ?? '—' },
            { key: 'promised', label: t('item.promisedLimit'), children: <b className="yw-red">{limitText(t, item.promisedLimitDays, g.promisedLimitUnit)}</b> },
            { key: 'promisedNote', label: t('guide.limitNote'), children: g.promisedLimitNote ?? '—' },
          ],
          { xs: 1, md: 1 },
        ),
      )}
      {section(
        'place',
        t('item.placeAndHours'),
        desc(
          [
            { key: 'place', label: t('item.place'), children: g.place || t('common.none') },
            { key: 'hours', label: t('item.hours'), children: g.hours || t('common.none') },
            { key: 'visits', label: t('item.visits'), children: g.visits === 0 ? t('item.visitsZero') : t('item.visitsValue', { n: g.visits }) },
            ...(g.visits > 0 ? [{ key: 'reason', label: t('guide.visitReason'), children: <span data-testid="guide-visit-reason">{g.visitReason ?? t('guide.notStated')}</span> }] : []),
          ],
          1,
        ),
      )}
      {section(
        'online',
        t('guide.online'),
        desc(
          [
            { key: 'online', label: t('guide.onlineAvailable'), children: online ? t('guide.yes') : t('guide.no') },
            { key: 'depth', label: t('item.onlineDepth'), children: <DepthTags depth={item.onlineDepth} /> },
            {
              key: 'url',
              label: t('guide.onlineUrl'),
              children: g.onlineUrl ? (
                <Ext href={g.onlineUrl} testId="guide-online-url">
                  <GlobalOutlined /> {fullUrl(g.onlineUrl)}
                </Ext>
              ) : (
                '—'
              ),
            },
          ],
          1,
        ),
      )}
      {section(
        'fees',
        t('item.fees'),
        <>
          {item.feeFree || g.fees.length === 0 ? (
            <Tag color="green" style={{ fontSize: 14, padding: '2px 10px' }} data-testid="guide-fee-free">
              {t('common.free')}
            </Tag>
          ) : (
            <Table
              size="small"
              rowKey="name"
              pagination={false}
              dataSource={g.fees}
              columns={[
                { title: t('item.feeName'), dataIndex: 'name' },
                { title: t('item.feeAmount'), dataIndex: 'amountFen', render: (f: number) => formatFen(f, lang) },
                { title: t('item.feeBasis'), dataIndex: 'basis', render: (b: string | null) => b ?? '—' },
              ]}
            />
          )}
          {g.feeWaivers.length > 0 && (
            <div style={{ marginTop: 12 }} data-testid="guide-fee-waivers">
              <Typography.Text strong>{t('guide.feeWaivers')}</Typography.Text>
              <ul className="yw-ol">
                {g.feeWaivers.map((w, i) => (
                  <li key={i}>
                    {w.description}
                    {w.basis && <Typography.Text type="secondary">（{t('guide.waiverBasis')}：{w.basis}）</Typography.Text>}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>,
      )}
      {section(
        'materials',
        t('item.materials'),
        <>
          {item.materials.some((m) => m.fetched) && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
              {t('guide.fetchedHint')}
            </Typography.Paragraph>
          )}
          {screens.md ? (
            <Table<MaterialSpec>
              size="small"
              rowKey="code"
              pagination={false}
              dataSource={item.materials}
              scroll={{ x: 900 }}
              onRow={(m) => ({ 'data-testid': `guide-material-${m.code}` }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { title: '#', width: 40, render: (_v, _m, i) => i + 1 },
                {
                  title: t('item.materialName'),
                  render: (_v, m) => (
                    <div>
                      <div>{m.name}</div>
                      {m.description && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{m.description}</Typography.Text>}
                    </div>
                  ),
                },
                { title: t('item.materialRequired'), dataIndex: 'required', width: 90, render: necessity },
                { title: t('guide.materialSource'), width: 170, render: (_v, m) => sourceCell(m) },
                { title: t('guide.materialForm'), width: 90, render: (_v, m) => m.form?.label ?? '—' },
                { title: t('guide.materialCopies'), width: 64, render: (_v, m) => (m.copies ? t('guide.copiesValue', { n: m.copies }) : '—') },
                { title: t('guide.materialMedium'), width: 100, render: (_v, m) => m.medium?.label ?? '—' },
                { title: t('item.materialFormat'), width: 130, render: (_v, m) => formatText(m) },
                { title: t('guide.materialFiles'), width: 100, render: (_v, m) => filesCell(m) },
              ]}
            />
          ) : (
            <List
              className="yw-material-list"
              dataSource={item.materials}
              renderItem={(m, i) => (
                <List.Item data-testid={`guide-material-${m.code}`}>
                  <div>
                    <b>
                      {i + 1}. {m.name}
                    </b>{' '}
                    {necessity(m.required)}
                    {m.fetched && <Tag color="green">{t('material.fetched')}</Tag>}
                  </div>
                  {m.description && <Typography.Text type="secondary">{m.description}</Typography.Text>}
                  <div style={{ fontSize: 12, color: '#8c8c8c' }}>
                    {t('guide.materialSource')}: {m.source.label}
                    {m.form && ` · ${t('guide.materialForm')}: ${m.form.label}`}
                    {m.copies ? ` · ${t('guide.materialCopies')}: ${t('guide.copiesValue', { n: m.copies })}` : ''}
                    {m.medium && ` · ${m.medium.label}`}
                    {!m.fetched && ` · ${t('item.materialFormat')}: ${formatText(m)}`}
                  </div>
                  {(m.blankFormUrl || m.sampleUrl) && filesCell(m)}
                </List.Item>
              )}
            />
          )}
        </>,
      )}
      {section(
        'contact',
        t('item.contact'),
        desc([
          { key: 'c', label: t('item.contactPhone'), children: <a href={`tel:${g.contactPhone}`}><PhoneOutlined /> {g.contactPhone}</a> },
          { key: 'p', label: t('item.complaintPhone'), children: <a href={`tel:${g.complaintPhone}`}><PhoneOutlined /> {g.complaintPhone}</a> },
          { key: 'ca', label: t('guide.consultAddress'), children: g.consultAddress ?? '—' },
          { key: 'pa', label: t('guide.complaintAddress'), children: g.complaintAddress ?? '—' },
          ...(g.consultUrl ? [{ key: 'cu', label: t('guide.consultUrl'), children: <Ext href={g.consultUrl}>{g.consultUrl}</Ext> }] : []),
          ...(g.complaintUrl ? [{ key: 'pu', label: t('guide.complaintUrl'), children: <Ext href={g.complaintUrl}>{g.complaintUrl}</Ext> }] : []),
        ]),
      )}
      {section(
        'result',
        t('item.result'),
        <>
          {desc(
            [
              { key: 'type', label: t('guide.resultType'), children: g.resultType?.label ?? notStated },
              { key: 'name', label: t('guide.resultName'), children: g.result || t('common.none') },
              ...(g.resultSampleUrl ? [{ key: 'sample', label: t('guide.resultSample'), children: <Ext href={g.resultSampleUrl} testId="guide-result-sample"><LinkOutlined /> {t('guide.view')}</Ext> }] : []),
            ],
            1,
          )}
          <div data-testid="guide-licence" style={{ marginTop: 12 }}>
            <SafetyCertificateOutlined style={{ color: item.licenceType ? '#389e0d' : undefined }} />{' '}
            {item.licenceType ? t('item.licenceYes', { name: item.licenceType.name }) : t('item.licenceNo')}
          </div>
        </>,
      )}
      {section(
        'intermediary',
        t('guide.intermediary'),
        g.intermediaryServices.length ? (
          <Table
            size="small"
            rowKey="name"
            pagination={false}
            dataSource={g.intermediaryServices}
            columns={[
              { title: t('guide.intermediaryName'), dataIndex: 'name' },
              { title: t('guide.intermediaryRequired'), dataIndex: 'required', width: 100, render: (r: boolean) => (r ? t('guide.yes') : t('guide.no')) },
              { title: t('guide.intermediaryBasis'), dataIndex: 'basis', render: (b: string | null) => b ?? '—' },
            ]}
          />
        ) : (
          orNone(null)
        ),
      )}
      {section('crossRegion', t('guide.crossRegion'), <Tag color={g.crossRegion.code === 'none' ? undefined : 'purple'} data-testid="guide-cross-region">{g.crossRegion.label}</Tag>)}
      {g.faq.length > 0 &&
        section(
          'faq',
          t('guide.faq'),
          <Collapse
            items={g.faq.map((f, i) => ({ key: String(i), label: f.question, children: <Typography.Paragraph style={{ margin: 0 }}>{f.answer}</Typography.Paragraph> }))}
          />,
        )}

      {screens.md ? (
        <div style={{ textAlign: 'center', margin: '24px 0' }}>{applyButton('apply-button-bottom')}</div>
      ) : (
        <Affix offsetBottom={0}>
          <div className="yw-mobile-apply">{applyButton()}</div>
        </Affix>
      )}
    </div>
  );
}
