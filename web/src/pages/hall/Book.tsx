import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Result, Space, Tabs, Typography } from 'antd';
import { CalendarOutlined, NumberOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { errorMessage, useQuery } from '../../hooks';
import { useI18n } from '../../i18n';
import { QueryView } from '../../components/QueryView';
import type { AppointmentView, SlotsView, TicketView } from '../../types';
import { shanghaiClock } from './ticketBits';
import './hall.css';

/** Booking a hall appointment for an item (预约办理): a hall, a day, a slot; the booking code after. */
export default function Book() {
  const { itemId = '' } = useParams();
  const { t } = useI18n();
  const slots = useQuery<SlotsView>(`/api/hall/slots?itemId=${encodeURIComponent(itemId)}`);
  const [done, setDone] = useState<AppointmentView | null>(null);
  const [ticket, setTicket] = useState<TicketView | null>(null);
  if (done) return <Booked a={done} />;
  return (
    <div className="yw-page yw-narrow">
      <QueryView q={slots}>
        {(s) => (
          <>
            <Typography.Title level={3} data-testid="book-title">
              {t('hallq.bookTitle', { item: s.item.name })}
            </Typography.Title>
            <Typography.Paragraph type="secondary">{t('hallq.bookIntro')}</Typography.Paragraph>
            {s.block.blockedUntil ? (
              <Alert type="error" showIcon data-testid="book-blocked" title={t('hallq.blocked', { n: s.block.noShows, date: s.block.blockedUntil.slice(0, 10) })} style={{ marginBottom: 16 }} />
            ) : (
              s.block.noShows > 0 && <Alert type="warning" showIcon title={t('hallq.noShows', { n: s.block.noShows, limit: s.block.limit })} style={{ marginBottom: 16 }} />
            )}
            {s.options.length === 0 && <Alert type="info" showIcon title={t('hallq.noHall')} data-testid="book-no-hall" />}
            {s.options.map((o) => (
              <HallSlots key={o.hallId} itemId={s.item.id} option={o} blocked={!!o.block.blockedUntil} pageBlocked={!!s.block.blockedUntil} onBooked={setDone} onTicket={setTicket} />
            ))}
            {ticket && (
              <Alert
                type="success"
                showIcon
                data-testid="book-ticket"
                title={t('hallq.ticketLine', { number: ticket.number, group: ticket.groupName, hall: ticket.hallName })}
                description={t('hallq.ahead', { n: ticket.ahead })}
                action={<Link to="/my/appointments">{t('hallq.myTickets')}</Link>}
              />
            )}
          </>
        )}
      </QueryView>
    </div>
  );
}

/** One hall's slots; `blocked` under this hall's own no-show rule (the page says so once when every hall blocks). */
function HallSlots({ itemId, option, blocked, pageBlocked, onBooked, onTicket }: { itemId: string; option: SlotsView['options'][number]; blocked: boolean; pageBlocked: boolean; onBooked: (a: AppointmentView) => void; onTicket: (t: TicketView) => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [chosen, setChosen] = useState<{ start: string; day: string; time: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const firstOpen = option.days.find((d) => d.slots.length > 0)?.day ?? option.days[0]?.day;
  const dayLabel = (day: string) => new Date(`${day}T00:00:00+08:00`).toLocaleDateString(lang === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', weekday: 'short' });
  const book = async () => {
    if (!chosen) return;
    setBusy(true);
    try {
      onBooked(await api.post<AppointmentView>('/api/hall/appointments', { itemId, hallId: option.hallId, slotStart: chosen.start }));
    } catch (e) {
      void message.error(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  const takeNow = async () => {
    try {
      onTicket(await api.post<TicketView>('/api/hall/tickets', { hallCode: option.hallCode, groupId: option.groupId }));
    } catch (e) {
      void message.error(errorMessage(e, t));
    }
  };
  return (
    <Card title={option.hallName} extra={<Typography.Text type="secondary">{option.groupName}</Typography.Text>} style={{ marginBottom: 16 }} data-testid="book-hall">
      <Typography.Paragraph type="secondary">{option.address}</Typography.Paragraph>
      {blocked && !pageBlocked && option.block.blockedUntil && (
        <Alert type="error" showIcon data-testid="book-hall-blocked" title={t('hallq.blockedHere', { n: option.block.noShows, date: option.block.blockedUntil.slice(0, 10) })} style={{ marginBottom: 12 }} />
      )}
      <Tabs
        defaultActiveKey={firstOpen}
        items={option.days.map((d) => ({
          key: d.day,
          label: <span data-testid={`book-day-${d.day}`}>{dayLabel(d.day)}</span>,
          disabled: d.slots.length === 0,
          children:
            d.slots.length === 0 ? (
              <Typography.Text type="secondary">{t('hallq.closedDay')}</Typography.Text>
            ) : (
              <div className="yw-slot-grid" data-testid="book-slots">
                {d.slots.map((s) => (
                  <Button
                    key={s.start}
                    type={chosen?.start === s.start ? 'primary' : 'default'}
                    disabled={s.remaining === 0 || blocked}
                    onClick={() => setChosen({ start: s.start, day: d.day, time: s.time })}
                    data-testid="book-slot"
                    data-start={s.start}
                  >
                    <b>{s.time}</b>
                    <span>{s.remaining === 0 ? t('hallq.full') : t('hallq.remaining', { n: s.remaining })}</span>
                  </Button>
                ))}
              </div>
            ),
        }))}
      />
      <Space style={{ marginTop: 16 }} wrap>
        <Button type="primary" size="large" icon={<CalendarOutlined />} disabled={!chosen || blocked} loading={busy} onClick={() => void book()} data-testid="book-confirm">
          {t('hallq.confirm')}
        </Button>
        {chosen && <Typography.Text data-testid="book-chosen">{t('hallq.chosen', { day: chosen.day, time: chosen.time })}</Typography.Text>}
        <Button icon={<NumberOutlined />} onClick={() => void takeNow()} title={t('hallq.takeNowHint')} data-testid="book-take-now">
          {t('hallq.takeNow')}
        </Button>
      </Space>
    </Card>
  );
}

function Booked({ a }: { a: AppointmentView }) {
  const { t } = useI18n();
  return (
    <div className="yw-page yw-narrow">
      <Result
        status="success"
        title={t('hallq.booked')}
        subTitle={t('hallq.bookedDetail', { day: a.day, time: shanghaiClock(a.start), hall: a.hall.name, address: a.hall.address })}
        extra={
          <Link to="/my/appointments">
            <Button type="primary">{t('hallq.myAppointments')}</Button>
          </Link>
        }
        data-testid="book-done"
      >
        <div style={{ textAlign: 'center' }}>
          <div>{t('hallq.code')}</div>
          <div className="yw-booking-code" data-testid="book-code">
            {a.code}
          </div>
          <Typography.Text type="secondary">
            {a.item.name} · {a.groupName} · {a.time}
          </Typography.Text>
        </div>
      </Result>
    </div>
  );
}
