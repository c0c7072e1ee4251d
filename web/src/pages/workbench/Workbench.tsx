import { lazy, Suspense } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Badge, Button, Card, Empty, Segmented, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { IdcardOutlined, NotificationOutlined, ReloadOutlined, ShopOutlined } from '@ant-design/icons';
import { useAuth } from '../../auth';
import { usePagedQuery } from '../../hooks';
import { hasKey, useT } from '../../i18n';
import type { CaseSummary, ClockColour, ListScope } from '../../types';
import { QueryView } from '../../components/QueryView';
import { CaseTable } from '../../components/CaseTable';
import { LoadMore } from '../../components/LoadMore';

const StatusChart = lazy(() => import('../../components/StatusChart'));

type Scope = Exclude<ListScope, 'mine'>;

export default function Workbench() {
  const t = useT();
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const roles = user?.roles ?? [];
  // Only the handling roles see cases (least privilege): an admin's workbench has no queues; a
  // department head sees the department's cases, a supervisor the deadline alarms.
  const scopes: Scope[] = [];
  if (roles.includes('clerk')) scopes.push('intake');
  if (roles.includes('approver')) scopes.push('approval');
  if (scopes.length || roles.includes('head')) scopes.push('department');
  // 电子监察: the supervisor's yellow and red cases across departments.
  if (roles.includes('supervisor')) scopes.push('alarms');
  const requested = params.get('tab') as Scope | null;
  const active: Scope | undefined = requested && scopes.includes(requested) ? requested : scopes[0];

  return (
    <div className="yw-page">
      <div className="yw-toolbar">
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('wb.title')}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t('wb.welcome', { dept: user?.department?.name ?? '', name: user?.name ?? '' })}{' '}
          </Typography.Text>
          {roles.map((r) => {
            const key = `role.${r}`;
            return (
              <Tag key={r} color="blue">
                {hasKey(key) ? t(key) : r}
              </Tag>
            );
          })}
        </div>
        {roles.includes('platform_admin') && (
          <Link to="/admin/halls">
            <Button icon={<ShopOutlined />} data-testid="open-hall-admin">
              {t('hallq.adminLink')}
            </Button>
          </Link>
        )}
        {roles.includes('clerk') && (
          <Space>
            <Link to="/workbench/hall/window">
              <Button icon={<NotificationOutlined />} data-testid="open-hall-window">
                {t('hallq.windowLink')}
              </Button>
            </Link>
            <Link to="/workbench/hall">
              <Button type="primary" icon={<IdcardOutlined />} data-testid="open-hall">
                {t('wb.hall')}
              </Button>
            </Link>
          </Space>
        )}
      </div>
      <Card>
        {active === undefined ? (
          <Empty description={t('wb.noHandlingRole')} data-testid="workbench-no-queues" />
        ) : (
          <Tabs
            activeKey={active}
            onChange={(k) => setParams({ tab: k }, { replace: true })}
            destroyOnHidden
            items={scopes.map((s) => ({
              key: s,
              label: <span data-testid={`tab-${s}`}>{t(`wb.${s}`)}</span>,
              children: <ScopeList scope={s} />,
            }))}
          />
        )}
      </Card>
    </div>
  );
}

const FILTERS = ['all', 'green', 'yellow', 'red'] as const;
type Filter = (typeof FILTERS)[number];

function ScopeList({ scope }: { scope: Scope }) {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const requested = params.get('colour') as Filter | null;
  // The alarm list is yellow and red only.
  const filters: readonly Filter[] = scope === 'alarms' ? FILTERS.filter((f) => f !== 'green') : FILTERS;
  const colour: ClockColour | null = requested && requested !== 'all' && filters.includes(requested) ? requested : null;
  const q = usePagedQuery<CaseSummary>(`/api/cases?scope=${scope}${colour ? `&colour=${colour}` : ''}`);
  const shown = q.data?.items.length ?? 0;
  const more = !!q.data?.nextCursor;
  return (
    <div data-testid={`workbench-${scope}`}>
      <div style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 12 }}>
        <Space wrap>
          <Segmented<Filter>
            value={colour ?? 'all'}
            onChange={(v) => setParams({ tab: scope, ...(v === 'all' ? {} : { colour: v }) }, { replace: true })}
            options={filters.map((f) => ({ value: f, label: <span data-testid={`colour-filter-${f}`}>{t(f === 'all' ? 'clock.filter.all' : `clock.colour.${f}`)}</span> }))}
          />
          <Badge count={more ? `${shown}+` : shown} showZero color={scope === 'department' ? '#8c8c8c' : '#c8161d'} />
          <Typography.Text type="secondary" data-testid="workbench-count">
            {more ? t('wb.countMore', { n: shown }) : t('wb.count', { n: shown })}
          </Typography.Text>
        </Space>
        <Button icon={<ReloadOutlined />} onClick={q.reload} loading={q.loading} data-testid="workbench-refresh">
          {t('wb.refresh')}
        </Button>
      </div>
      <QueryView q={q}>
        {(d) => (
          <>
            {scope === 'department' && d.items.length > 0 && (
              <Suspense fallback={<Spin />}>
                <StatusChart items={d.items} />
              </Suspense>
            )}
            <CaseTable items={d.items} linkBase="/workbench/cases" showApplicant showDepartment={scope === 'approval'} showApproval={scope === 'approval'} rowTestId="workbench-row" />
            <LoadMore q={q} />
          </>
        )}
      </QueryView>
    </div>
  );
}
