import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, Form, Input, Space, Tabs, Typography } from 'antd';
import { LockOutlined, MessageOutlined, MobileOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { QrSignIn } from '../../components/QrSignIn';
import { applyFieldErrors, errorMessage, pathMatcher, useQuery } from '../../hooks';
import { useT } from '../../i18n';
import { PasskeyLoginButton } from '../../components/Passkeys';
import type { AuthOptions, SmsCodeSent, User } from '../../types';

/** Only allow same-site relative paths as ?next= targets. */
export function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  if (next.startsWith('/login') || next.startsWith('/register')) return null;
  return next;
}

export function homeFor(user: User): string {
  return user.kind === 'staff' ? '/workbench' : '/my/cases';
}

/** Seconds left before another code may be requested; ticks down once a second. */
function useCountdown(): [number, (seconds: number) => void] {
  const [left, setLeft] = useState(0);
  useEffect(() => {
    if (left <= 0) return;
    const id = setTimeout(() => setLeft((n) => n - 1), 1000);
    return () => clearTimeout(id);
  }, [left]);
  return [left, setLeft];
}

type SecondStep = { challengeId: string; maskedPhone: string; passkey: boolean };
const codeRule = (message: string) => ({ required: true, pattern: /^\d{6}$/, message });

export default function Login() {
  const t = useT();
  const { message } = App.useApp();
  const { login, loginWithCode, refresh } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const options = useQuery<AuthOptions>('/api/auth/options');
  const [form] = Form.useForm<{ username: string; password: string }>();
  const [smsForm] = Form.useForm<{ phone: string; code: string }>();
  const [otpForm] = Form.useForm<{ code: string }>();
  const [tab, setTab] = useState<'password' | 'sms' | 'qr'>('password');
  const [step, setStep] = useState<SecondStep | null>(null);
  const [busy, setBusy] = useState(false);
  const [sending, setSending] = useState(false);
  const [codeSent, setCodeSent] = useState(false);
  const [resendIn, setResendIn] = useCountdown();
  const [error, setError] = useState<string | null>(null);

  const done = (user: User) => {
    message.success(t('login.success', { name: user.name }));
    // The OIDC interaction is served by the server, not the web app: a full page load.
    if (next?.startsWith('/oidc/')) window.location.assign(next);
    else navigate(next ?? homeFor(user), { replace: true });
  };

  const run = async (target: Parameters<typeof applyFieldErrors>[0], fields: string[], action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      applyFieldErrors(target, e, pathMatcher(fields));
      setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };

  const onPassword = (v: { username: string; password: string }) =>
    run(form, ['username', 'password'], async () => {
      const res = await login(v.username.trim(), v.password);
      if ('user' in res) return done(res.user);
      setStep({ challengeId: res.challengeId, maskedPhone: res.maskedPhone, passkey: res.methods.includes('passkey') });
      setResendIn(options.data?.resendSeconds ?? 60);
    });

  const onSecondFactor = (v: { code: string }) =>
    run(otpForm, ['code'], async () => done(await loginWithCode('/api/auth/login/second-factor', { challengeId: step!.challengeId, code: v.code.trim() })));

  const onSms = (v: { phone: string; code: string }) =>
    run(smsForm, ['phone', 'code'], async () => done(await loginWithCode('/api/auth/login/sms', { phone: v.phone.trim(), code: v.code.trim() })));

  const sendCode = async () => {
    setError(null);
    let phone: string;
    try {
      phone = (await smsForm.validateFields(['phone'])).phone.trim();
    } catch {
      return;
    }
    setSending(true);
    try {
      const res = await api.post<SmsCodeSent>('/api/auth/sms-code', { phone }, { noAuthRedirect: true });
      setCodeSent(true);
      setResendIn(res.resendSeconds);
    } catch (e) {
      applyFieldErrors(smsForm, e, pathMatcher(['phone']));
      setError(errorMessage(e, t));
    } finally {
      setSending(false);
    }
  };

  const sandbox = options.data?.sms === 'sandbox' && (
    <Alert
      type="warning"
      showIcon
      data-testid="login-sandbox-note"
      style={{ marginTop: 16 }}
      title={t('login.sandboxNote')}
      action={
        <Link to="/ops/sms-outbox" target="_blank" data-testid="login-outbox-link">
          {t('login.outboxLink')}
        </Link>
      }
    />
  );

  const passwordForm = (
    <Form form={form} layout="vertical" onFinish={(v) => void onPassword(v)} requiredMark={false} size="large">
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
  );

  const smsLoginForm = (
    <Form form={smsForm} layout="vertical" onFinish={(v) => void onSms(v)} requiredMark={false} size="large">
      <Form.Item name="phone" label={t('login.phone')} rules={[{ required: true, pattern: /^1[3-9]\d{9}$/, message: t('login.phoneFormat') }]}>
        <Input prefix={<MobileOutlined />} placeholder={t('login.phonePlaceholder')} autoComplete="tel" inputMode="numeric" maxLength={11} data-testid="login-phone" />
      </Form.Item>
      <Form.Item label={t('login.code')} required extra={codeSent ? <span data-testid="login-code-sent">{t('login.codeSent')}</span> : undefined}>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item name="code" noStyle rules={[codeRule(t('login.codeFormat'))]}>
            <Input prefix={<MessageOutlined />} placeholder={t('login.codePlaceholder')} autoComplete="one-time-code" inputMode="numeric" maxLength={6} data-testid="login-code" />
          </Form.Item>
          <Button onClick={() => void sendCode()} loading={sending} disabled={resendIn > 0} data-testid="login-send-code" style={{ minWidth: 132 }}>
            {resendIn > 0 ? t('login.resendIn', { n: resendIn }) : t('login.sendCode')}
          </Button>
        </Space.Compact>
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-sms-submit">
        {t('login.submit')}
      </Button>
    </Form>
  );

  const secondStep = step && (
    <div data-testid="login-second-factor">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        <SafetyOutlined /> {t('login.secondTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" data-testid="login-masked-phone" data-phone={step.maskedPhone}>
        {t('login.secondIntro', { phone: step.maskedPhone })}
      </Typography.Paragraph>
      <Form form={otpForm} layout="vertical" onFinish={(v) => void onSecondFactor(v)} requiredMark={false} size="large">
        <Form.Item name="code" label={t('login.code')} rules={[codeRule(t('login.codeFormat'))]}>
          <Input prefix={<MessageOutlined />} placeholder={t('login.codePlaceholder')} autoComplete="one-time-code" inputMode="numeric" maxLength={6} autoFocus data-testid="login-otp" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-otp-submit">
          {t('login.secondSubmit')}
        </Button>
        {step.passkey && (
          <div style={{ marginTop: 8 }}>
            <PasskeyLoginButton otpChallengeId={step.challengeId} onDone={done} onError={setError} />
          </div>
        )}
        <Button
          type="link"
          block
          style={{ marginTop: 8 }}
          data-testid="login-otp-back"
          onClick={() => {
            setStep(null);
            setError(null);
            otpForm.resetFields();
          }}
        >
          {t('login.back')}
        </Button>
      </Form>
    </div>
  );

  return (
    <div className="yw-auth-page">
      <Card className="yw-auth-card">
        <Typography.Title level={3} style={{ textAlign: 'center', marginBottom: 4 }}>
          {t('login.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {t('login.subtitle')}
        </Typography.Paragraph>
        {next && !error && !step && <Alert type="info" showIcon title={t('login.needLogin')} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        {secondStep || (
          <Tabs
            activeKey={tab}
            onChange={(k) => {
              setTab(k as 'password' | 'sms' | 'qr');
              setError(null);
            }}
            centered
            items={[
              { key: 'password', label: <span data-testid="login-tab-password">{t('login.tabPassword')}</span>, children: passwordForm },
              { key: 'sms', label: <span data-testid="login-tab-sms">{t('login.tabSms')}</span>, children: smsLoginForm },
              {
                key: 'qr',
                label: <span data-testid="login-tab-qr">{t('login.tabQr')}</span>,
                // Mounted only while the tab is shown: no QR request is made for other sign-ins.
                children: tab === 'qr' && (
                  <>
                    <QrSignIn channel="web" onSignedIn={(u) => void refresh().then(() => done(u))} />
                    <Typography.Paragraph type="secondary" style={{ fontSize: 12, textAlign: 'center', marginBottom: 0 }}>
                      {t('qr.staffNote')}
                    </Typography.Paragraph>
                  </>
                ),
              },
            ]}
          />
        )}
        {!step && (
          <div className="yw-passkey-login" style={{ marginTop: 16 }}>
            <PasskeyLoginButton onDone={done} onError={setError} />
          </div>
        )}
        {sandbox}
        <div className="yw-auth-foot">
          {t('login.noAccount')} <Link to={`/register${next ? `?next=${encodeURIComponent(next)}` : ''}`}>{t('login.toRegister')}</Link>
        </div>
      </Card>
    </div>
  );
}
