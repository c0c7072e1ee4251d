import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useAuth } from '../../auth';
import { applyFieldErrors, errorMessage, pathMatcher } from '../../hooks';
import { useT } from '../../i18n';
import { safeNext } from './Login';

interface Values {
  name: string;
  idNumber: string;
  phone: string;
  password: string;
  confirm: string;
}

export default function Register() {
  const t = useT();
  const { message } = App.useApp();
  const { register } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await register({ name: v.name.trim(), idNumber: v.idNumber.trim().toUpperCase(), phone: v.phone.trim(), password: v.password });
      message.success(t('register.success'));
      if (next?.startsWith('/oidc/')) window.location.assign(next);
      else navigate(next ?? '/', { replace: true });
    } catch (e) {
      // Field errors (e.g. wrong ID check digit) go under their inputs; `detail` on top.
      applyFieldErrors(form, e, pathMatcher(['name', 'idNumber', 'phone', 'password']));
      setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="yw-auth-page">
      <Card className="yw-auth-card">
        <Typography.Title level={3} style={{ textAlign: 'center', marginBottom: 4 }}>
          {t('register.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {t('register.subtitle')}
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="register-error" />}
        <Form form={form} layout="vertical" onFinish={(v) => void onFinish(v)} requiredMark={false}>
          <Form.Item name="name" label={t('register.name')} rules={[{ required: true, whitespace: true, message: t('register.nameRequired') }]}>
            <Input autoComplete="name" maxLength={50} data-testid="register-name" />
          </Form.Item>
          <Form.Item
            name="idNumber"
            label={t('register.idNumber')}
            rules={[{ required: true, pattern: /^\s*\d{17}[\dXx]\s*$/, message: t('register.idFormat') }]}
          >
            <Input maxLength={18} autoComplete="off" data-testid="register-idNumber" />
          </Form.Item>
          <Form.Item name="phone" label={t('register.phone')} rules={[{ required: true, pattern: /^\s*1\d{10}\s*$/, message: t('register.phoneFormat') }]}>
            <Input maxLength={11} inputMode="tel" autoComplete="tel" data-testid="register-phone" />
          </Form.Item>
          <Form.Item name="password" label={t('register.password')} rules={[{ required: true, min: 8, pattern: /^(?=.*[A-Za-z])(?=.*\d).+$/, message: t('register.passwordMin') }]}>
            <Input.Password autoComplete="new-password" data-testid="register-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('register.confirm')}
            dependencies={['password']}
            rules={[
              { required: true, message: t('register.mismatch') },
              ({ getFieldValue }) => ({
                validator: (_r, value) => (!value || getFieldValue('password') === value ? Promise.resolve() : Promise.reject(new Error(t('register.mismatch')))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="register-confirm" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="register-submit">
            {t('register.submit')}
          </Button>
        </Form>
        <div className="yw-auth-foot">
          {t('register.hasAccount')} <Link to={`/login${next ? `?next=${encodeURIComponent(next)}` : ''}`}>{t('register.toLogin')}</Link>
        </div>
      </Card>
    </div>
  );
}
