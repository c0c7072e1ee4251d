import { Card, Empty, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { usePagedQuery } from '../../hooks';
import { useT } from '../../i18n';
import type { CaseSummary } from '../../types';
import { QueryView } from '../../components/QueryView';
import { CaseTable } from '../../components/CaseTable';
import { LoadMore } from '../../components/LoadMore';

export default function MyCases() {
  const t = useT();
  const q = usePagedQuery<CaseSummary>('/api/cases?scope=mine');
  return (
    <div className="yw-page">
      <Typography.Title level={3}>{t('cases.title')}</Typography.Title>
      <Card>
        <QueryView q={q}>
          {(d) =>
            d.items.length === 0 ? (
              <Empty description={<Link to="/">{t('cases.empty')}</Link>} />
            ) : (
              <>
                <CaseTable items={d.items} linkBase="/my/cases" />
                <LoadMore q={q} />
              </>
            )
          }
        </QueryView>
      </Card>
    </div>
  );
}
