import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Result, Space, Spin, Typography } from 'antd';
import { DesktopOutlined, SafetyOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { formatDateTime } from '../../format';
import { errorMessage } from '../../hooks';
import { useI18n } from '../../i18n';
import type { QrPhoneView } from '../../types';

type Request = QrPhoneView;

/** The phone's side of a QR sign-in: see what is asking, then confirm or decline. */
export default function QrConfirm() {
  const { t, lang } = useI18n();
  const { id = '' } = useParams();
  const { user } = useAuth();
  const [req, setReq] = useState<Request | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'confirm' | 'decline' | null>(null);
  const opened = useRef(false);

  useEffect(() => {
    if (opened.current) return;
    opened.current = true;
    api
      .post<Request>(`/api/qr-login/requests/${encodeURIComponent(id)}/scan`)
      .then(setReq)
      .catch((e: unknown) => setError(errorMessage(e, t)));
  }, [id, t]);

  const decide = async (decision: 'confirm' | 'decline') => {
    setBusy(decision);
    setError(null);
    try {
      setReq(await api.post<Request>(`/api/qr-login/requests/${encodeURIComponent(id)}/${decision}`));
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setBusy(null);
    }
  };

  const device = req ? (req.channel === 'kiosk' ? (req.deviceLabel ?? t('qr.channel.kiosk')) : t('qr.channel.web')) : '';
  const home = <Link to="/"><Button data-testid="qr-home">{t('qr.backHome')}</Button></Link>;

  let body;
  if (error && !req) {
    body = <Result status="warning" title={error} extra={home} data-testid="qr-confirm-error" />;
  } else if (!req) {
    body = <Spin size="large" style={{ display: 'block', margin: '48px auto' }} />;
  } else if (req.status === 'confirmed' || req.status === 'used') {
    body = <Result status="success" title={t('qr.doneConfirmed', { device })} extra={home} data-testid="qr-confirm-done" data-result="confirmed" />;
  } else if (req.status === 'declined') {
    body = <Result status="info" title={t('qr.doneDeclined')} extra={home} data-testid="qr-confirm-done" data-result="declined" />;
  } else {
    const ago = Math.max(0, Math.round((Date.now() - new Date(req.createdAt).getTime()) / 1000));
    body = (
      <div data-testid="qr-confirm" data-channel={req.channel}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          <SafetyOutlined /> {t('qr.confirmTitle')}
        </Typography.Title>
        <Typography.Paragraph>{t('qr.confirmIntro')}</Typography.Paragraph>
        <Descriptions column={1} bordered size="small" style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('qr.device')}>
            <span data-testid="qr-device"><DesktopOutlined /> {device}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('qr.browser')}>
            <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }} data-testid="qr-user-agent">
              {req.userAgent ?? '—'}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('qr.requestedAt')}>
            <span data-testid="qr-requested-at">{formatDateTime(req.createdAt, lang)} · {t('qr.ago', { n: ago })}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('qr.signInAs')}>
            <strong data-testid="qr-sign-in-as">{t('qr.signInAsSelf', { name: req.signInAs.name })}</strong>
          </Descriptions.Item>
        </Descriptions>
        {user && user.name !== req.signInAs.name && <Alert type="info" showIcon title={t('qr.agentNote')} style={{ marginBottom: 16 }} data-testid="qr-agent-note" />}
        <Alert type="warning" showIcon title={t('qr.warning')} style={{ marginBottom: 16 }} />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="qr-confirm-error" />}
        <Space direction="vertical" style={{ width: '100%' }}>
          <Button type="primary" size="large" block loading={busy === 'confirm'} disabled={busy !== null} onClick={() => void decide('confirm')} data-testid="qr-confirm-yes">
            {t('qr.confirm')}
          </Button>
          <Button size="large" block danger loading={busy === 'decline'} disabled={busy !== null} onClick={() => void decide('decline')} data-testid="qr-confirm-no">
            {t('qr.decline')}
          </Button>
        </Space>
      </div>
    );
  }
  return (
    <div className="yw-auth-page">
      <Card className="yw-auth-card">{body}</Card>
    </div>
  );
}
