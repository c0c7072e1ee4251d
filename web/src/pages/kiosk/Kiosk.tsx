import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, Button, ConfigProvider, Empty, Form, Input, Modal, Spin, Tabs, Tag } from 'antd';
import {
  ArrowLeftOutlined,
  FileSearchOutlined,
  GlobalOutlined,
  LockOutlined,
  LogoutOutlined,
  NumberOutlined,
  QrcodeOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { QrSignIn } from '../../components/QrSignIn';
import { StatusTag } from '../../components/StatusTag';
import { formatDate } from '../../format';
import { errorMessage, usePagedQuery, useQuery } from '../../hooks';
import { LoadMore } from '../../components/LoadMore';
import { useI18n } from '../../i18n';
import type { CaseSummary, ItemDetail, ItemList, KioskOptions, LicenceSummary, User, UserResponse, VerifyReason } from '../../types';
import { KioskTicket, kioskHallCode } from '../hall/KioskTicket';
import './kiosk.css';

type Screen = 'start' | 'qr' | 'password' | 'guide' | 'verify' | 'ticket';

/** Ends the server session, forgets everything this app kept on the device, and starts over. */
async function signOutAndForget() {
  try {
    await api.post('/api/auth/logout', {}, { noAuthRedirect: true });
  } catch {
    /* the session is gone either way (or will expire within minutes) */
  }
  try {
    localStorage.clear();
    sessionStorage.clear();
  } catch {
    /* storage unavailable */
  }
  // A full load drops every in-memory copy of the person's data (the terminal keeps its hall).
  const hall = kioskHallCode();
  window.location.replace(hall ? `/kiosk?hall=${hall}` : '/kiosk');
}

/** Seconds left before the kiosk signs out by itself; any touch or key starts the count again. */
function useIdle(active: boolean, idleSeconds: number, onTimeout: () => void) {
  const last = useRef(Date.now());
  const [left, setLeft] = useState(idleSeconds);
  useEffect(() => {
    if (!active) return;
    last.current = Date.now();
    setLeft(idleSeconds);
    const bump = () => {
      last.current = Date.now();
    };
    const events = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const;
    events.forEach((e) => window.addEventListener(e, bump, { passive: true }));
    const id = setInterval(() => {
      const l = idleSeconds - Math.floor((Date.now() - last.current) / 1000);
      setLeft(l);
      if (l <= 0) {
        clearInterval(id);
        onTimeout();
      }
    }, 1000);
    return () => {
      clearInterval(id);
      events.forEach((e) => window.removeEventListener(e, bump));
    };
  }, [active, idleSeconds, onTimeout]);
  const stay = useCallback(() => {
    last.current = Date.now();
    setLeft(idleSeconds);
  }, [idleSeconds]);
  return { left, stay };
}

/** Self-service kiosk (自助终端): big type, big buttons, nothing remembered on the device. */
export default function Kiosk() {
  const { t, lang, setLang } = useI18n();
  const { user, loading, refresh } = useAuth();
  const options = useQuery<KioskOptions>('/api/kiosk/options');
  const [screen, setScreen] = useState<Screen>('start');
  const hallCode = kioskHallCode();
  const idleSeconds = options.data?.idleSeconds ?? 120;
  const warnSeconds = options.data?.warnSeconds ?? 20;
  const signedIn = !!user;
  const { left, stay } = useIdle(signedIn || screen !== 'start', idleSeconds, signOutAndForget);
  const onSignedIn = useCallback(() => void refresh(), [refresh]);

  let body: ReactNode;
  if (loading || options.loading) body = <Spin size="large" style={{ display: 'block', margin: '160px auto' }} />;
  else if (user) body = <KioskHome user={user} />;
  else if (screen === 'qr')
    body = (
      <Panel title={t('kiosk.qrLogin')} onBack={() => setScreen('start')}>
        <div className="yw-kiosk-qr">
          <QrSignIn channel="kiosk" size={320} onSignedIn={onSignedIn} />
        </div>
      </Panel>
    );
  else if (screen === 'password')
    body = (
      <Panel title={t('kiosk.passwordLogin')} onBack={() => setScreen('start')}>
        <KioskPassword onSignedIn={onSignedIn} />
      </Panel>
    );
  else if (screen === 'guide')
    body = (
      <Panel title={t('kiosk.guide')} onBack={() => setScreen('start')}>
        <KioskGuide />
      </Panel>
    );
  else if (screen === 'ticket' && hallCode)
    body = (
      <Panel title={t('hallq.kioskButton')} onBack={() => setScreen('start')}>
        <KioskTicket hallCode={hallCode} onDone={() => setScreen('start')} />
      </Panel>
    );
  else if (screen === 'verify')
    body = (
      <Panel title={t('kiosk.verify')} onBack={() => setScreen('start')}>
        <KioskVerify />
      </Panel>
    );
  else
    body = (
      <div data-testid="kiosk-start">
        <h1 className="yw-kiosk-welcome">{t('kiosk.welcome')}</h1>
        <div className="yw-kiosk-grid">
          <BigButton testId="kiosk-qr-button" icon={<QrcodeOutlined />} title={t('kiosk.qrLogin')} desc={t('kiosk.qrLoginDesc')} primary onClick={() => setScreen('qr')} />
          <BigButton testId="kiosk-password-button" icon={<LockOutlined />} title={t('kiosk.passwordLogin')} desc={t('kiosk.passwordLoginDesc')} onClick={() => setScreen('password')} />
          <BigButton testId="kiosk-guide-button" icon={<ReadOutlined />} title={t('kiosk.guide')} desc={t('kiosk.guideDesc')} onClick={() => setScreen('guide')} />
          <BigButton testId="kiosk-verify-button" icon={<SafetyCertificateOutlined />} title={t('kiosk.verify')} desc={t('kiosk.verifyDesc')} onClick={() => setScreen('verify')} />
          {hallCode && <BigButton testId="kiosk-ticket-button" icon={<NumberOutlined />} title={t('hallq.kioskButton')} desc={t('hallq.kioskButtonDesc')} onClick={() => setScreen('ticket')} />}
        </div>
      </div>
    );

  const warning = (signedIn || screen !== 'start') && left <= warnSeconds;
  return (
    <ConfigProvider theme={{ token: { fontSize: 22, controlHeight: 60, borderRadius: 10 } }}>
      <div className="yw-kiosk" data-testid="kiosk" data-idle-seconds={idleSeconds}>
        <header className="yw-kiosk-header">
          <div className="yw-kiosk-brand">
            <span className="yw-logo-mark">{t('app.logoMark')}</span>
            <span>{options.data?.label ?? t('kiosk.title')}</span>
          </div>
          <div className="yw-kiosk-header-right">
            {user && (
              <>
                <span className="yw-kiosk-user" data-testid="kiosk-user-name">
                  <UserOutlined /> {user.name}
                </span>
                <Button size="large" icon={<LogoutOutlined />} onClick={() => void signOutAndForget()} data-testid="kiosk-signout">
                  {t('kiosk.signOut')}
                </Button>
              </>
            )}
            <Button size="large" type="text" className="yw-kiosk-lang" icon={<GlobalOutlined />} onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')} data-testid="kiosk-lang">
              {t('kiosk.langSwitch')}
            </Button>
          </div>
        </header>
        <main className="yw-kiosk-main">{body}</main>
        <footer className="yw-kiosk-footer" data-testid="kiosk-privacy">
          {t('kiosk.privacy', { n: idleSeconds })}
        </footer>
        <Modal open={warning} closable={false} maskClosable={false} keyboard={false} centered footer={null} width={640} data-testid="kiosk-idle-modal">
          <div className="yw-kiosk-idle" data-testid="kiosk-idle-warning">
            <h2>{t('kiosk.idleTitle')}</h2>
            <div className="yw-kiosk-idle-left" data-testid="kiosk-idle-left">
              {Math.max(0, left)}
            </div>
            <p>{t('kiosk.idleText', { n: Math.max(0, left) })}</p>
            <Button type="primary" size="large" block onClick={stay} data-testid="kiosk-stay" style={{ height: 72, fontSize: 26 }}>
              {t('kiosk.stay')}
            </Button>
          </div>
        </Modal>
      </div>
    </ConfigProvider>
  );
}

function BigButton(props: { testId: string; icon: ReactNode; title: string; desc: string; primary?: boolean; onClick: () => void }) {
  return (
    <button type="button" className={`yw-kiosk-big${props.primary ? ' yw-kiosk-big-primary' : ''}`} onClick={props.onClick} data-testid={props.testId}>
      <span className="yw-kiosk-big-icon">{props.icon}</span>
      <span className="yw-kiosk-big-title">{props.title}</span>
      <span className="yw-kiosk-big-desc">{props.desc}</span>
    </button>
  );
}

function Panel({ title, onBack, children }: { title: string; onBack: () => void; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <section className="yw-kiosk-panel">
      <div className="yw-kiosk-panel-head">
        <Button size="large" icon={<ArrowLeftOutlined />} onClick={onBack} data-testid="kiosk-back">
          {t('kiosk.back')}
        </Button>
        <h2>{title}</h2>
      </div>
      {children}
    </section>
  );
}

function KioskPassword({ onSignedIn }: { onSignedIn: (u: User) => void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const { user } = await api.post<UserResponse>('/api/kiosk/login', { username: v.username.trim(), password: v.password }, { noAuthRedirect: true });
      onSignedIn(user);
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  // Nothing typed here may be remembered by the browser: no autocomplete, no "remember me".
  return (
    <Form layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false} autoComplete="off" className="yw-kiosk-form" data-testid="kiosk-login-form">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="kiosk-login-error" />}
      <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
        <Input prefix={<UserOutlined />} placeholder={t('login.usernamePlaceholder')} autoComplete="off" spellCheck={false} data-testid="kiosk-username" />
      </Form.Item>
      <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
        <Input.Password prefix={<LockOutlined />} autoComplete="off" data-testid="kiosk-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy} data-testid="kiosk-login-submit" style={{ height: 72 }}>
        {t('login.submit')}
      </Button>
    </Form>
  );
}

function KioskHome({ user }: { user: User }) {
  const { t, lang } = useI18n();
  const cases = usePagedQuery<CaseSummary>('/api/cases?scope=mine');
  const licences = usePagedQuery<LicenceSummary>('/api/licences');
  return (
    <section className="yw-kiosk-panel" data-testid="kiosk-home">
      <h2 className="yw-kiosk-hello">{t('kiosk.hello', { name: user.name })}</h2>
      <Tabs
        size="large"
        items={[
          {
            key: 'cases',
            label: <span data-testid="kiosk-tab-cases">{t('kiosk.myCases')}</span>,
            children: cases.loading ? (
              <Spin size="large" />
            ) : cases.data?.items.length ? (
              <>
                <ul className="yw-kiosk-list" data-testid="kiosk-cases">
                  {cases.data.items.map((c) => (
                    <li key={c.id} className="yw-kiosk-row" data-testid="kiosk-case" data-case-no={c.caseNo} data-status={c.status}>
                      <div>
                        <div className="yw-kiosk-row-title">{c.item.name}</div>
                        <div className="yw-kiosk-row-sub">
                          {c.caseNo} · {t('kiosk.submittedAt', { date: formatDate(c.submittedAt, lang) })}
                        </div>
                      </div>
                      <StatusTag status={c.status} />
                    </li>
                  ))}
                </ul>
                <LoadMore q={cases} size="large" />
              </>
            ) : (
              <Empty description={t('kiosk.noCases')} />
            ),
          },
          {
            key: 'licences',
            label: <span data-testid="kiosk-tab-licences">{t('kiosk.myLicences')}</span>,
            children: licences.data?.items.length ? (
              <>
                <ul className="yw-kiosk-list" data-testid="kiosk-licences">
                  {licences.data.items.map((l) => (
                    <li key={l.id} className="yw-kiosk-row" data-testid="kiosk-licence">
                      <div>
                        <div className="yw-kiosk-row-title">{l.typeName}</div>
                        <div className="yw-kiosk-row-sub">{l.identifier}</div>
                      </div>
                      {l.validUntil && <Tag>{formatDate(l.validUntil, lang)}</Tag>}
                    </li>
                  ))}
                </ul>
                <LoadMore q={licences} size="large" />
              </>
            ) : (
              <Empty description={t('kiosk.noLicences')} />
            ),
          },
        ]}
      />
    </section>
  );
}


function KioskGuide() {
  const { t } = useI18n();
  const items = useQuery<ItemList>('/api/catalog/items');
  const [open, setOpen] = useState<string | null>(null);
  const detail = useQuery<ItemDetail>(open ? `/api/catalog/items/${open}` : null);
  if (open && detail.data)
    return (
      <div data-testid="kiosk-guide-item">
        <Button size="large" onClick={() => setOpen(null)} icon={<ArrowLeftOutlined />} style={{ marginBottom: 16 }}>
          {t('kiosk.guide')}
        </Button>
        <h3 className="yw-kiosk-row-title">{detail.data.name}</h3>
        <p>{detail.data.promisedLimitDays === 0 ? t('kiosk.promisedOnTheSpot') : t('kiosk.promisedDays', { n: detail.data.promisedLimitDays })}</p>
        <h4>{t('kiosk.conditions')}</h4>
        <ul>{detail.data.guide.conditions.map((c) => <li key={c}>{c}</li>)}</ul>
        <h4>{t('kiosk.materials')}</h4>
        <ul>{detail.data.materials.map((m) => <li key={m.code}>{m.name}</li>)}</ul>
      </div>
    );
  if (items.loading || (open && detail.loading)) return <Spin size="large" />;
  return (
    <ul className="yw-kiosk-list" data-testid="kiosk-guide">
      {items.data?.items.map((i) => (
        <li key={i.id}>
          <button type="button" className="yw-kiosk-row yw-kiosk-row-button" onClick={() => setOpen(i.id)} data-testid="kiosk-guide-row">
            <div>
              <div className="yw-kiosk-row-title">{i.name}</div>
              <div className="yw-kiosk-row-sub">{i.department.name}</div>
            </div>
            <span className="yw-kiosk-row-sub">{i.promisedLimitDays === 0 ? t('kiosk.promisedOnTheSpot') : t('kiosk.promisedDays', { n: i.promisedLimitDays })}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function KioskVerify() {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [result, setResult] = useState<{ valid: boolean; reason?: VerifyReason; licence?: { typeName: string; holderName: string; issuerName: string } } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const check = async () => {
    setError(null);
    setResult(null);
    try {
      setResult(await api.get(`/api/verify/${encodeURIComponent(code.trim())}`, { noAuthRedirect: true }));
    } catch (e) {
      setError(errorMessage(e, t));
    }
  };
  return (
    <div className="yw-kiosk-form">
      <Input.Search
        size="large"
        value={code}
        onChange={(e) => setCode(e.target.value)}
        placeholder={t('kiosk.verifyInput')}
        enterButton={<><FileSearchOutlined /> {t('verify.check')}</>}
        autoComplete="off"
        onSearch={() => code.trim() && void check()}
        data-testid="kiosk-verify-input"
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} />}
      {result && (
        <Alert
          style={{ marginTop: 24 }}
          type={result.valid ? 'success' : 'error'}
          showIcon
          data-testid="kiosk-verify-result"
          data-valid={String(result.valid)}
          title={result.valid ? t('verify.valid') : t('verify.invalid')}
          description={
            result.valid && result.licence
              ? `${result.licence.typeName} · ${result.licence.holderName} · ${result.licence.issuerName}`
              : result.reason
                ? t(`verify.reason.${result.reason}`)
                : undefined
          }
        />
      )}
    </div>
  );
}
