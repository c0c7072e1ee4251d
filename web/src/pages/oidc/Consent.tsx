import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { Alert, Button, Card, List, Result, Space, Spin, Typography } from 'antd';
import { CheckCircleOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../api';
import { errorMessage } from '../../hooks';
import { hasKey, useI18n } from '../../i18n';
import type { ConsentDetails, InteractionResult } from '../../types';

type Details = ConsentDetails;

/**
 * Consent for a department system signing the user in through Yiwang (OIDC). The answer goes to
 * the provider's interaction, which then sends the browser back to the system.
 */
export default function Consent() {
  const { uid = '' } = useParams();
  const { t } = useI18n();
  const [details, setDetails] = useState<Details | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'allow' | 'deny' | null>(null);
  const base = `/oidc/interaction/${encodeURIComponent(uid)}`;

  useEffect(() => {
    api
      .get<Details>(`${base}/details`, { noAuthRedirect: true })
      .then(setDetails)
      .catch((e: unknown) => {
        // Signed out meanwhile: sign in, then resume this very interaction.
        if (e instanceof ApiError && e.status === 401) window.location.assign(`/login?next=${encodeURIComponent(base)}`);
        else setError(e);
      });
  }, [base]);

  const answer = async (choice: 'allow' | 'deny') => {
    setBusy(choice);
    try {
      const { redirectTo } = await api.post<InteractionResult>(`${base}/${choice}`, {}, { noAuthRedirect: true });
      window.location.assign(redirectTo);
    } catch (e) {
      setError(e);
      setBusy(null);
    }
  };

  if (error) {
    return (
      <div className="yw-page" style={{ maxWidth: 560 }}>
        <Result status="warning" title={t('consent.failed')} subTitle={errorMessage(error, t)} data-testid="consent-error" />
      </div>
    );
  }
  if (!details) return <Spin size="large" style={{ display: 'block', margin: '120px auto' }} />;

  const claimLabel = (c: string) => {
    const key = `consent.claim.${c}`;
    return hasKey(key) ? t(key) : c;
  };

  return (
    <div className="yw-auth-page">
      <Card className="yw-auth-card" style={{ maxWidth: 520 }} data-testid="consent-card">
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <div style={{ textAlign: 'center' }}>
            <SafetyCertificateOutlined style={{ fontSize: 40, color: '#1557b0' }} />
            <Typography.Title level={3} style={{ marginTop: 8, marginBottom: 4 }}>
              {t('consent.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('consent.signedInAs', { name: details.account.name })}</Typography.Text>
          </div>
          <Alert
            type="info"
            showIcon
            title={
              <span data-testid="consent-client">
                {t('consent.request', { client: details.client.name, department: details.client.department })}
              </span>
            }
          />
          <div>
            <Typography.Text strong>{t('consent.willReceive')}</Typography.Text>
            <List
              size="small"
              dataSource={details.claims}
              renderItem={(c) => (
                <List.Item data-testid="consent-claim">
                  <Space>
                    <CheckCircleOutlined style={{ color: '#389e0d' }} />
                    {claimLabel(c)}
                  </Space>
                </List.Item>
              )}
            />
            {details.scopes.includes('offline_access') && <Typography.Paragraph type="secondary">{t('consent.offline')}</Typography.Paragraph>}
          </div>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }}>
            {t('consent.remember')}
          </Typography.Paragraph>
          <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
            <Button onClick={() => void answer('deny')} loading={busy === 'deny'} disabled={busy !== null} data-testid="consent-deny">
              {t('consent.deny')}
            </Button>
            <Button type="primary" onClick={() => void answer('allow')} loading={busy === 'allow'} disabled={busy !== null} data-testid="consent-allow">
              {t('consent.allow')}
            </Button>
          </Space>
        </Space>
      </Card>
    </div>
  );
}
