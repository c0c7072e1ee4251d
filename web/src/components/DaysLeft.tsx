import { Tag, Typography } from 'antd';
import type { CaseStatus } from '../types';
import { useT } from '../i18n';

const FINAL: CaseStatus[] = ['completed', 'rejected', 'denied', 'cancelled', 'withdrawn', 'lapsed'];

export function DaysLeft({ days, status }: { days: number | null | undefined; status: CaseStatus }) {
  const t = useT();
  if (FINAL.includes(status)) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  if (status === 'supplement_requested') return <Tag color="default">{t('case.clockPaused')}</Tag>;
  if (days === null || days === undefined) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  if (days < 0) return <Tag color="red" data-testid="days-left">{t('cases.overdue', { n: -days })}</Tag>;
  if (days === 0) return <Tag color="orange" data-testid="days-left">{t('cases.dueToday')}</Tag>;
  return (
    <Tag color={days <= 2 ? 'gold' : 'default'} data-testid="days-left">
      {t('cases.daysLeftValue', { n: days })}
    </Tag>
  );
}
