import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { KeyOutlined } from '@ant-design/icons';
import { api } from '../api';
import { useAuth } from '../auth';
import { applyFieldErrors, errorMessage, pathMatcher } from '../hooks';
import { useT } from '../i18n';
import type { User } from '../types';

type Values = { currentPassword: string; newPassword: string; confirm: string };

/** 修改密码: the current password, a new one twice. Other devices are signed out. */
export function ChangePassword() {
  const t = useT();
  const { message } = App.useApp();
  const { user, refresh } = useAuth();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const res = await api.post<{ user: User; otherSessionsEnded: number }>('/api/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      message.success(t('password.changed', { n: res.otherSessionsEnded }));
      form.resetFields();
      await refresh();
    } catch (e) {
      applyFieldErrors(form, e, pathMatcher(['currentPassword', 'newPassword']));
      setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={<span><KeyOutlined /> {t('password.title')}</span>} style={{ marginBottom: 16 }} data-testid="change-password">
      {user?.mustChangePassword && <Alert type="warning" showIcon title={t('password.mustChange')} style={{ marginBottom: 16 }} data-testid="must-change-password" />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="password-error" />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} style={{ maxWidth: 360 }} requiredMark>
        <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
          <Input.Password autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('password.new')} extra={t('password.rules')} rules={[{ required: true, min: 8, message: t('password.rules') }]}>
          <Input.Password autoComplete="new-password" data-testid="password-new" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('password.confirmRequired') },
            ({ getFieldValue }) => ({
              validator: (_, value) => (!value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-confirm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="password-submit">
          {t('password.submit')}
        </Button>
      </Form>
    </Card>
  );
}
