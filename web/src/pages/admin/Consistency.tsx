import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { Card, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { CheckCircleOutlined } from '@ant-design/icons';
import { useQuery } from '../../hooks';
import { useI18n } from '../../i18n';
import { QueryView } from '../../components/QueryView';
import type { ConsistencyItem, ConsistencyProblemView, ConsistencyReport } from '../../types';
import { CatalogueShell } from './catalogue/shared';

type Severity = 'all' | 'error' | 'warning';

/**
 * The catalogue consistency report (GB/T 39554 element rules): every item the reader administers,
 * its errors and warnings. Catalogue admins see the whole node, department admins their branch
 * (the server decides; this page only filters what it was given).
 */
export default function Consistency() {
  const q = useQuery<ConsistencyReport>('/api/catalog/consistency');
  return <QueryView q={q}>{(report) => <Report report={report} />}</QueryView>;
}

function SeverityTag({ severity }: { severity: ConsistencyProblemView['severity'] }) {
  const { t } = useI18n();
  return <Tag color={severity === 'error' ? 'red' : 'orange'}>{t(severity === 'error' ? 'consistency.error' : 'consistency.warning')}</Tag>;
}

function Report({ report }: { report: ConsistencyReport }) {
  const { t } = useI18n();
  const [severity, setSeverity] = useState<Severity>('all');
  const [department, setDepartment] = useState<string>('');
  const [onlyProblems, setOnlyProblems] = useState(true);

  const departments = useMemo(() => [...new Map(report.items.map((i) => [i.department.id, i.department.name])).entries()], [report]);
  const shownProblems = (i: ConsistencyItem) => i.problems.filter((p) => severity === 'all' || p.severity === severity);
  const rows = report.items.filter((i) => (!department || i.department.id === department) && (!onlyProblems || shownProblems(i).length > 0));
  const errors = report.items.reduce((n, i) => n + i.errors, 0);
  const warnings = report.items.reduce((n, i) => n + i.warnings, 0);

  return (
    <CatalogueShell title={t('consistency.title')}>
      <Typography.Paragraph type="secondary">{t('consistency.hint')}</Typography.Paragraph>
      <Card className="yw-guide-card">
        <Space wrap size={16} style={{ marginBottom: 16 }}>
          <Select<Severity>
            value={severity}
            onChange={setSeverity}
            style={{ minWidth: 140 }}
            data-testid="consistency-severity"
            options={[
              { value: 'all', label: t('consistency.allSeverities') },
              { value: 'error', label: t('consistency.error') },
              { value: 'warning', label: t('consistency.warning') },
            ]}
          />
          <Select
            value={department}
            onChange={setDepartment}
            style={{ minWidth: 220 }}
            data-testid="consistency-department"
            options={[{ value: '', label: t('consistency.allDepartments') }, ...departments.map(([id, name]) => ({ value: id, label: name }))]}
          />
          <Space>
            <Switch checked={onlyProblems} onChange={setOnlyProblems} data-testid="consistency-only-problems" />
            {t('consistency.onlyProblems')}
          </Space>
          <Typography.Text type="secondary" data-testid="consistency-summary">
            {t('consistency.summary', { items: report.items.length, errors, warnings })}
          </Typography.Text>
        </Space>
        <Table<ConsistencyItem>
          rowKey="id"
          size="middle"
          dataSource={rows}
          locale={{ emptyText: t('consistency.empty') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          onRow={(i) => ({ 'data-testid': `consistency-item-${i.code}` }) as React.HTMLAttributes<HTMLElement>}
          expandable={{
            rowExpandable: (i) => shownProblems(i).length > 0,
            expandedRowRender: (i) => (
              <Table<ConsistencyProblemView>
                size="small"
                rowKey={(p) => `${p.rule}:${p.path}`}
                pagination={false}
                dataSource={shownProblems(i)}
                columns={[
                  { title: t('consistency.severity'), width: 90, render: (_v, p) => <SeverityTag severity={p.severity} /> },
                  { title: t('consistency.message'), dataIndex: 'message' },
                  { title: t('consistency.path'), dataIndex: 'path', width: 240, render: (path: string) => <Typography.Text code>{path}</Typography.Text> },
                ]}
              />
            ),
          }}
          columns={[
            {
              title: t('consistency.item'),
              render: (_v, i) => (
                <Space direction="vertical" size={0}>
                  {i.published ? <Link to={`/items/${i.id}`}>{i.name}</Link> : <span>{i.name}</span>}
                  <Space size={4}>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {i.code}
                    </Typography.Text>
                    {!i.published && <Tag>{t('consistency.unpublished')}</Tag>}
                  </Space>
                </Space>
              ),
            },
            { title: t('consistency.department'), width: 240, render: (_v, i) => i.department.name },
            {
              title: t('consistency.problems'),
              width: 200,
              render: (_v, i) =>
                i.problems.length === 0 ? (
                  <Typography.Text type="success">
                    <CheckCircleOutlined /> {t('consistency.noProblems')}
                  </Typography.Text>
                ) : (
                  <Space size={4}>
                    {i.errors > 0 && <Tag color="red">{`${t('consistency.error')} ${i.errors}`}</Tag>}
                    {i.warnings > 0 && <Tag color="orange">{`${t('consistency.warning')} ${i.warnings}`}</Tag>}
                  </Space>
                ),
            },
          ]}
        />
      </Card>
    </CatalogueShell>
  );
}
