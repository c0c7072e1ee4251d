import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, Breadcrumb, Button, Card, List, Space, Steps, Tag, Typography } from 'antd';
import { ApartmentOutlined, ClockCircleOutlined, EditOutlined } from '@ant-design/icons';
import { useAuth } from '../../auth';
import { useQuery } from '../../hooks';
import { promisedLimitText, useT } from '../../i18n';
import { formatBytes } from '../../format';
import type { ThemeDetail } from '../../types';
import { QueryView } from '../../components/QueryView';

export default function ThemeGuide() {
  const { id } = useParams();
  const q = useQuery<ThemeDetail>(`/api/catalog/themes/${encodeURIComponent(id ?? '')}`);
  return <QueryView q={q}>{(theme) => <ThemeGuidePage theme={theme} />}</QueryView>;
}

/** The combined guide: members by step with what each waits for, the total promised time, every material once. */
function ThemeGuidePage({ theme }: { theme: ThemeDetail }) {
  const t = useT();
  const { user } = useAuth();
  const navigate = useNavigate();
  const steps = [...new Set(theme.members.map((m) => m.step))].sort((a, b) => a - b);
  const apply = () => {
    const target = `/themes/${theme.id}/apply`;
    navigate(user ? target : `/login?next=${encodeURIComponent(target)}`);
  };
  return (
    <div className="yw-page yw-narrow">
      <Breadcrumb items={[{ title: <Link to="/">{t('nav.services')}</Link> }, { title: t('themes.breadcrumb') }, { title: theme.name }]} style={{ marginBottom: 12 }} />
      <Card className="yw-guide-card">
        <Space wrap size={[8, 8]} style={{ marginBottom: 8 }}>
          <Tag color="purple">{theme.audience === 'entity' ? t('themes.forEntities') : t('themes.forPersons')}</Tag>
          <Tag>{t('themes.members', { n: theme.memberCount })}</Tag>
        </Space>
        <Typography.Title level={3} data-testid="theme-title" style={{ marginTop: 0 }}>
          {theme.name}
        </Typography.Title>
        <Typography.Paragraph>{theme.description}</Typography.Paragraph>
        <Alert
          type="info"
          showIcon
          icon={<ClockCircleOutlined />}
          title={t('themes.totalDays', { days: promisedLimitText(t, theme.promisedLimitDays) })}
          data-testid="theme-total-days"
          style={{ marginBottom: 16 }}
        />
        <Button type="primary" size="large" icon={<EditOutlined />} onClick={apply} data-testid="theme-apply-button">
          {t('themes.apply')}
        </Button>
      </Card>

      <Card title={<span className="yw-section-title"><ApartmentOutlined /> {t('themes.steps')}</span>} className="yw-guide-card">
        <Steps
          direction="vertical"
          current={-1}
          items={steps.map((step) => ({
            title: t('themes.step', { n: step }),
            description: (
              <List
                size="small"
                dataSource={theme.members.filter((m) => m.step === step)}
                renderItem={(m) => (
                  <List.Item data-testid="theme-member" data-item-code={m.code}>
                    <List.Item.Meta
                      title={<Link to={`/items/${m.id}`}>{m.name}</Link>}
                      description={
                        <>
                          {m.department.name} · {t('home.promised')} {promisedLimitText(t, m.promisedLimitDays)}
                          <br />
                          <Typography.Text type="secondary">{m.after.length ? t('themes.after', { names: m.after.map((a) => a.name).join(t('common.listSep')) }) : t('themes.noAfter')}</Typography.Text>
                        </>
                      }
                    />
                  </List.Item>
                )}
              />
            ),
          }))}
        />
      </Card>

      <Card title={<span className="yw-section-title">{t('themes.materials')}</span>} className="yw-guide-card">
        <List
          dataSource={theme.materials}
          renderItem={(m) => (
            <List.Item data-testid="theme-material" data-shared={m.itemId === null ? 'true' : 'false'}>
              <List.Item.Meta
                title={
                  <Space wrap size={4}>
                    <span>{m.name}</span>
                    {m.required ? <Tag color="red">{t('common.required')}</Tag> : <Tag>{t('common.optional')}</Tag>}
                    {m.fetched && <Tag color="green">{t('material.fetched')}</Tag>}
                  </Space>
                }
                description={
                  <>
                    {m.description}
                    {!m.fetched && ` · ${m.accept.map((a) => a.toUpperCase()).join(' / ')} · ≤ ${formatBytes(m.maxBytes)}`}
                    <br />
                    <Typography.Text type="secondary">
                      {t(m.itemId === null ? 'themes.sharedFor' : m.fetched ? 'themes.fetchedFor' : 'themes.ownFor', { names: m.for.join(t('common.listSep')) })}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </div>
  );
}
