import { useCallback, useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { Badge, Button } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { api } from '../api';
import { useT } from '../i18n';
import type { UnreadCount } from '../types';

/** Fired by pages that mark messages read, so the bell counts again at once. */
export const NOTIFICATIONS_CHANGED = 'yw-notifications-changed';
export const notificationsChanged = () => window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));

/** The header bell: the caller's unread messages, counted on every page change and every half minute. */
export function NotificationBell() {
  const t = useT();
  const loc = useLocation();
  const navigate = useNavigate();
  const [count, setCount] = useState(0);
  const load = useCallback(() => {
    api
      .get<UnreadCount>('/api/notifications/unread-count', { noAuthRedirect: true })
      .then((r) => setCount(r.count))
      .catch(() => undefined);
  }, []);
  useEffect(load, [load, loc.pathname]);
  useEffect(() => {
    const timer = window.setInterval(load, 30_000);
    window.addEventListener(NOTIFICATIONS_CHANGED, load);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener(NOTIFICATIONS_CHANGED, load);
    };
  }, [load]);
  return (
    <Button
      type="text"
      className="yw-header-btn"
      onClick={() => navigate('/my/notifications')}
      data-testid="notification-bell"
      data-count={count}
      title={t('notify.bellTitle', { n: count })}
      aria-label={t('notify.bellTitle', { n: count })}
    >
      <Badge count={count} offset={[4, -4]} className="yw-bell-badge">
        <BellOutlined style={{ fontSize: 18, color: '#fff' }} />
      </Badge>
    </Button>
  );
}
