import type React from 'react';
import { Alert, Card, Descriptions, Empty, List, Space, Table, Tag, Timeline, Typography } from 'antd';
import { ExclamationCircleOutlined, PaperClipOutlined } from '@ant-design/icons';
import type { Case, CaseMaterial, CaseStatus, ItemDetail } from '../types';
import { hasKey, useI18n } from '../i18n';
import { formatBytes, formatDateTime, shortHash } from '../format';
import { DaysLeft } from './DaysLeft';
import { DueDate } from './DueDate';
import { displayFieldValue } from './forms/display';
import { conditionHolds } from '../../../src/lib/formConditions';
import { STATUS_COLORS, useStatusLabel } from './StatusTag';

/** The application form values as a description list (labels from the item's form definition). */
export function FormValues({ c, item }: { c: Case; item: ItemDetail | undefined }) {
  const { t } = useI18n();
  const fields = item?.form.fields ?? [];
  // A field its condition hid when the case was submitted has no value to show.
  const names = fields.length ? fields.filter((f) => !f.visibleWhen || conditionHolds(f.visibleWhen, c.form ?? {})).map((f) => f.name) : Object.keys(c.form ?? {});
  const extra = Object.keys(c.form ?? {}).filter((k) => !names.includes(k));
  const all = [...names, ...extra];
  if (!all.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.empty')} />;
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, sm: 1, md: 2 }}
      data-testid="case-form-values"
      items={all.map((name) => {
        const f = fields.find((x) => x.name === name);
        return {
          key: name,
          label: f?.label ?? name,
          children: <span data-testid={`form-value-${name}`}>{displayFieldValue(f, c.form?.[name])}</span>,
          span: f?.type === 'textarea' || f?.type === 'table' ? ('filled' as const) : undefined,
        };
      })}
    />
  );
}

/** Materials table; the latest round's files are highlighted as changed when round > 1. */
export function MaterialsTable({ c, openLinks = true }: { c: Case; openLinks?: boolean }) {
  const { t, lang } = useI18n();
  const latest = c.round;
  return (
    <Table<CaseMaterial>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={c.materials}
      scroll={{ x: 640 }}
      data-testid="case-materials"
      rowClassName={(m) => (latest > 1 && m.round === latest ? 'yw-row-changed' : '')}
      onRow={(m) => ({ 'data-testid': `case-material-${m.code}`, 'data-round': m.round } as React.HTMLAttributes<HTMLElement>)}
      columns={[
        {
          title: t('case.materialName'),
          dataIndex: 'name',
          render: (name: string, m) => (
            <span>
              {name}{' '}
              {m.sameAsBefore && (
                <Tag color="gold" data-testid={`material-same-${m.code}`}>
                  {t('supplement.sameTag')}
                </Tag>
              )}
              {latest > 1 && m.round === latest && (
                <Tag color="orange" data-testid={`material-changed-${m.code}`}>
                  {t('case.changed')}
                </Tag>
              )}
            </span>
          ),
        },
        {
          title: t('case.fileName'),
          dataIndex: 'fileName',
          render: (f: string, m) =>
            openLinks ? (
              // The server sends every material as an attachment (never rendered in our origin): download, no blank tab.
              <a href={`/api/materials/${m.id}`} download={f} data-testid={`material-open-${m.code}`}>
                {f}
              </a>
            ) : (
              f
            ),
        },
        { title: t('case.size'), dataIndex: 'size', width: 90, render: (s: number) => formatBytes(s) },
        {
          title: t('case.sha'),
          dataIndex: 'sha256',
          width: 130,
          render: (s: string) => (
            <Typography.Text code title={s}>
              {shortHash(s)}
            </Typography.Text>
          ),
        },
        {
          title: t('case.round'),
          dataIndex: 'round',
          width: 100,
          render: (r: number) => (
            <Tag color={latest > 1 && r === latest ? 'orange' : 'default'}>{t('case.roundValue', { n: r })}</Tag>
          ),
        },
        { title: t('case.uploadedAt'), dataIndex: 'uploadedAt', width: 150, render: (d: string) => formatDateTime(d, lang) },
      ]}
    />
  );
}

export function SupplementNoticeView({ c, forApplicant }: { c: Case; forApplicant?: boolean }) {
  const { t, lang } = useI18n();
  const n = c.supplementNotice;
  if (!n) return null;
  const active = c.status === 'supplement_requested';
  return (
    <Alert
      type={active ? 'warning' : 'info'}
      showIcon
      icon={<ExclamationCircleOutlined />}
      className={`yw-supplement${active ? ' yw-supplement-active' : ''}`}
      data-testid="supplement-notice"
      title={<span className="yw-supplement-title">{t('case.supplementTitle')}</span>}
      description={
        <div>
          {active && forApplicant && <p>{t('case.supplementIntro')}</p>}
          <List
            size="small"
            dataSource={n.items}
            renderItem={(it, i) => (
              <List.Item data-testid="supplement-item" data-material-code={it.materialCode ?? ''}>
                <span>
                  <b>
                    {i + 1}. {it.materialName ?? t('case.otherItem')}
                  </b>
                  {t('common.colon')}
                  {it.reason}
                </span>
              </List.Item>
            )}
          />
          {n.note && (
            <p style={{ marginTop: 8 }}>
              <b>{t('case.supplementNote')}{t('common.colon')}</b>
              {n.note}
            </p>
          )}
          <Typography.Text type="secondary">{t('case.supplementAt', { at: formatDateTime(n.at, lang) })}</Typography.Text>
        </div>
      }
    />
  );
}

export function CaseHistory({ c }: { c: Case }) {
  const { t, lang } = useI18n();
  const statusLabel = useStatusLabel();
  const actionLabel = (a: string, serverLabel?: string, toStatus?: string | null) => {
    // One department's agreement within the flow is not yet the decision on the case.
    if (a === 'approve' && toStatus === 'accepted') return t('flow.eventAgree');
    const key = `action.${a}`;
    return hasKey(key) ? t(key) : (serverLabel ?? a);
  };
  const events = [...(c.events ?? [])].sort((a, b) => a.at.localeCompare(b.at));
  if (!events.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.empty')} />;
  return (
    <Timeline
      data-testid="case-history"
      items={events.map((e, i) => ({
        key: `${e.at}-${i}`,
        color: e.toStatus ? (STATUS_COLORS[e.toStatus as CaseStatus] ?? 'blue') : 'gray',
        content: (
          <div className="yw-event" data-testid="case-event" data-action={e.action} data-department={e.departmentName ?? ''}>
            <div>
              <b>{actionLabel(e.action, e.actionLabel, e.toStatus)}</b>
              {e.toStatus && (
                <Tag color={STATUS_COLORS[e.toStatus as CaseStatus]} style={{ marginInlineStart: 8 }}>
                  {statusLabel(e.toStatus)}
                </Tag>
              )}
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(e.at, lang)}
              {e.actorName ? ` · ${e.actorName}` : ''}
              {e.departmentName ? ` · ${e.departmentName}` : ''}
            </Typography.Text>
            {e.note && <div className="yw-event-note">{e.note}</div>}
          </div>
        ),
      }))}
    />
  );
}

/** Case number, status and deadline block shared by the citizen and staff views. */
export function CaseHeader({ c, staff, extra }: { c: Case; staff?: boolean; extra?: React.ReactNode }) {
  const { t, lang } = useI18n();
  const finalNote = [...(c.events ?? [])].reverse().find((e) => e.toStatus === c.status && (c.status === 'rejected' || c.status === 'denied' || c.status === 'withdrawn'))?.note;
  return (
    <div className="yw-case-head">
      <div className="yw-case-head-top">
        <div>
          <div className="yw-stat-label">{t('cases.caseNo')}</div>
          <div className="yw-case-no" data-testid="case-no">
            {c.caseNo}
          </div>
        </div>
        <div className="yw-case-status">
          <StatusTagLarge c={c} />
        </div>
      </div>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        className="yw-case-desc"
        items={[
          { key: 'item', label: t('cases.item'), children: <span data-testid="case-item-name">{c.item.name}</span> },
          { key: 'dept', label: t('cases.department'), children: c.department.name },
          {
            key: 'applicant',
            label: t('cases.applicant'),
            children: (
              <span data-testid="case-applicant">
                {c.applicant?.name ?? c.applicantName}
                {staff && c.applicant?.maskedIdNumber ? <span className="yw-mono yw-muted yw-masked-id" data-testid="case-applicant-id">{c.applicant.maskedIdNumber}</span> : null}
              </span>
            ),
          },
          {
            key: 'submitted',
            label: t('cases.submittedAt'),
            children: (
              <span>
                {formatDateTime(c.submittedAt, lang)}{' '}
                <Tag color={c.channel === 'hall' ? 'purple' : 'default'} data-testid="case-channel" data-channel={c.channel}>
                  {t(c.channel === 'hall' ? 'case.channel.hall' : 'case.channel.online')}
                </Tag>
              </span>
            ),
          },
          ...(c.submittedBy ? [{ key: 'by', label: t(c.channel === 'hall' ? 'case.submittedBy' : 'case.submittedByAgent'), children: <span data-testid="case-submitted-by">{c.submittedBy.name}</span> }] : []),
          { key: 'accepted', label: t('case.acceptedAt'), children: formatDateTime(c.acceptedAt, lang) },
          { key: 'due', label: t('cases.dueDate'), children: <DueDate date={c.dueDate} provisional={c.dueDateProvisional} testId="case-due-date" /> },
          { key: 'left', label: t('cases.daysLeft'), children: <DaysLeft days={c.workingDaysLeft} status={c.status} /> },
          ...(c.completedAt ? [{ key: 'completed', label: t('case.completedAt'), children: formatDateTime(c.completedAt, lang) }] : []),
          { key: 'round', label: t('case.round'), children: t('case.roundValue', { n: c.round }) },
        ]}
      />
      {finalNote && (
        <Alert
          type={c.status === 'withdrawn' ? 'info' : 'error'}
          showIcon
          style={{ marginTop: 12 }}
          data-testid="case-final-note"
          title={c.status === 'rejected' ? t('case.rejectedNote') : c.status === 'withdrawn' ? t('withdraw.note') : t('case.deniedNote')}
          description={finalNote}
        />
      )}
      {extra}
    </div>
  );
}

function StatusTagLarge({ c }: { c: Case }) {
  const label = useStatusLabel();
  return (
    <Tag color={STATUS_COLORS[c.status]} data-testid="status-tag" data-status={c.status} className="yw-status-big">
      {label(c.status)}
    </Tag>
  );
}

/** Every supplement notice of the case, oldest first, kept after it is answered: its items and what was uploaded for each. */
export function SupplementHistory({ c, openLinks = true }: { c: Case; openLinks?: boolean }) {
  const { t, lang } = useI18n();
  if (!c.supplements.length) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="supplement-history">
      {c.supplements.map((s) => (
        <Card
          key={s.round}
          size="small"
          data-testid="supplement-round"
          data-round={s.round}
          title={
            <Space wrap>
              <span>{t('supplement.round', { n: s.round })}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(s.at, lang)}
              </Typography.Text>
            </Space>
          }
          extra={
            s.answeredAt ? (
              <Tag color="green" data-testid="supplement-answered">{t('supplement.answered', { at: formatDateTime(s.answeredAt, lang) })}</Tag>
            ) : (
              <Tag color="orange">{t('supplement.open')}</Tag>
            )
          }
        >
          <List
            size="small"
            dataSource={s.items}
            renderItem={(it, i) => (
              <List.Item data-testid="supplement-round-item" data-key={it.key}>
                <div style={{ width: '100%' }}>
                  <div>
                    <b>
                      {i + 1}. {it.materialName ?? t('case.otherItem')}
                    </b>
                    {t('common.colon')}
                    {it.reason}
                  </div>
                  {s.answeredAt && (
                    <div className="yw-supp-answers">
                      {it.answers.length === 0 ? (
                        <Typography.Text type="secondary">{t('supplement.noAnswer')}</Typography.Text>
                      ) : (
                        it.answers.map((a) => (
                          <Space key={a.materialId} size={6} wrap>
                            <PaperClipOutlined />
                            {openLinks ? (
                              <a href={`/api/materials/${a.materialId}`} download={a.fileName} data-testid="supplement-answer">
                                {a.fileName}
                              </a>
                            ) : (
                              <span data-testid="supplement-answer">{a.fileName}</span>
                            )}
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                              {formatBytes(a.size)} · {formatDateTime(a.uploadedAt, lang)}
                            </Typography.Text>
                            {a.sameAsBefore && <Tag color="gold">{t('supplement.sameTag')}</Tag>}
                          </Space>
                        ))
                      )}
                    </div>
                  )}
                </div>
              </List.Item>
            )}
          />
          {s.note && (
            <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
              <b>{t('case.supplementNote')}{t('common.colon')}</b>
              {s.note}
            </Typography.Paragraph>
          )}
        </Card>
      ))}
    </Space>
  );
}
