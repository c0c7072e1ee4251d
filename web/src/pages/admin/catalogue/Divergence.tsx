import { lazy, Suspense, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Card, Col, Descriptions, Result, Row, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useQuery } from '../../../hooks';
import { useI18n } from '../../../i18n';
import { QueryView } from '../../../components/QueryView';
import type { Divergence as Report } from '../../../types';
import { useCatalogueRights } from './shared';
import { DiffTable } from './parts';

const DivergenceChart = lazy(() => import('./DivergenceChart'));

/** Public: per basic item, how each region's published implementation differs from the baseline. */
export default function Divergence() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const { mayAdminister } = useCatalogueRights();
  const chosen = params.get('basic');
  const all = useQuery<Report>('/api/catalog/divergence');
  const one = useQuery<Report>(chosen ? `/api/catalog/divergence?basicItemId=${encodeURIComponent(chosen)}` : null);
  const options = useMemo(() => (all.data?.items ?? []).map((i) => ({ value: i.basicItem.id, label: `${i.basicItem.code} ${i.basicItem.name}`, n: i.implementations.length })), [all.data]);
  const entry = one.data?.items[0];

  return (
    <div className="yw-page">
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={3} style={{ marginBottom: 4 }}>
          {t('ca.div.title')}
        </Typography.Title>
        {mayAdminister && <Link to="/admin/catalogue">{t('ca.div.toAdmin')}</Link>}
      </Space>
      <Typography.Paragraph type="secondary">{t('ca.div.intro')}</Typography.Paragraph>
      <Select
        showSearch
        allowClear
        loading={all.loading}
        placeholder={t('ca.div.pick')}
        style={{ width: '100%', maxWidth: 520, marginBottom: 16 }}
        optionFilterProp="label"
        value={chosen ?? undefined}
        onChange={(v?: string) => setParams(v ? { basic: v } : {})}
        options={options.map((o) => ({ value: o.value, label: o.label, title: o.label }))}
        optionRender={(o) => (
          <Space>
            {o.label}
            <Tag>{t('ca.basic.implCount', { n: options.find((x) => x.value === o.value)?.n ?? 0 })}</Tag>
          </Space>
        )}
        data-testid="divergence-pick"
      />
      {!chosen ? (
        <Result status="info" title={t('ca.div.pickTitle')} subTitle={t('ca.div.pickHint')} />
      ) : (
        <QueryView q={one}>
          {() =>
            !entry ? (
              <Result status="404" title={t('ca.div.unknown')} />
            ) : (
              <>
                <Card size="small" style={{ marginBottom: 16 }} data-testid="divergence-basic">
                  <Descriptions
                    size="small"
                    column={{ xs: 1, md: 4 }}
                    items={[
                      { key: 'code', label: t('ca.basic.code'), children: entry.basicItem.code },
                      { key: 'name', label: t('ca.col.name'), children: entry.basicItem.name },
                      { key: 'legal', label: t('item.legalLimit'), children: t('common.days', { n: entry.basicItem.legalLimitDays }) },
                      { key: 'promised', label: t('ca.div.baselinePromised'), children: t('common.days', { n: entry.basicItem.promisedLimitDays }) },
                    ]}
                  />
                </Card>
                {entry.implementations.length === 0 ? (
                  <Result status="info" title={t('ca.div.noImpl')} />
                ) : (
                  <>
                    <Card size="small" title={t('ca.div.chart')} style={{ marginBottom: 16 }}>
                      <Suspense fallback={<Skeleton active />}>
                        <DivergenceChart
                          bars={entry.implementations.map((i) => ({ label: `${i.regionName.replace(/^甘肃省/, '')}\n${i.department}`, days: i.promisedLimitDays }))}
                          baseline={entry.basicItem.promisedLimitDays}
                          baselineLabel={t('ca.div.baselineLine')}
                          unit={t('ca.unit.days')}
                        />
                      </Suspense>
                    </Card>
                    <Row gutter={[16, 16]}>
                      {entry.implementations.map((i) => (
                        <Col xs={24} key={i.id}>
                          <Card
                            size="small"
                            data-testid="divergence-impl"
                            data-code={i.code}
                            title={
                              <Space wrap>
                                <span>{i.regionName}</span>
                                <Typography.Text type="secondary">{i.department}</Typography.Text>
                                <Tag>{i.code}</Tag>
                                <Tag color="green">v{i.versionNo}</Tag>
                              </Space>
                            }
                            extra={i.changes.length ? <Tag color="orange">{t('ca.div.changes', { n: i.changes.length })}</Tag> : <Tag color="green">{t('ca.div.same')}</Tag>}
                          >
                            {i.changes.length > 0 && <DiffTable changes={i.changes} beforeTitle={t('ca.div.baseline')} afterTitle={t('ca.div.local')} testId="divergence-changes" />}
                          </Card>
                        </Col>
                      ))}
                    </Row>
                  </>
                )}
              </>
            )
          }
        </QueryView>
      )}
    </div>
  );
}
