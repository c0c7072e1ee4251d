import { Alert, Card, Descriptions, Timeline, Typography } from 'antd';
import type { Case } from '../types';
import { useI18n } from '../i18n';
import { formatDateTime } from '../format';
import { ClockTag } from './ClockTag';

/** 限时办结: the running clock of a case (acceptance limit, then promised limit), its pauses and extensions. */
export function ClockCard({ c }: { c: Case }) {
  const { t, lang } = useI18n();
  const k = c.clock;
  if (!k.kind) return null;
  const left = k.workingDaysLeft;
  return (
    <Card
      className="yw-guide-card"
      data-testid="clock-card"
      title={<span className="yw-section-title">{t(k.kind === 'acceptance' ? 'clock.kind.acceptance' : 'clock.kind.promised')}</span>}
      extra={<ClockTag colour={k.colour} paused={k.paused} />}
    >
      {k.paused && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="clock-paused"
          title={t(k.pauseKind === 'special' ? 'clock.pausedSpecial' : 'clock.pausedSupplement', { since: k.pausedSince ?? '' })}
        />
      )}
      {k.extensionRequest && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="clock-extension-pending"
          title={t('clock.extensionPending', { n: k.extensionRequest.days })}
          description={k.extensionRequest.reason}
        />
      )}
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={[
          { key: 'due', label: t('clock.due'), children: <span data-testid="clock-due">{k.dueDate ?? t('common.none')}</span> },
          {
            key: 'left',
            label: t('clock.left'),
            children: (
              <span data-testid="clock-left">{left === null ? t('common.none') : left < 0 ? t('cases.overdue', { n: -left }) : t('cases.daysLeftValue', { n: left })}</span>
            ),
          },
          { key: 'warn', label: t('clock.warn'), children: k.warnDate ?? t('common.none') },
          { key: 'limit', label: t('clock.limit'), children: t('clock.days', { n: k.limitDays ?? 0 }) },
          { key: 'paused', label: t('clock.pausedDays'), children: t('clock.days', { n: k.pausedDays }) },
          { key: 'ext', label: t('clock.extensionDays'), children: <span data-testid="clock-extension-days">{t('clock.days', { n: k.extensionDays })}</span> },
          ...(k.supplementDeadline ? [{ key: 'supp', label: t('clock.supplementDeadline'), children: <span data-testid="clock-supplement-deadline">{k.supplementDeadline}</span> }] : []),
        ]}
      />
      {k.history.length > 0 && (
        <>
          <Typography.Text strong>{t('clock.history')}</Typography.Text>
          <Timeline
            style={{ marginTop: 12 }}
            data-testid="clock-history"
            items={k.history.map((e, i) => ({
              key: i,
              content: (
                <>
                  <Typography.Text>{e.actionLabel}</Typography.Text> <Typography.Text type="secondary">{formatDateTime(e.at, lang)} · {e.actorName}</Typography.Text>
                  {e.note && <div className="yw-muted">{e.note}</div>}
                </>
              ),
            }))}
          />
        </>
      )}
    </Card>
  );
}
