import { Alert, Button, Typography } from 'antd';
import { errorMessage, type PagedQueryState } from '../hooks';
import { useT } from '../i18n';

/** Below a paged list: "load more" while the server has another page, then a quiet "all shown". */
export function LoadMore<T>({ q, size }: { q: PagedQueryState<T>; size?: 'large' }) {
  const t = useT();
  const data = q.data;
  if (!data || data.items.length === 0) return null;
  return (
    <div className="yw-load-more" data-testid="list-more">
      {q.loadMoreError ? <Alert type="error" showIcon message={errorMessage(q.loadMoreError, t)} style={{ marginBottom: 12 }} /> : null}
      {data.nextCursor ? (
        <Button onClick={q.loadMore} loading={q.loadingMore} size={size} data-testid="load-more">
          {t('list.loadMore', { n: data.items.length })}
        </Button>
      ) : (
        <Typography.Text type="secondary" data-testid="list-end">
          {t('list.allShown', { n: data.items.length })}
        </Typography.Text>
      )}
    </div>
  );
}
