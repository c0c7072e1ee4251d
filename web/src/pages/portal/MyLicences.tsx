import { Link } from 'react-router-dom';
import { Card, Col, Empty, Row, Tag, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { usePagedQuery } from '../../hooks';
import { useI18n } from '../../i18n';
import type { LicenceSummary } from '../../types';
import { QueryView } from '../../components/QueryView';
import { LicenceStatusTag } from '../../components/LicenceCard';
import { formatDate } from '../../format';
import { LoadMore } from '../../components/LoadMore';

export default function MyLicences() {
  const { t, lang } = useI18n();
  const q = usePagedQuery<LicenceSummary>('/api/licences');
  return (
    <div className="yw-page">
      <Typography.Title level={3}>{t('licences.title')}</Typography.Title>
      <QueryView q={q}>
        {(d) =>
          d.items.length === 0 ? (
            <Card>
              <Empty description={t('licences.empty')} />
            </Card>
          ) : (
            <>
              <Row gutter={[16, 16]}>
                {d.items.map((l) => (
                  <Col xs={24} md={12} xl={8} key={l.id}>
                    <Link to={`/my/licences/${l.id}`} data-testid="licence-card" data-licence-id={l.id}>
                      <Card hoverable className="yw-licence-mini">
                        <div className="yw-licence-mini-head">
                          <SafetyCertificateOutlined className="yw-licence-mini-icon" />
                          <div>
                            <div className="yw-licence-mini-type">{l.typeName}</div>
                            <div className="yw-mono yw-muted" style={{ fontSize: 12 }}>
                              {l.identifier}
                            </div>
                          </div>
                        </div>
                        <div className="yw-licence-mini-foot">
                          <span>{l.issuerName}</span>
                          <span>
                            {l.issuedAt ? formatDate(l.issuedAt, lang) : null} {l.status ? <LicenceStatusTag status={l.status} /> : <Tag />}
                          </span>
                        </div>
                      </Card>
                    </Link>
                  </Col>
                ))}
              </Row>
              <LoadMore q={q} />
            </>
          )
        }
      </QueryView>
    </div>
  );
}
