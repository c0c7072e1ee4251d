import { useNavigate } from 'react-router-dom';
import { Button, Result, Table } from 'antd';
import { useQuery } from '../../../hooks';
import { useI18n } from '../../../i18n';
import { QueryView } from '../../../components/QueryView';
import { formatDateTime } from '../../../format';
import type { ReviewQueue as Queue } from '../../../types';
import { CatalogueShell, pick } from './shared';

type Row = Queue['items'][number];

/** Versions waiting for the caller's review: their departments' and never their own. */
export default function ReviewQueue() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const queue = useQuery<Queue>('/api/catalog/admin/review-queue');
  return (
    <CatalogueShell title={t('ca.review.title')}>
      <QueryView q={queue}>
        {(d) =>
          d.items.length === 0 ? (
            <Result status="success" title={t('ca.review.empty')} subTitle={t('ca.review.emptyHint')} data-testid="review-empty" />
          ) : (
            <Table<Row>
              rowKey="id"
              size="middle"
              dataSource={d.items}
              pagination={false}
              scroll={{ x: 900 }}
              data-testid="review-table"
              onRow={(r) => ({ 'data-testid': 'review-row', 'data-code': r.implementation.code }) as never}
              columns={[
                { title: t('ca.col.code'), render: (_, r) => r.implementation.code },
                { title: t('ca.col.name'), render: (_, r) => pick(lang, r.implementation.name) },
                { title: t('ca.col.department'), render: (_, r) => r.implementation.department.name },
                { title: t('ca.versions.no'), width: 70, render: (_, r) => `v${r.versionNo}` },
                { title: t('ca.versions.author'), render: (_, r) => r.authorName ?? t('common.none') },
                { title: t('ca.versions.submitted'), render: (_, r) => formatDateTime(r.submittedAt, lang) },
                {
                  title: t('ca.col.actions'),
                  width: 100,
                  render: (_, r) => (
                    <Button type="primary" size="small" onClick={() => navigate(`/admin/catalogue/review/${r.id}`)} data-testid="review-open">
                      {t('ca.review.open')}
                    </Button>
                  ),
                },
              ]}
            />
          )
        }
      </QueryView>
    </CatalogueShell>
  );
}
