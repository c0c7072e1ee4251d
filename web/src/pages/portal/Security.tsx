import { useState } from 'react';
import { Alert, Button, Card, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { DesktopOutlined, LogoutOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { useQuery } from '../../hooks';
import { useI18n } from '../../i18n';
import { QueryView } from '../../components/QueryView';
import { formatDateTime } from '../../format';
import { LevelSteps, StepUp } from '../../components/StepUp';
import { ChangePassword } from '../../components/ChangePassword';
import { PasskeysCard } from '../../components/Passkeys';
import { NotificationSettings } from '../../components/NotificationSettings';
import type { SessionList } from '../../types';


/** Where the account is signed in, with "end this one" and "sign out everywhere". */
export default function Security() {
  const { t, lang } = useI18n();
  const { clear, user } = useAuth();
  const q = useQuery<SessionList>('/api/auth/sessions');
  const [error, setError] = useState<string | null>(null);

  const end = async (id: string) => {
    setError(null);
    try {
      await api.del(`/api/auth/sessions/${id}`);
      q.reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const endAll = async () => {
    await api.post('/api/auth/logout-everywhere');
    clear();
    window.location.assign('/login');
  };

  return (
    <div className="yw-page" style={{ maxWidth: 880 }}>
      <Typography.Title level={3}>{t('security.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('security.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <ChangePassword />
      {user && user.kind === 'person' && (
        <Card title={t('level.title')} style={{ marginBottom: 16 }} data-testid="level-card">
          <LevelSteps level={user.level} />
          <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
            {t('level.explain')}
          </Typography.Paragraph>
          <StepUp required={3} />
        </Card>
      )}
      {!user?.mustChangePassword && <PasskeysCard />}
      {user && user.kind !== 'staff' && !user.mustChangePassword && <NotificationSettings />}
      <Card
        title={t('security.sessions')}
        extra={
          <Popconfirm title={t('security.endAllConfirm')} okText={t('security.endAll')} cancelText={t('common.cancel')} onConfirm={() => void endAll()}>
            <Button danger icon={<LogoutOutlined />} data-testid="logout-everywhere">
              {t('security.endAll')}
            </Button>
          </Popconfirm>
        }
      >
        <QueryView q={q}>
          {(d) => (
            <List
              dataSource={d.items}
              renderItem={(s) => (
                <List.Item
                  data-testid="session-row"
                  data-current={s.current ? 'true' : 'false'}
                  actions={
                    s.current
                      ? [<Tag color="blue" key="cur">{t('security.current')}</Tag>]
                      : [
                          <Button key="end" size="small" onClick={() => void end(s.id)} data-testid="session-end">
                            {t('security.end')}
                          </Button>,
                        ]
                  }
                >
                  <List.Item.Meta
                    avatar={<DesktopOutlined style={{ fontSize: 22, color: '#1557b0' }} />}
                    title={
                      <Space size={8} wrap>
                        {s.channel === 'kiosk' && (
                          <Tag color="purple" data-testid="session-kiosk">
                            {t('security.kiosk')}
                          </Tag>
                        )}
                        <span>{s.userAgent ? s.userAgent.slice(0, 90) : t('security.unknownDevice')}</span>
                      </Space>
                    }
                    description={
                      <Space size={16} wrap>
                        <span>
                          {t('security.signedInAt')} {formatDateTime(s.createdAt, lang)}
                        </span>
                        <span>
                          {t('security.expiresAt')} {formatDateTime(s.expiresAt, lang)}
                        </span>
                      </Space>
                    }
                  />
                </List.Item>
              )}
            />
          )}
        </QueryView>
      </Card>
    </div>
  );
}
