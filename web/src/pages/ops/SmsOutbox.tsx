import { Alert, Button, Card, Table, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '../../hooks';
import { useI18n } from '../../i18n';
import { QueryView } from '../../components/QueryView';
import { formatDateTime } from '../../format';
import type { OutboxItem, OutboxList } from '../../types';

/**
 * The SMS sandbox outbox: what would have been sent. Platform admins; and, while the sandbox
 * runs, anyone on the server machine (the API decides).
 */
export default function SmsOutbox() {
  const { t, lang } = useI18n();
  const q = useQuery<OutboxList>('/api/ops/sms-outbox');
  return (
    <div className="yw-page" style={{ maxWidth: 1040 }}>
      <Typography.Title level={3}>{t('outbox.title')}</Typography.Title>
      <Alert type="warning" showIcon title={t('outbox.intro')} style={{ marginBottom: 16 }} data-testid="outbox-intro" />
      <Card
        extra={
          <Button icon={<ReloadOutlined />} onClick={q.reload} data-testid="outbox-refresh">
            {t('outbox.refresh')}
          </Button>
        }
      >
        <QueryView q={q}>
          {(d) => (
            <Table<OutboxItem>
              rowKey="id"
              dataSource={d.items}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              locale={{ emptyText: t('outbox.empty') }}
              onRow={() => ({ 'data-testid': 'outbox-row' }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { title: t('outbox.time'), dataIndex: 'createdAt', width: 180, render: (v: string) => formatDateTime(v, lang) },
                { title: t('outbox.phone'), dataIndex: 'maskedPhone', width: 140, render: (v: string) => <span data-testid="outbox-phone">{v}</span> },
                { title: t('outbox.text'), dataIndex: 'text', render: (v: string) => <span data-testid="outbox-text">{v}</span> },
              ]}
            />
          )}
        </QueryView>
      </Card>
    </div>
  );
}
