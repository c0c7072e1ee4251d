import type { ReactNode } from 'react';
import { Button, Result, Skeleton } from 'antd';
import { ApiError } from '../api';
import type { QueryState } from '../hooks';
import { errorMessage } from '../hooks';
import { useT } from '../i18n';
import { Link } from 'react-router-dom';

/** Loading / error / data switch for a useQuery result. */
export function QueryView<T>({ q, children, rows = 6 }: { q: QueryState<T>; children: (data: T) => ReactNode; rows?: number }) {
  const t = useT();
  if (q.error) return <ErrorResult error={q.error} onRetry={q.reload} />;
  if (q.loading && q.data === undefined) return <Skeleton active paragraph={{ rows }} style={{ padding: 24 }} />;
  if (q.data === undefined) return <Skeleton active paragraph={{ rows }} style={{ padding: 24 }} />;
  void t;
  return <>{children(q.data)}</>;
}

export function ErrorResult({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  const status = error instanceof ApiError ? error.status : 0;
  if (status === 404) {
    return (
      <Result
        status="404"
        title="404"
        subTitle={errorMessage(error, t)}
        extra={
          <Link to="/">
            <Button type="primary">{t('common.home')}</Button>
          </Link>
        }
      />
    );
  }
  return (
    <Result
      status={status === 403 ? '403' : status >= 500 ? '500' : 'warning'}
      title={t('common.error')}
      subTitle={errorMessage(error, t)}
      extra={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}
