import { useState } from 'react';
import { Alert, Button, Input, Spin } from 'antd';
import { api } from '../../api';
import { errorMessage, useQuery } from '../../hooks';
import { useI18n } from '../../i18n';
import type { KioskHall, TicketView } from '../../types';
import './hall.css';

/** The hall code a kiosk serves, from its address (`/kiosk?hall=LZ-ZWZX`): the terminal is set up with it. */
export function kioskHallCode(): string | null {
  const code = new URLSearchParams(window.location.search).get('hall');
  return code && /^[A-Z0-9-]{2,20}$/.test(code) ? code : null;
}

/**
 * The kiosk's 取号 screen: a ticket for a business type (anonymous: nobody's name on it), or a
 * check-in with the booking code, which gives a priority ticket. The slip shows the number only.
 */
export function KioskTicket({ hallCode, onDone }: { hallCode: string; onDone: () => void }) {
  const { t } = useI18n();
  const hall = useQuery<KioskHall>(`/api/hall/halls/${encodeURIComponent(hallCode)}/kiosk`);
  const [ticket, setTicket] = useState<TicketView | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const take = async (path: string, body: Record<string, string>) => {
    setBusy(true);
    setError(null);
    try {
      setTicket(await api.post<TicketView>(path, body, { noAuthRedirect: true }));
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  if (ticket)
    return (
      <div className="yw-kiosk-slip" data-testid="kiosk-slip">
        <h3>{t('hallq.slipTitle')}</h3>
        <div className="yw-kiosk-slip-number" data-testid="kiosk-slip-number" data-priority={String(ticket.priority)}>
          {ticket.number}
        </div>
        <p className="yw-kiosk-row-title">
          {ticket.groupName}
          {ticket.priority ? ` · ${t('hallq.priority')}` : ''}
        </p>
        <p>{t('hallq.ahead', { n: ticket.ahead })}</p>
        <p className="yw-kiosk-row-sub">{t('hallq.slipHint')}</p>
        <Button type="primary" size="large" onClick={onDone} style={{ height: 72, minWidth: 240 }} data-testid="kiosk-slip-done">
          {t('hallq.slipDone')}
        </Button>
      </div>
    );
  if (hall.loading && !hall.data) return <Spin size="large" />;
  return (
    <div>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="kiosk-ticket-error" />}
      {hall.error ? <Alert type="error" showIcon title={errorMessage(hall.error, t)} /> : null}
      <h3>{t('hallq.kioskChoose')}</h3>
      <div className="yw-kiosk-grid">
        {hall.data?.groups.map((g) => (
          <button
            key={g.id}
            type="button"
            className="yw-kiosk-big"
            disabled={busy}
            onClick={() => void take('/api/hall/kiosk/tickets', { hallCode, groupId: g.id })}
            data-testid={`kiosk-group-${g.letter}`}
          >
            <span className="yw-kiosk-big-icon">{g.letter}</span>
            <span className="yw-kiosk-big-title">{g.name}</span>
            <span className="yw-kiosk-big-desc">{t('hallq.kioskWaiting', { n: g.waiting })}</span>
          </button>
        ))}
      </div>
      <h3 style={{ marginTop: 32 }}>{t('hallq.kioskCheckIn')}</h3>
      <Input.Search
        size="large"
        value={code}
        maxLength={8}
        onChange={(e) => setCode(e.target.value.toUpperCase())}
        placeholder={t('hallq.kioskCodePlaceholder')}
        enterButton={t('hallq.kioskCheckInButton')}
        autoComplete="off"
        spellCheck={false}
        loading={busy}
        onSearch={() => code.trim().length === 8 && void take('/api/hall/kiosk/check-in', { hallCode, code: code.trim() })}
        data-testid="kiosk-checkin-code"
      />
    </div>
  );
}
