import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useAuth } from '../../auth';
import { applyFieldErrors, errorMessage, pathMatcher } from '../../hooks';
import { useT } from '../../i18n';
import type { User } from '../../types';

/** Only allow same-site relative paths as ?next= targets. */
export function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  if (next.startsWith('/login') || next.startsWith('/register')) return null;
  return next;
}

export function homeFor(user: User): string {
  return user.kind === 'staff' ? '/workbench' : '/my/cases';
}

export default function Login() {
  const t = useT();
  const { message } = App.useApp();
  const { login } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [form] = Form.useForm<{ username: string; password: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onFinish = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const user = await login(v.username.trim(), v.password);
      message.success(t('login.success', { name: user.name }));
      // The OIDC interaction is served by the server, not the web app: a full page load.
      if (next?.startsWith('/oidc/')) window.location.assign(next);
      else navigate(next ?? homeFor(user), { replace: true });
    } catch (e) {
      applyFieldErrors(form, e, pathMatcher(['username', 'password']));
      setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="yw-auth-page">
      <Card className="yw-auth-card">
        <Typography.Title level={3} style={{ textAlign: 'center', marginBottom: 4 }}>
          {t('login.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {t('login.subtitle')}
        </Typography.Paragraph>
        {next && !error && <Alert type="info" showIcon title={t('login.needLogin')} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form form={form} layout="vertical" onFinish={(v) => void onFinish(v)} requiredMark={false} size="large">
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} placeholder={t('login.usernamePlaceholder')} autoComplete="username" data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
        <div className="yw-auth-foot">
          {t('login.noAccount')} <Link to={`/register${next ? `?next=${encodeURIComponent(next)}` : ''}`}>{t('login.toRegister')}</Link>
        </div>
      </Card>
    </div>
  );
}
