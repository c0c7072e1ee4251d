import { useCallback } from 'react';
import { Tag } from 'antd';
import type { CaseStatus } from '../types';
import { hasKey, useT } from '../i18n';

export const STATUS_COLORS: Record<CaseStatus, string> = {
  waiting: 'default',
  prereview: 'purple',
  prereviewed: 'magenta',
  submitted: 'blue',
  accepted: 'cyan',
  rejected: 'volcano',
  supplement_requested: 'orange',
  resubmitted: 'geekblue',
  completed: 'green',
  denied: 'red',
  cancelled: 'default',
  withdrawn: 'default',
  lapsed: 'default',
};

export function useStatusLabel() {
  const t = useT();
  return useCallback(
    (s: string | null | undefined) => {
      if (!s) return t('common.none');
      const key = `status.${s}`;
      return hasKey(key) ? t(key) : s;
    },
    [t],
  );
}

export function StatusTag({ status, testId = 'status-tag' }: { status: CaseStatus; testId?: string }) {
  const label = useStatusLabel();
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} data-testid={testId} data-status={status} className="yw-status-tag">
      {label(status)}
    </Tag>
  );
}
