import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Card, Empty, Grid, Input, List, Popconfirm, Space, Table, Tabs, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { api, qs } from '../../api';
import { errorMessage, usePagedQuery, useQuery } from '../../hooks';
import { useI18n } from '../../i18n';
import type { CaseGroup, CaseSummary, Draft, DraftList } from '../../types';
import { formatDateTime } from '../../format';
import { QueryView } from '../../components/QueryView';
import { LoadMore } from '../../components/LoadMore';
import { StatusTag } from '../../components/StatusTag';
import { DaysLeft } from '../../components/DaysLeft';
import { DueDate } from '../../components/DueDate';
import { CaseProgress } from '../../components/CaseProgress';

type Tab = 'all' | CaseGroup | 'drafts';
const TABS: Tab[] = ['all', 'active', 'supplement', 'done', 'failed', 'withdrawn', 'drafts'];

/** 我的办件: the caller's cases by status group and search (both on the server), each with its progress; and their drafts. */
export default function MyCases() {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>('all');
  const [q, setQ] = useState('');
  const phone = !Grid.useBreakpoint().sm;
  return (
    <div className="yw-page">
      <Typography.Title level={3}>{t('cases.title')}</Typography.Title>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setTab(k as Tab)}
          items={TABS.map((k) => ({ key: k, label: <span data-testid={`mycases-tab-${k}`}>{t(`mycases.group.${k}`)}</span> }))}
        />
        {tab === 'drafts' ? (
          <Drafts phone={phone} />
        ) : (
          <>
            <Input.Search
              allowClear
              placeholder={t('mycases.search')}
              onSearch={(v) => setQ(v.trim())}
              style={{ maxWidth: 420, marginBottom: 16 }}
              maxLength={50}
              data-testid="mycases-search"
            />
            <CaseList path={`/api/cases${qs({ scope: 'mine', group: tab === 'all' ? undefined : tab, q })}`} phone={phone} filtered={tab !== 'all' || !!q} />
          </>
        )}
      </Card>
    </div>
  );
}

function CaseList({ path, phone, filtered }: { path: string; phone: boolean; filtered: boolean }) {
  const { t, lang } = useI18n();
  const q = usePagedQuery<CaseSummary>(path);
  return (
    <QueryView q={q}>
      {(d) =>
        d.items.length === 0 ? (
          <Empty description={filtered ? t('mycases.noMatch') : <Link to="/">{t('cases.empty')}</Link>} data-testid="mycases-empty" />
        ) : (
          <>
            {phone ? (
              <List
                dataSource={d.items}
                data-testid="mycases-cards"
                renderItem={(c) => (
                  <Card size="small" className="yw-case-card" data-testid="case-card" data-case-id={c.id} data-status={c.status}>
                    <div className="yw-case-card-head">
                      <Link to={`/my/cases/${c.id}`} className="yw-mono" data-testid="case-link">
                        {c.caseNo}
                      </Link>
                      <StatusTag status={c.status} />
                    </div>
                    <div className="yw-case-card-item">
                      {c.item.name}
                      <BundleTag c={c} />
                    </div>
                    <Typography.Text type="secondary" className="yw-case-card-meta">
                      {formatDateTime(c.submittedAt, lang)}
                      {c.workingDaysLeft !== null && (
                        <>
                          {' · '}
                          <DaysLeft days={c.workingDaysLeft} status={c.status} />
                          {c.dueDate && (
                            <>
                              {' · '}
                              <DueDate date={c.dueDate} provisional={c.dueDateProvisional} />
                            </>
                          )}
                        </>
                      )}
                    </Typography.Text>
                    <CaseProgress steps={c.progress} compact />
                  </Card>
                )}
              />
            ) : (
              <Table<CaseSummary>
                rowKey="id"
                size="middle"
                dataSource={d.items}
                pagination={false}
                scroll={{ x: 1000 }}
                data-testid="mycases-table"
                onRow={(c) => ({ 'data-testid': 'case-row', 'data-case-id': c.id, 'data-case-no': c.caseNo, 'data-status': c.status }) as React.HTMLAttributes<HTMLElement>}
                columns={[
                  {
                    title: t('cases.caseNo'),
                    dataIndex: 'caseNo',
                    width: 200,
                    render: (no: string, c) => (
                      <Link to={`/my/cases/${c.id}`} className="yw-mono yw-nowrap" data-testid="case-link">
                        {no}
                      </Link>
                    ),
                  },
                  {
                    title: t('cases.item'),
                    dataIndex: ['item', 'name'],
                    width: 200,
                    render: (name: string, c) => (
                      <>
                        <div>
                          {name}
                          <BundleTag c={c} />
                        </div>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {c.department.name}
                        </Typography.Text>
                      </>
                    ),
                  },
                  { title: t('cases.status'), dataIndex: 'status', width: 100, render: (_s: string, c) => <StatusTag status={c.status} /> },
                  { title: t('mycases.progress'), key: 'progress', render: (_: unknown, c) => <CaseProgress steps={c.progress} compact /> },
                  {
                    title: t('cases.daysLeft'),
                    dataIndex: 'workingDaysLeft',
                    width: 170,
                    // The promised date under the days left: flagged when counted past the official calendar.
                    render: (n: number | null, c) => (
                      <>
                        <DaysLeft days={n} status={c.status} />
                        {c.dueDate && n !== null && (
                          <div style={{ fontSize: 12 }}>
                            <DueDate date={c.dueDate} provisional={c.dueDateProvisional} />
                          </div>
                        )}
                      </>
                    ),
                  },
                ]}
              />
            )}
            <LoadMore q={q} />
          </>
        )
      }
    </QueryView>
  );
}

/** The theme application (一件事) a case is a member of. */
function BundleTag({ c }: { c: CaseSummary }) {
  return c.bundle ? (
    <Tag color="purple" className="yw-bundle-tag" data-testid="case-bundle">
      {c.bundle.name}
    </Tag>
  ) : null;
}

function Drafts({ phone }: { phone: boolean }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const q = useQuery<DraftList>('/api/drafts');
  const remove = async (d: Draft) => {
    try {
      await api.del(`/api/drafts/${d.item.id}`);
      message.success(t('draft.deleted'));
      q.setData({ items: (q.data?.items ?? []).filter((x) => x.id !== d.id) });
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  };
  return (
    <QueryView q={q}>
      {(d) =>
        d.items.length === 0 ? (
          <Empty description={t('mycases.noDrafts')} data-testid="drafts-empty" />
        ) : (
          <List
            dataSource={d.items}
            data-testid="drafts"
            renderItem={(draft) => (
              <List.Item
                data-testid="draft-row"
                data-item-id={draft.item.id}
                actions={[
                  <Link key="resume" to={`/apply/${draft.item.id}`} data-testid="draft-resume">
                    <Button type="primary" icon={<EditOutlined />} size={phone ? 'small' : 'middle'}>
                      {t('draft.resume')}
                    </Button>
                  </Link>,
                  <Popconfirm key="del" title={t('draft.discardConfirm')} okText={t('draft.discard')} cancelText={t('common.cancel')} onConfirm={() => void remove(draft)}>
                    <Button danger icon={<DeleteOutlined />} size={phone ? 'small' : 'middle'} data-testid="draft-delete">
                      {phone ? null : t('draft.discard')}
                    </Button>
                  </Popconfirm>,
                ]}
              >
                <List.Item.Meta
                  title={
                    <Space wrap>
                      <span>{draft.item.name}</span>
                      {!draft.versionOffered && <Tag color="orange" data-testid="draft-stale">{t('draft.staleTag')}</Tag>}
                    </Space>
                  }
                  description={`${t('draft.updatedAt')} ${formatDateTime(draft.updatedAt, lang)} · ${t('draft.files', { n: draft.materials.length })}`}
                />
              </List.Item>
            )}
          />
        )
      }
    </QueryView>
  );
}
