import { Alert, App, Button, Card, Form, Input } from 'antd';
import { KeyOutlined } from '@ant-design/icons';
import { api } from '../api';
import { useAuth } from '../auth';
import { useFormSubmit } from '../hooks';
import { useT } from '../i18n';
import type { PasswordChangeResponse } from '../types';

type Values = { currentPassword: string; newPassword: string; confirm: string };

/** 修改密码: the current password, a new one twice. Other devices are signed out. */
export function ChangePassword() {
  const t = useT();
  const { message } = App.useApp();
  const { user, refresh } = useAuth();
  const [form] = Form.useForm<Values>();
  const { busy, error, run } = useFormSubmit(form, ['currentPassword', 'newPassword']);

  const submit = (v: Values) =>
    run(async () => {
      const res = await api.post<PasswordChangeResponse>('/api/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      message.success(t('password.changed', { n: res.otherSessionsEnded }));
      form.resetFields();
      await refresh();
    });

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
