import { Link, useLocation, useParams } from 'react-router-dom';
import { Breadcrumb, Card, Result, Table, Typography } from 'antd';
import { useI18n } from '../../i18n';
import { useQuery } from '../../hooks';
import { formatDateTime } from '../../format';
import type { ThemeApplicationView } from '../../types';
import { QueryView } from '../../components/QueryView';
import { StatusTag } from '../../components/StatusTag';
import { DueDate } from '../../components/DueDate';

export default function ThemeApplication() {
  const { id } = useParams();
  const q = useQuery<ThemeApplicationView>(`/api/theme-applications/${encodeURIComponent(id ?? '')}`);
  return <QueryView q={q}>{(b) => <BundleView b={b} />}</QueryView>;
}

/** A theme application (一件事) as its applicant follows it: each member case, its state and what it waits for. */
export function BundleView({ b, embedded = false }: { b: ThemeApplicationView; embedded?: boolean }) {
  const { t, lang } = useI18n();
  const loc = useLocation();
  const created = !embedded && (loc.state as { created?: boolean } | null)?.created;
  const table = (
    <Table
      rowKey="id"
      size="middle"
      pagination={false}
      dataSource={b.cases}
      scroll={{ x: 760 }}
      onRow={(c) => ({ 'data-testid': 'bundle-case', 'data-case-id': c.id, 'data-status': c.status, 'data-item-code': c.item.code }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: t('themes.case'),
          dataIndex: 'caseNo',
          width: 200,
          render: (no: string, c) => (
            <Link to={`/my/cases/${c.id}`} className="yw-mono yw-nowrap" data-testid="bundle-case-link">
              {no}
            </Link>
          ),
        },
        { title: t('themes.item'), dataIndex: ['item', 'name'], ellipsis: true },
        { title: t('themes.department'), dataIndex: ['department', 'name'], width: 170, ellipsis: true },
        { title: t('themes.status'), dataIndex: 'status', width: 130, render: (_s, c) => <StatusTag status={c.status} /> },
        {
          title: t('themes.dependsOn'),
          dataIndex: 'waitsFor',
          width: 200,
          render: (_w, c) =>
            c.waitsFor.length ? (
              <Typography.Text type={c.status === 'waiting' ? 'warning' : 'secondary'}>{c.waitsFor.map((w) => w.itemName).join(t('common.listSep'))}</Typography.Text>
            ) : (
              <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
            ),
        },
        { title: t('cases.dueDate'), dataIndex: 'dueDate', width: 150, render: (d: string | null, c) => <DueDate date={d} provisional={c.dueDateProvisional} /> },
      ]}
    />
  );
  if (embedded)
    return (
      <Card className="yw-guide-card" title={<span className="yw-section-title">{t('themes.bundleOf', { name: b.theme.name })}</span>} data-testid="bundle-card">
        {table}
      </Card>
    );
  return (
    <div className="yw-page">
      <Breadcrumb items={[{ title: <Link to="/my/cases">{t('cases.title')}</Link> }, { title: b.theme.name }]} style={{ marginBottom: 12 }} />
      {created && <Result status="success" className="yw-created" title={t('themes.submitted', { name: b.theme.name, n: b.cases.length })} data-testid="bundle-created" />}
      <Card className="yw-guide-card">
        <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="bundle-title">
          {b.theme.name}
        </Typography.Title>
        <Typography.Text type="secondary">
          {t('cases.submittedAt')}
          {t('common.colon')}
          {formatDateTime(b.submittedAt, lang)}
        </Typography.Text>
      </Card>
      <Card className="yw-guide-card" title={<span className="yw-section-title">{t('themes.bundle')}</span>}>
        {table}
      </Card>
    </div>
  );
}
