import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { Alert, App, Card, Switch, Table, Tag, Typography } from 'antd';
import { api } from '../api';
import { useAuth } from '../auth';
import { errorMessage, useQuery } from '../hooks';
import { hasKey, useT } from '../i18n';
import { QueryView } from './QueryView';
import type { ChannelPreferences } from '../types';

type Row = ChannelPreferences['items'][number];

/** Per kind of notification: the message centre (always on) and SMS, which the applicant turns on or off. */
export function NotificationSettings() {
  const t = useT();
  const { user } = useAuth();
  const { message } = App.useApp();
  const q = useQuery<ChannelPreferences>('/api/notifications/preferences');
  const [saving, setSaving] = useState<string | null>(null);
  const acting = !!user?.actingFor;
  // Linked from the message centre as /my/security#notifications: bring the card into view once loaded.
  const loc = useLocation();
  const card = useRef<HTMLDivElement>(null);
  const loaded = !!q.data;
  useEffect(() => {
    if (loaded && loc.hash === '#notifications') card.current?.scrollIntoView({ block: 'start' });
  }, [loaded, loc.hash]);

  const choose = async (kind: Row['kind'], sms: boolean) => {
    setSaving(kind);
    try {
      q.setData(await api.put<ChannelPreferences>('/api/notifications/preferences', { items: [{ kind, sms }] }));
      void message.success(t('notify.saved'));
    } catch (e) {
      void message.error(errorMessage(e, t));
    } finally {
      setSaving(null);
    }
  };

  const kindLabel = (kind: string) => {
    const key = `notify.kind.${kind}`;
    return hasKey(key) ? t(key) : kind;
  };

  return (
    <Card ref={card} title={t('notify.settings')} style={{ marginBottom: 16 }} id="notifications" data-testid="notification-settings">
      <Typography.Paragraph type="secondary">{t('notify.settingsIntro')}</Typography.Paragraph>
      {acting && <Alert type="info" showIcon message={t('notify.actingNote')} style={{ marginBottom: 12 }} />}
      <QueryView q={q}>
        {(d) => (
          <Table<Row>
            rowKey="kind"
            size="small"
            pagination={false}
            dataSource={d.items}
            onRow={(r) => ({ 'data-testid': `channel-${r.kind}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('notify.col.kind'), dataIndex: 'kind', render: (k: string, r) => (
                <span>
                  {kindLabel(k)}
                  {r.smsByDefault && (
                    <Tag style={{ marginInlineStart: 8 }} bordered={false}>
                      {t('notify.defaultOn')}
                    </Tag>
                  )}
                </span>
              ) },
              { title: t('notify.col.site'), dataIndex: 'site', width: 140, render: () => <Tag color="green">{t('notify.alwaysOn')}</Tag> },
              {
                title: t('notify.col.sms'),
                dataIndex: 'sms',
                width: 100,
                render: (sms: boolean, r) => (
                  <Switch checked={sms} disabled={acting} loading={saving === r.kind} onChange={(v) => void choose(r.kind, v)} data-testid={`sms-${r.kind}`} aria-label={`${t('notify.col.sms')} ${kindLabel(r.kind)}`} />
                ),
              },
            ]}
          />
        )}
      </QueryView>
    </Card>
  );
}
