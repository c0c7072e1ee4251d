import { Link, useNavigate, useParams } from 'react-router-dom';
import { Affix, Breadcrumb, Button, Card, Col, Descriptions, Grid, List, Row, Steps, Table, Tag, Typography } from 'antd';
import { EditOutlined, PhoneOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '../../hooks';
import { itemTypeLabel, promisedLimitText, useI18n } from '../../i18n';
import { useAuth } from '../../auth';
import type { ItemDetail, MaterialSpec } from '../../types';
import { QueryView } from '../../components/QueryView';
import { DepthTags } from '../../components/DepthTags';
import { formatBytes, formatFen } from '../../format';
import { useEffect } from 'react';
import { rememberItem } from '../../recentItems';

export default function ItemGuide() {
  const { id } = useParams();
  const q = useQuery<ItemDetail>(`/api/catalog/items/${encodeURIComponent(id ?? '')}`);
  return <QueryView q={q}>{(item) => <Guide item={item} />}</QueryView>;
}

function Guide({ item }: { item: ItemDetail }) {
  const { t, lang } = useI18n();
  const { user } = useAuth();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const g = item.guide;
  const isStaff = user?.kind === 'staff';
  const descLayout = screens.md ? ('horizontal' as const) : ('vertical' as const);
  useEffect(() => rememberItem({ id: item.id, name: item.name }), [item.id, item.name]);

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
              <DepthTags depth={item.onlineDepth} summary />
            </div>
          </Col>
          {screens.md && <Col>{applyButton()}</Col>}
        </Row>
        <Row gutter={16} className="yw-limits">
          <Col xs={12} md={6}>
            <div className="yw-stat-label">{t('item.promisedLimit')}</div>
            <div className="yw-stat-value yw-red" data-testid="guide-promised-days">
              {promisedLimitText(t, item.promisedLimitDays)}
            </div>
          </Col>
          <Col xs={12} md={6}>
            <div className="yw-stat-label">{t('item.legalLimit')}</div>
            <div className="yw-stat-value" data-testid="guide-legal-days">
              {t('common.days', { n: item.legalLimitDays })}
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
        <Descriptions
          layout={descLayout}
          bordered
          size="small"
          column={{ xs: 1, sm: 1, md: 2 }}
          items={[
            { key: 'code', label: t('item.code'), children: item.code },
            { key: 'type', label: t('item.itemType'), children: itemTypeLabel(t, item.itemType, item.itemTypeLabel) },
            { key: 'dept', label: t('item.department'), children: item.department.name },
            { key: 'region', label: t('item.region'), children: item.region.name },
            { key: 'kind', label: t('item.caseKind'), children: g.caseKind || t('common.none') },
            { key: 'depth', label: t('item.onlineDepth'), children: <DepthTags depth={item.onlineDepth} /> },
            { key: 'level', label: t('item.minLevel'), children: t('item.minLevelValue', { n: item.minLevel }) },
          ]}
        />,
      )}
      {section('legalBasis', t('item.legalBasis'), list(g.legalBasis))}
      {section('audience', t('item.audience'), <Typography.Paragraph style={{ margin: 0 }}>{g.audience || t('common.none')}</Typography.Paragraph>)}
      {section('conditions', t('item.conditions'), list(g.conditions))}
      {section(
        'materials',
        t('item.materials'),
        screens.md ? (
        <Table<MaterialSpec>
          size="small"
          rowKey="code"
          pagination={false}
          dataSource={item.materials}
          scroll={{ x: 600 }}
          onRow={(m) => ({ 'data-testid': `guide-material-${m.code}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: '#', width: 48, render: (_v, _m, i) => i + 1 },
            { title: t('item.materialName'), dataIndex: 'name' },
            {
              title: t('item.materialRequired'),
              dataIndex: 'required',
              width: 100,
              render: (r: boolean) => (r ? <Tag color="red">{t('common.required')}</Tag> : <Tag>{t('common.optional')}</Tag>),
            },
            { title: t('item.materialDesc'), dataIndex: 'description' },
            { title: t('item.materialFormat'), dataIndex: 'accept', width: 120, render: (a: string[]) => a.map((x) => x.toUpperCase()).join(' / ') },
            { title: t('item.materialMaxSize'), dataIndex: 'maxBytes', width: 100, render: (b: number) => formatBytes(b) },
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
                  {m.required ? <Tag color="red">{t('common.required')}</Tag> : <Tag>{t('common.optional')}</Tag>}
                </div>
                {m.description && <Typography.Text type="secondary">{m.description}</Typography.Text>}
                <div style={{ fontSize: 12, color: '#8c8c8c' }}>
                  {t('item.materialFormat')}: {m.accept.map((x) => x.toUpperCase()).join(' / ')} · {t('item.materialMaxSize')}: {formatBytes(m.maxBytes)}
                </div>
              </List.Item>
            )}
          />
        ),
      )}
      {section(
        'process',
        t('item.process'),
        <Steps
          orientation={screens.md ? 'horizontal' : 'vertical'}
          current={-1}
          size="small"
          items={g.process.map((p) => ({ title: p, status: 'wait' as const }))}
          className="yw-process"
        />,
      )}
      {section(
        'limits',
        t('item.limits'),
        <Descriptions
          layout={descLayout}
          bordered
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'legal', label: t('item.legalLimit'), children: t('common.days', { n: item.legalLimitDays }) },
            { key: 'promised', label: t('item.promisedLimit'), children: <b className="yw-red">{promisedLimitText(t, item.promisedLimitDays)}</b> },
          ]}
        />,
      )}
      {section(
        'fees',
        t('item.fees'),
        item.feeFree || g.fees.length === 0 ? (
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
              { title: t('item.feeBasis'), dataIndex: 'basis' },
            ]}
          />
        ),
      )}
      {section(
        'place',
        t('item.placeAndHours'),
        <Descriptions
          layout={descLayout}
          bordered
          size="small"
          column={1}
          items={[
            { key: 'place', label: t('item.place'), children: g.place || t('common.none') },
            { key: 'hours', label: t('item.hours'), children: g.hours || t('common.none') },
          ]}
        />,
      )}
      {section(
        'contact',
        t('item.contact'),
        <Descriptions
          layout={descLayout}
          bordered
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'c', label: t('item.contactPhone'), children: <a href={`tel:${g.contactPhone}`}><PhoneOutlined /> {g.contactPhone}</a> },
            { key: 'p', label: t('item.complaintPhone'), children: <a href={`tel:${g.complaintPhone}`}><PhoneOutlined /> {g.complaintPhone}</a> },
          ]}
        />,
      )}
      {section(
        'result',
        t('item.result'),
        <div>
          <Typography.Paragraph>{g.result || t('common.none')}</Typography.Paragraph>
          <div data-testid="guide-licence">
            <SafetyCertificateOutlined style={{ color: item.licenceType ? '#389e0d' : undefined }} />{' '}
            {item.licenceType ? t('item.licenceYes', { name: item.licenceType.name }) : t('item.licenceNo')}
          </div>
        </div>,
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
