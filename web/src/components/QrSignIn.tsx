import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button, Spin, Typography } from 'antd';
import { CheckCircleFilled, ReloadOutlined } from '@ant-design/icons';
import { api } from '../api';
import { errorMessage } from '../hooks';
import { useT } from '../i18n';
import type { QrRequest, QrState, QrStatus, User, UserResponse } from '../types';

type Shown = QrRequest;
type State = QrState;

const qrDataUri = (svg: string) => `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;

/**
 * Shows a one-time sign-in QR code and waits (polling) until a signed-in phone confirms it; then
 * collects the session for this browser. `channel` says what kind of session to open.
 */
export function QrSignIn({ channel, onSignedIn, size = 200 }: { channel: 'web' | 'kiosk'; onSignedIn: (user: User) => void; size?: number }) {
  const t = useT();
  const [shown, setShown] = useState<Shown | null>(null);
  const [state, setState] = useState<State>('pending');
  const [left, setLeft] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const done = useRef(false);
  const signedIn = useRef(onSignedIn);
  signedIn.current = onSignedIn;

  const start = useCallback(async () => {
    setError(null);
    setShown(null);
    setState('pending');
    done.current = false;
    try {
      const s = await api.post<Shown>('/api/qr-login/requests', { channel }, { noAuthRedirect: true });
      setShown(s);
      setLeft(Math.max(0, Math.round((new Date(s.expiresAt).getTime() - Date.now()) / 1000)));
    } catch (e) {
      setError(errorMessage(e, t));
    }
  }, [channel, t]);

  useEffect(() => {
    void start();
  }, [start]);

  // Poll while the request is open; collect the session once it is confirmed.
  useEffect(() => {
    if (!shown || state === 'declined' || state === 'expired' || state === 'used') return;
    let stopped = false;
    const tick = async () => {
      try {
        const { status } = await api.get<QrStatus>(`/api/qr-login/requests/${shown.id}/status`, { noAuthRedirect: true });
        if (stopped) return;
        setState(status);
        if (status === 'confirmed' && !done.current) {
          done.current = true;
          const { user } = await api.post<UserResponse>(`/api/qr-login/requests/${shown.id}/redeem`, {}, { noAuthRedirect: true });
          setState('used');
          signedIn.current(user);
        }
      } catch (e) {
        if (!stopped) setError(errorMessage(e, t));
      }
    };
    const id = setInterval(() => void tick(), shown.pollIntervalMs);
    return () => {
      stopped = true;
      clearInterval(id);
    };
  }, [shown, state, t]);

  useEffect(() => {
    if (!shown || left <= 0) return;
    const id = setTimeout(() => {
      setLeft((n) => n - 1);
      if (left <= 1) setState((s) => (s === 'pending' || s === 'scanned' ? 'expired' : s));
    }, 1000);
    return () => clearTimeout(id);
  }, [shown, left]);

  const closed = state === 'declined' || state === 'expired';
  return (
    <div className="yw-qr-signin" data-testid="qr-signin" data-state={state} style={{ textAlign: 'center' }}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12, textAlign: 'left' }} data-testid="qr-error" />}
      <div className="yw-qr-box" style={{ width: size, height: size, margin: '0 auto', position: 'relative' }}>
        {shown ? (
          <img
            src={qrDataUri(shown.qrSvg)}
            alt={t('qr.alt')}
            width={size}
            height={size}
            data-testid="qr-code"
            data-confirm-url={shown.confirmUrl}
            style={{ opacity: closed || state === 'scanned' ? 0.15 : 1 }}
          />
        ) : (
          <Spin style={{ marginTop: size / 2 - 12 }} />
        )}
        {(state === 'scanned' || state === 'confirmed') && (
          <div style={{ position: 'absolute', inset: 0, display: 'flex', alignItems: 'center', justifyContent: 'center', flexDirection: 'column', gap: 8 }}>
            <CheckCircleFilled style={{ fontSize: size / 5, color: '#389e0d' }} />
          </div>
        )}
      </div>
      <Typography.Paragraph strong style={{ marginTop: 12, fontSize: 'inherit' }} data-testid="qr-status">
        {state === 'scanned' ? t('qr.scanned') : state === 'confirmed' || state === 'used' ? t('qr.confirmed') : state === 'declined' ? t('qr.declined') : state === 'expired' ? t('qr.expired') : t('qr.scanHint')}
      </Typography.Paragraph>
      {shown && !closed && state === 'pending' && (
        <Typography.Paragraph type="secondary" data-testid="qr-expires">
          {t('qr.expiresIn', { n: left })}
        </Typography.Paragraph>
      )}
      {closed && (
        <Button type="primary" size="large" icon={<ReloadOutlined />} onClick={() => void start()} data-testid="qr-refresh">
          {t('qr.refresh')}
        </Button>
      )}
    </div>
  );
}
