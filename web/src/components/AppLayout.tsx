import { useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Button, Drawer, Dropdown, Grid, Layout, Menu, Space, Typography } from 'antd';
import { GlobalOutlined, LogoutOutlined, MenuOutlined, SafetyOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { ActingBanner } from './ActingFor';
import { NotificationBell } from './NotificationBell';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';

const { Header, Content, Footer } = Layout;

export function AppLayout() {
  const { t, lang, setLang } = useI18n();
  const { user, logout } = useAuth();
  const loc = useLocation();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const mobile = !screens.md;
  const [drawer, setDrawer] = useState(false);

  const nav = useMemo(() => {
    const items = [{ key: '/', label: <Link to="/" data-testid="nav-services">{t('nav.services')}</Link> }];
    if (user?.kind === 'staff') {
      items.push({ key: '/workbench', label: <Link to="/workbench" data-testid="nav-workbench">{t('nav.workbench')}</Link> });
      if (user.roles.includes('platform_admin') || user.roles.includes('admin')) {
        items.push({ key: '/admin/staff', label: <Link to="/admin/staff" data-testid="nav-staff">{t('nav.staff')}</Link> });
      }
      if (user.roles.includes('platform_admin') || user.roles.includes('catalogue_admin')) {
        items.push({ key: '/admin/forms', label: <Link to="/admin/forms" data-testid="nav-forms">{t('nav.forms')}</Link> });
      }
      // Platform admins may use the catalogue pages too (/admin/catalogue); their menu is full already.
      // The catalogue's own pages (review, basic items, divergence, consistency, import) are its tabs, so the header keeps one line.
      if (!user.actingFor && (user.roles.includes('catalogue_admin') || user.roles.includes('admin'))) {
        items.push({ key: '/admin/catalogue', label: <Link to="/admin/catalogue" data-testid="nav-catalogue">{t('nav.catalogue')}</Link> });
      }
      if (user.roles.includes('platform_admin')) {
        items.push({ key: '/ops/sms-outbox', label: <Link to="/ops/sms-outbox" data-testid="nav-sms-outbox">{t('nav.smsOutbox')}</Link> });
        items.push({ key: '/admin/clients', label: <Link to="/admin/clients" data-testid="nav-clients">{t('nav.clients')}</Link> });
        items.push({ key: '/admin/calendar', label: <Link to="/admin/calendar" data-testid="nav-calendar">{t('nav.calendar')}</Link> });
      }
    } else {
      items.push({ key: '/my/cases', label: <Link to="/my/cases" data-testid="nav-my-cases">{t('nav.myCases')}</Link> });
      items.push({ key: '/my/licences', label: <Link to="/my/licences" data-testid="nav-my-licences">{t('nav.myLicences')}</Link> });
      items.push({ key: '/my/appointments', label: <Link to="/my/appointments" data-testid="nav-my-appointments">{t('hallq.myAppointments')}</Link> });
    }
    items.push({ key: '/verify', label: <Link to="/verify" data-testid="nav-verify">{t('nav.verify')}</Link> });
    return items;
  }, [t, user]);

  const selected = useMemo(() => {
    const p = loc.pathname;
    const match = nav
      .map((n) => n.key)
      .filter((k) => (k === '/' ? p === '/' || p.startsWith('/items') || p.startsWith('/apply') : p.startsWith(k)))
      .sort((a, b) => b.length - a.length)[0];
    return match ? [match] : [];
  }, [loc.pathname, nav]);

  const langSwitch = (
    <Button
      type="text"
      className="yw-header-btn"
      icon={<GlobalOutlined />}
      title={t('lang.switchTitle')}
      data-testid="lang-switch"
      onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}
    >
      {mobile ? t('lang.switchShort') : t('lang.switch')}
    </Button>
  );

  const doLogout = async () => {
    await logout();
  };

  const userArea = user ? (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          ...(user.department ? [{ key: 'dept', label: user.department.name, disabled: true }] : []),
          ...(user.maskedIdNumber ? [{ key: 'id', label: user.maskedIdNumber, disabled: true }] : []),
          ...(user.kind !== 'staff'
            ? [{ key: 'auths', icon: <TeamOutlined />, label: <span data-testid="nav-authorisations">{t('nav.authorisations')}</span>, onClick: () => navigate('/my/authorisations') }]
            : []),
          { key: 'security', icon: <SafetyOutlined />, label: <span data-testid="nav-security">{t('header.security')}</span>, onClick: () => navigate('/my/security') },
          { key: 'logout', icon: <LogoutOutlined />, label: <span data-testid="logout">{t('header.logout')}</span>, onClick: () => void doLogout() },
        ],
      }}
    >
      <Button type="text" className="yw-header-btn" icon={<UserOutlined />} data-testid="user-menu">
        <span data-testid="user-name" className="yw-user-name">
          {user.actingFor ? `${user.actingFor.name} · ${user.name}` : user.name}
        </span>
        {user.kind === 'staff' && !mobile && <span className="yw-staff-badge">{t('header.staff')}</span>}
      </Button>
    </Dropdown>
  ) : (
    <Space size={4}>
      <Link to={`/login${loc.pathname !== '/login' && loc.pathname !== '/register' ? `?next=${encodeURIComponent(loc.pathname + loc.search)}` : ''}`}>
        <Button type="text" className="yw-header-btn" data-testid="header-login">
          {t('header.login')}
        </Button>
      </Link>
      {!mobile && (
        <Link to="/register">
          <Button className="yw-header-register" data-testid="header-register">
            {t('header.register')}
          </Button>
        </Link>
      )}
    </Space>
  );

  return (
    <Layout className="yw-layout">
      <div className="yw-topline" />
      <Header className="yw-header">
        <div className="yw-header-inner">
          {mobile && (
            <Button type="text" className="yw-header-btn" icon={<MenuOutlined />} aria-label={t('header.menu')} onClick={() => setDrawer(true)} data-testid="nav-drawer" />
          )}
          <Link to="/" className="yw-logo" data-testid="logo">
            <span className="yw-logo-mark">{t('app.logoMark')}</span>
            <span className="yw-logo-text">
              {t('app.title')}
              {!mobile && <small>{t('app.subtitle')}</small>}
            </span>
          </Link>
          {!mobile && <Menu mode="horizontal" theme="dark" selectedKeys={selected} items={nav} className="yw-nav" />}
          <div className="yw-header-right">
            {langSwitch}
            {user && user.kind !== 'staff' && <NotificationBell />}
            {userArea}
          </div>
        </div>
      </Header>
      <Drawer open={drawer} onClose={() => setDrawer(false)} placement="left" size={240} title={t('app.title')}>
        <Menu mode="inline" selectedKeys={selected} items={nav} onClick={() => setDrawer(false)} style={{ borderInlineEnd: 0 }} />
        {!user && (
          <div style={{ padding: 16 }}>
            <Link to="/register" onClick={() => setDrawer(false)}>
              <Button block>{t('header.register')}</Button>
            </Link>
          </div>
        )}
      </Drawer>
      <Content className="yw-content">
        <ActingBanner />
        <Outlet />
      </Content>
      <Footer className="yw-footer">
        <div>{t('footer.text')}</div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('footer.hint')}
        </Typography.Text>
      </Footer>
    </Layout>
  );
}
