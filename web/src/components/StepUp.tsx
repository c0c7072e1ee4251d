import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Space, Steps, Typography } from 'antd';
import { IdcardOutlined, KeyOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { api } from '../api';
import { useAuth } from '../auth';
import { applyFieldErrors, errorMessage, pathMatcher } from '../hooks';
import { useT } from '../i18n';
import type { User, UserResponse } from '../types';
import { AddPasskeyButton } from './Passkeys';
import { passkeysSupported } from '../passkeys';

/** The account's real-name level as three steps, the current one highlighted. */
export function LevelSteps({ level }: { level: number }) {
  const t = useT();
  return (
    <Steps
      size="small"
      current={Math.max(0, Math.min(2, level - 1))}
      status="finish"
      items={[{ title: t('level.L1') }, { title: t('level.L2') }, { title: t('level.L3') }]}
      data-testid="level-steps"
      responsive={false}
    />
  );
}

/**
 * What the user can do to reach `required`: the registry check for L2 right here, and where
 * to go for L3 (or, at L2, a passkey added on this device). Shown on the apply page when the level is too low, and on the security page.
 */
export function StepUp({ required = 3, onRaised }: { required?: number; onRaised?: (user: User) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const { user, refresh } = useAuth();
  const [form] = Form.useForm<{ name: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!user || user.kind !== 'person') return null;

  const verify = async ({ name }: { name: string }) => {
    setBusy(true);
    setError(null);
    try {
      const { user: raised } = await api.post<UserResponse>('/api/auth/assurance/registry', { name: name.trim() });
      message.success(t('level.verified', { level: raised.level }));
      await refresh();
      onRaised?.(raised);
    } catch (e) {
      applyFieldErrors(form, e, pathMatcher(['name']));
      setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }} data-testid="step-up">
      {user.level < 2 && (
        <Card size="small" title={<Space><IdcardOutlined />{t('level.registryTitle')}</Space>}>
          <Typography.Paragraph type="secondary">{t('level.registryHint')}</Typography.Paragraph>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="step-up-error" />}
          <Form form={form} layout="inline" onFinish={(v) => void verify(v)}>
            <Form.Item name="name" label={t('level.name')} rules={[{ required: true, whitespace: true, message: t('register.nameRequired') }]}>
              <Input maxLength={50} autoComplete="name" data-testid="step-up-name" style={{ width: 200 }} />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="step-up-submit">
                {t('level.verify')}
              </Button>
            </Form.Item>
          </Form>
        </Card>
      )}
      {required >= 3 && user.level === 2 && passkeysSupported() && (
        <Card size="small" title={<Space><KeyOutlined />{t('level.passkeyTitle')}</Space>} data-testid="step-up-passkey">
          <Typography.Paragraph type="secondary">{t('level.passkeyHint')}</Typography.Paragraph>
          <AddPasskeyButton primary testId="step-up-passkey-add" onAdded={(u) => onRaised?.(u)} />
        </Card>
      )}
      {required >= 3 && user.level < 3 && (
        <Card size="small" title={<Space><SafetyCertificateOutlined />{t('level.hallTitle')}</Space>}>
          <Typography.Text type="secondary">{t('level.hallHint')}</Typography.Text>
        </Card>
      )}
    </div>
  );
}
