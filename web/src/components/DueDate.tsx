import { Tag, Tooltip } from 'antd';
import { useI18n } from '../i18n';
import { formatDate } from '../format';

/**
 * A promised date; "provisional" when it was counted over days the official holiday notice does
 * not cover yet (statutory holidays only): it may move when the notice is entered.
 */
export function DueDate({ date, provisional, testId }: { date: string | null; provisional?: boolean; testId?: string }) {
  const { t, lang } = useI18n();
  return (
    <span className="yw-nowrap">
      <span data-testid={testId}>{formatDate(date, lang)}</span>
      {date && provisional ? (
        <Tooltip title={t('cases.dueProvisional.tip')}>
          <Tag color="warning" data-testid="due-provisional" style={{ marginInlineStart: 6, cursor: 'help' }} tabIndex={0}>
            {t('cases.dueProvisional')}
          </Tag>
        </Tooltip>
      ) : null}
    </span>
  );
}
