import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { Card, Descriptions, Result, Skeleton } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, SafetyCertificateOutlined } from '@ant-design/icons';
import { ApiError } from '../../api';
import { useQuery } from '../../hooks';
import { useI18n } from '../../i18n';
import type { VerifyResult } from '../../types';
import { ErrorResult } from '../../components/QueryView';
import { VerifyShell } from './VerifyShell';
import { LicenceStatusTag } from '../../components/LicenceCard';
import { formatDate, formatDateTime } from '../../format';

export default function Verify() {
  const { code } = useParams();
  const { t } = useI18n();
  return (
    <VerifyShell icon={<SafetyCertificateOutlined className="yw-verify-icon" />} title={t('verify.title')} subtitle={t('verify.subtitle')} code={code} base="/verify" inputTestId="verify-input">
      {code && <VerifyOutcome code={code} key={code} />}
    </VerifyShell>
  );
}

function VerifyOutcome({ code }: { code: string }) {
  const { t, lang } = useI18n();
  const q = useQuery<VerifyResult>(`/api/verify/${encodeURIComponent(code)}`);
  const [checkedAt] = useState(() => new Date().toISOString());

  if (q.loading && !q.data) return <Skeleton active />;
  let r = q.data;
  if (q.error) {
    // Treat a 404 as "unknown" so the page still gives a clear answer.
    if (q.error instanceof ApiError && (q.error.status === 404 || q.error.status === 400)) r = { valid: false, reason: 'unknown' };
    else return <ErrorResult error={q.error} onRetry={q.reload} />;
  }
  if (!r) return null;
  const l = r.licence;
  const reason = r.reason ?? 'unknown';

  return (
    <Card className={`yw-verify-result ${r.valid ? 'yw-verify-ok' : 'yw-verify-bad'}`} data-testid="verify-result" data-valid={r.valid ? 'true' : 'false'} data-reason={r.valid ? '' : reason}>
      <Result
        icon={r.valid ? <CheckCircleFilled style={{ color: '#389e0d' }} /> : <CloseCircleFilled style={{ color: '#cf1322' }} />}
        title={<span className={r.valid ? 'yw-verify-title-ok' : 'yw-verify-title-bad'} data-testid="verify-title">{r.valid ? t('verify.valid') : t('verify.invalid')}</span>}
        subTitle={<span data-testid="verify-reason">{r.valid ? t('verify.validDesc') : t(`verify.reason.${reason}`)}</span>}
        style={{ padding: '24px 8px 8px' }}
      />
      {l && (
        <Descriptions
          bordered
          size="small"
          column={1}
          data-testid="verify-licence"
          items={[
            { key: 'type', label: t('licence.typeName'), children: l.typeName },
            { key: 'id', label: t('licence.identifier'), children: <span className="yw-mono">{l.identifier}</span> },
            { key: 'holder', label: t('licence.holder'), children: l.holderName },
            { key: 'holderId', label: t('licence.holderId'), children: <span className="yw-mono">{l.holderId}</span> },
            { key: 'issuer', label: t('licence.issuer'), children: l.issuerName },
            { key: 'issued', label: t('licence.issuedAt'), children: formatDateTime(l.issuedAt, lang) },
            {
              key: 'validity',
              label: t('licence.validity'),
              children: `${formatDate(l.validFrom, lang)} — ${l.validUntil ? formatDate(l.validUntil, lang) : t('common.longTerm')}`,
            },
            { key: 'status', label: t('licence.status'), children: <LicenceStatusTag status={l.status} /> },
            { key: 'alg', label: t('licence.alg'), children: l.alg },
          ]}
        />
      )}
      <div className="yw-verify-foot">
        <div>{t('verify.checkedAt', { at: formatDateTime(checkedAt, lang) })}</div>
        <div>{t('verify.privacy')}</div>
      </div>
    </Card>
  );
}
