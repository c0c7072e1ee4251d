import { Link } from 'react-router-dom';
import { Table, Tag } from 'antd';
import type { CaseSummary } from '../types';
import { useI18n } from '../i18n';
import { formatDateTime } from '../format';
import { DueDate } from './DueDate';
import { StatusTag } from './StatusTag';
import { DaysLeft } from './DaysLeft';
import { ClockTag } from './ClockTag';

/** Case list shared by "my cases" and the workbench. */
export function CaseTable({
  items,
  linkBase,
  showApplicant,
  showDepartment = true,
  rowTestId = 'case-row',
  loading,
  showApproval,
}: {
  items: CaseSummary[];
  linkBase: string;
  showApplicant?: boolean;
  showDepartment?: boolean;
  rowTestId?: string;
  loading?: boolean;
  /** The approval queue: the step each case is at and, for a parallel step, which departments have decided. */
  showApproval?: boolean;
}) {
  const { t, lang } = useI18n();
  return (
    <Table<CaseSummary>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={items}
      scroll={{ x: showApproval ? 1400 : 900 }}
      // Pages come from the server (cursor, "load more" below the table), not from the table.
      pagination={false}
      locale={{ emptyText: t('common.empty') }}
      onRow={(c) => ({ 'data-testid': rowTestId, 'data-case-id': c.id, 'data-case-no': c.caseNo, 'data-status': c.status }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: t('cases.caseNo'),
          dataIndex: 'caseNo',
          width: 220,
          render: (no: string, c) => (
            <Link to={`${linkBase}/${c.id}`} className="yw-mono yw-nowrap" data-testid="case-link">
              {no}
            </Link>
          ),
        },
        {
          title: t('cases.item'),
          dataIndex: ['item', 'name'],
          ellipsis: true,
          render: (name: string, c: CaseSummary) => (
            <>
              {name}
              {c.bundle && (
                <Tag color="purple" className="yw-bundle-tag" data-testid="case-bundle">
                  {c.bundle.name}
                </Tag>
              )}
            </>
          ),
        },
        ...(showApplicant ? [{ title: t('cases.applicant'), dataIndex: 'applicantName', width: 100 }] : []),
        ...(showDepartment ? [{ title: t('cases.department'), dataIndex: ['department', 'name'], width: 160, ellipsis: true }] : []),
        ...(showApproval
          ? [
              {
                title: t('flow.queueStep'),
                dataIndex: 'approval',
                width: 240,
                render: (a: CaseSummary['approval']) =>
                  a ? (
                    <div data-testid="queue-step">
                      <div>{a.stepName}</div>
                      {a.parallel &&
                        a.departments.map((d) => (
                          <Tag key={d.name} color={d.decided ? 'success' : 'default'} data-testid="queue-dept" data-decided={d.decided ? 'true' : 'false'}>
                            {d.name} · {d.decided ? t('flow.queueDecided') : t('flow.queueWaiting')}
                          </Tag>
                        ))}
                    </div>
                  ) : null,
              },
            ]
          : []),
        { title: t('cases.status'), dataIndex: 'status', width: 110, render: (_s: string, c: CaseSummary) => <StatusTag status={c.status} /> },
        { title: t('cases.submittedAt'), dataIndex: 'submittedAt', width: 150, render: (d: string) => formatDateTime(d, lang) },
        { title: t('cases.dueDate'), dataIndex: 'dueDate', width: 160, render: (d: string | null, c: CaseSummary) => <DueDate date={d} provisional={c.dueDateProvisional} /> },
        {
          title: t('cases.daysLeft'),
          dataIndex: 'workingDaysLeft',
          width: 150,
          render: (d: number | null, c: CaseSummary) => <DaysLeft days={d} status={c.status} />,
        },
        { title: t('clock.column'), dataIndex: 'clockColour', width: 130, render: (_c: string | null, c: CaseSummary) => <ClockTag colour={c.clockColour} paused={c.clockPaused} /> },
      ]}
    />
  );
}
