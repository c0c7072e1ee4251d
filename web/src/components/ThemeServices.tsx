import { Link } from 'react-router-dom';
import { Card, Col, Row, Tag, Typography } from 'antd';
import { AppstoreAddOutlined, ClockCircleOutlined } from '@ant-design/icons';
import { qs } from '../api';
import { useQuery } from '../hooks';
import { promisedLimitText, useT } from '../i18n';
import type { ThemeList } from '../types';
import type { Navigation } from './ServiceNavigation';

/**
 * 一件事: the published themes for the navigation's audience and topic, beside the single services.
 * Nothing is shown when none fits.
 */
export function ThemeServices({ nav }: { nav: Navigation }) {
  const t = useT();
  const themes = useQuery<ThemeList>(`/api/catalog/themes${qs({ audience: nav.audience, lifeEvent: nav.lifeEvent, enterpriseStage: nav.enterpriseStage })}`);
  const items = themes.data?.items ?? [];
  if (!items.length) return null;
  return (
    <section className="yw-themes" data-testid="theme-list">
      <div className="yw-themes-head">
        <Typography.Title level={4} style={{ margin: 0 }}>
          <AppstoreAddOutlined /> {t('themes.section')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('themes.sectionHint')}</Typography.Text>
      </div>
      <Row gutter={[16, 16]}>
        {items.map((theme) => (
          <Col xs={24} md={12} key={theme.id}>
            <Link to={`/themes/${theme.id}`} data-testid="theme-card" data-theme-code={theme.code} className="yw-theme-link">
              <Card className="yw-theme-card" hoverable>
                <div className="yw-item-card-top">
                  <Tag color="purple">{theme.audience === 'entity' ? t('themes.forEntities') : t('themes.forPersons')}</Tag>
                  <Tag>{t('themes.members', { n: theme.memberCount })}</Tag>
                </div>
                <div className="yw-item-name">{theme.name}</div>
                <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} className="yw-theme-desc">
                  {theme.description}
                </Typography.Paragraph>
                <div className="yw-item-limits">
                  <span>
                    <ClockCircleOutlined /> {t('themes.promised')} <b className="yw-days">{promisedLimitText(t, theme.promisedLimitDays)}</b>
                  </span>
                  <span className="yw-muted">{t('themes.guide')} ›</span>
                </div>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </section>
  );
}
