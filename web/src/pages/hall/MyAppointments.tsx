import { useEffect } from 'react';
import { useLocation } from 'react-router-dom';
import { App, Alert, Button, Card, Empty, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { api } from '../../api';
import { errorMessage, useQuery } from '../../hooks';
import { useI18n } from '../../i18n';
import { QueryView } from '../../components/QueryView';
import type { AppointmentView, MyAppointments as Mine, TicketView } from '../../types';
import { TicketStatusTag } from './ticketBits';
import './hall.css';

const apptColors: Record<AppointmentView['status'], string> = { booked: 'processing', cancelled: 'default', checked_in: 'success', no_show: 'error' };

/** The citizen's appointments (with cancel) and today's queue tickets; `#<id>` (a reminder's link) marks and scrolls to that booking. */
export default function MyAppointments() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const mine = useQuery<Mine>('/api/hall/appointments');
  const focused = useLocation().hash.slice(1);
  const loaded = !!mine.data;
  useEffect(() => {
    if (loaded && focused) document.getElementById(`appointment-${focused}`)?.scrollIntoView({ block: 'center' });
  }, [loaded, focused]);
  const tickets = useQuery<{ tickets: TicketView[] }>('/api/hall/tickets');
  const cancel = async (id: string) => {
    try {
      await api.post(`/api/hall/appointments/${id}/cancel`, {});
      void message.success(t('hallq.cancelled'));
      mine.reload();
    } catch (e) {
      void message.error(errorMessage(e, t));
    }
  };
  return (
    <div className="yw-page yw-narrow">
      <Typography.Title level={3}>{t('hallq.myAppointments')}</Typography.Title>
      {tickets.data && tickets.data.tickets.length > 0 && (
        <Card title={t('hallq.myTickets')} style={{ marginBottom: 16 }} data-testid="my-tickets">
          <List
            dataSource={tickets.data.tickets}
            renderItem={(k) => (
              <List.Item data-testid="my-ticket">
                <Space direction="vertical" size={0}>
                  <b>{t('hallq.ticketLine', { number: k.number, group: k.groupName, hall: k.hallName })}</b>
                  <Typography.Text type="secondary">
                    {k.status === 'waiting' ? t('hallq.ahead', { n: k.ahead }) : k.windowNumber ? t('hallq.goToWindow', { n: k.windowNumber }) : ''}
                  </Typography.Text>
                </Space>
                <TicketStatusTag status={k.status} />
              </List.Item>
            )}
          />
        </Card>
      )}
      <QueryView q={mine}>
        {(m) => (
          <>
            {m.block.blockedUntil && <Alert type="error" showIcon data-testid="my-blocked" title={t('hallq.blocked', { n: m.block.noShows, date: m.block.blockedUntil.slice(0, 10) })} style={{ marginBottom: 16 }} />}
            <Card>
              {m.appointments.length === 0 ? (
                <Empty description={t('hallq.noAppointments')} />
              ) : (
                <List
                  dataSource={m.appointments}
                  data-testid="my-appointments"
                  renderItem={(a) => (
                    <List.Item
                      id={`appointment-${a.id}`}
                      className={a.id === focused ? 'yw-appointment-focused' : undefined}
                      data-testid="my-appointment"
                      data-focused={a.id === focused ? 'true' : 'false'}
                      data-status={a.status}
                      actions={
                        a.status === 'booked'
                          ? [
                              <Popconfirm key="c" title={t('hallq.cancelConfirm')} onConfirm={() => void cancel(a.id)}>
                                <Button danger data-testid="my-appointment-cancel">
                                  {t('hallq.cancel')}
                                </Button>
                              </Popconfirm>,
                            ]
                          : []
                      }
                    >
                      <List.Item.Meta
                        title={
                          <Space wrap>
                            <span>{a.item.name}</span>
                            <Tag color={apptColors[a.status]}>{t(`hallq.status.${a.status}`)}</Tag>
                          </Space>
                        }
                        description={
                          <Space direction="vertical" size={0}>
                            <span>
                              {a.day} {a.time} · {a.hall.name} · {a.groupName}
                            </span>
                            <span>
                              {t('hallq.code')}: <b data-testid="my-appointment-code">{a.code}</b>
                            </span>
                          </Space>
                        }
                      />
                    </List.Item>
                  )}
                />
              )}
            </Card>
          </>
        )}
      </QueryView>
    </div>
  );
}
