import { Link, useParams } from 'react-router-dom';
import { Breadcrumb } from 'antd';
import { useQuery } from '../../hooks';
import { useT } from '../../i18n';
import type { Licence } from '../../types';
import { QueryView } from '../../components/QueryView';
import { LicenceCard } from '../../components/LicenceCard';

export default function LicenceDetail() {
  const t = useT();
  const { id } = useParams();
  const q = useQuery<Licence>(`/api/licences/${encodeURIComponent(id ?? '')}`);
  return (
    <div className="yw-page">
      <Breadcrumb items={[{ title: <Link to="/my/licences">{t('licences.title')}</Link> }, { title: q.data?.typeName ?? '…' }]} style={{ marginBottom: 12 }} />
      <QueryView q={q}>{(l) => <LicenceCard l={l} />}</QueryView>
    </div>
  );
}
