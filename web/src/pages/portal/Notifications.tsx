import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Empty, Grid, List, Segmented, Space, Tag, Typography } from 'antd';
import { BellOutlined, CheckOutlined, SettingOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { errorMessage, usePagedQuery } from '../../hooks';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../format';
import { QueryView } from '../../components/QueryView';
import { LoadMore } from '../../components/LoadMore';
import { notificationsChanged } from '../../components/NotificationBell';
import type { NotificationItem } from '../../types';

/** Where a message leads: its case, or (an appointment's reminder) my appointments with that booking shown. */
const linkOf = (n: NotificationItem) => (n.caseId ? `/my/cases/${n.caseId}` : `/my/appointments#${n.appointmentId}`);

/** 消息中心: what the platform told the applicant about their cases and appointments, newest first; each message opens what it is about. */
export default function Notifications() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const mobile = !Grid.useBreakpoint().md;
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const q = usePagedQuery<NotificationItem>(filter === 'unread' ? '/api/notifications?unread=true' : '/api/notifications');
  const [error, setError] = useState<string | null>(null);

  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      notificationsChanged();
    } catch (e) {
      setError(errorMessage(e, t));
    }
  };
  const markRead = (n: NotificationItem) => act(() => api.post(`/api/notifications/${n.id}/read`)).then(q.reload);
  const open = async (n: NotificationItem) => {
    if (!n.readAt) await act(() => api.post(`/api/notifications/${n.id}/read`));
    navigate(linkOf(n));
  };

  return (
    <div className="yw-page" style={{ maxWidth: 880 }}>
      <Typography.Title level={3}>
        <BellOutlined /> {t('notify.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('notify.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Space wrap style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }}>
        <Segmented
          value={filter}
          onChange={(v) => setFilter(v as 'all' | 'unread')}
          options={[
            { value: 'all', label: <span data-testid="notifications-all">{t('notify.filterAll')}</span> },
            { value: 'unread', label: <span data-testid="notifications-unread">{t('notify.filterUnread')}</span> },
          ]}
        />
        <Space wrap size={4}>
          <Button icon={<CheckOutlined />} onClick={() => void act(() => api.post('/api/notifications/read-all')).then(q.reload)} data-testid="notifications-read-all">
            {t('notify.markAll')}
          </Button>
          <Link to="/my/security#notifications" data-testid="notifications-settings">
            <Button type="link" icon={<SettingOutlined />}>
              {t('notify.settingsLink')}
            </Button>
          </Link>
        </Space>
      </Space>
      <Card styles={{ body: { padding: mobile ? 8 : 16 } }}>
        <QueryView q={q}>
          {(d) =>
            d.items.length === 0 ? (
              <Empty description={t(filter === 'unread' ? 'notify.emptyUnread' : 'notify.empty')} data-testid="notifications-empty" />
            ) : (
              <>
                <List<NotificationItem>
                  dataSource={d.items}
                  itemLayout={mobile ? 'vertical' : 'horizontal'}
                  renderItem={(n) => (
                    <List.Item
                      key={n.id}
                      className={n.readAt ? undefined : 'yw-notification-unread'}
                      data-testid="notification-row"
                      data-kind={n.kind}
                      data-read={n.readAt ? 'true' : 'false'}
                      style={{ paddingInline: 12 }}
                      actions={[
                        <Button key="open" type="link" onClick={() => void open(n)} data-testid="notification-open">
                          {n.caseNo ? t('notify.openCase', { caseNo: n.caseNo }) : t('notify.openAppointment')}
                        </Button>,
                        ...(n.readAt
                          ? []
                          : [
                              <Button key="read" size="small" onClick={() => void markRead(n)} data-testid="notification-mark-read">
                                {t('notify.markRead')}
                              </Button>,
                            ]),
                      ]}
                    >
                      <List.Item.Meta
                        title={
                          <Space size={8} wrap>
                            {!n.readAt && <Tag color="blue">{t('notify.unread')}</Tag>}
                            <span data-testid="notification-title">{n.title}</span>
                          </Space>
                        }
                        description={
                          <>
                            <Typography.Paragraph style={{ marginBottom: 4 }} data-testid="notification-body">
                              {n.body}
                            </Typography.Paragraph>
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                              {formatDateTime(n.createdAt, lang)}
                            </Typography.Text>
                          </>
                        }
                      />
                    </List.Item>
                  )}
                />
                <LoadMore q={q} />
              </>
            )
          }
        </QueryView>
      </Card>
    </div>
  );
}
