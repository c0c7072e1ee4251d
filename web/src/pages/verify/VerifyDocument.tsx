import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { Card, Descriptions, Result, Skeleton } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, FileProtectOutlined } from '@ant-design/icons';
import { ApiError } from '../../api';
import { useQuery } from '../../hooks';
import { useI18n } from '../../i18n';
import type { DocumentVerifyResult } from '../../types';
import { ErrorResult } from '../../components/QueryView';
import { VerifyShell } from './VerifyShell';
import { formatDate, formatDateTime } from '../../format';

/** Public: is this case document (受理通知书 …) genuine? Reached from the QR code on the PDF. */
export default function VerifyDocument() {
  const { code } = useParams();
  const { t } = useI18n();
  return (
    <VerifyShell icon={<FileProtectOutlined className="yw-verify-icon" />} title={t('documents.verifyTitle')} subtitle={t('documents.verifySubtitle')} code={code} base="/verify/document" normalise={(c) => c.toUpperCase()} inputTestId="verify-document-input">
      {code && <Outcome code={code} key={code} />}
    </VerifyShell>
  );
}

function Outcome({ code }: { code: string }) {
  const { t, lang } = useI18n();
  const q = useQuery<DocumentVerifyResult>(`/api/verify/document/${encodeURIComponent(code)}`);
  const [checkedAt] = useState(() => new Date().toISOString());

  if (q.loading && !q.data) return <Skeleton active />;
  let r = q.data;
  if (q.error) {
    if (q.error instanceof ApiError && (q.error.status === 404 || q.error.status === 400)) r = { valid: false, reason: 'unknown' };
    else return <ErrorResult error={q.error} onRetry={q.reload} />;
  }
  if (!r) return null;
  const d = r.document;
  const reason = r.reason ?? 'unknown';
  return (
    <Card className={`yw-verify-result ${r.valid ? 'yw-verify-ok' : 'yw-verify-bad'}`} data-testid="verify-document-result" data-valid={r.valid ? 'true' : 'false'} data-reason={r.valid ? '' : reason}>
      <Result
        icon={r.valid ? <CheckCircleFilled style={{ color: '#389e0d' }} /> : <CloseCircleFilled style={{ color: '#cf1322' }} />}
        title={<span className={r.valid ? 'yw-verify-title-ok' : 'yw-verify-title-bad'}>{r.valid ? t('documents.valid') : t('documents.invalid')}</span>}
        subTitle={r.valid ? t('documents.validDesc') : t(`documents.reason.${reason}`)}
        style={{ padding: '24px 8px 8px' }}
      />
      {d && (
        <Descriptions
          bordered
          size="small"
          column={1}
          data-testid="verify-document"
          items={[
            { key: 'kind', label: t('documents.kind'), children: t(`documents.kind.${d.kind}`) },
            { key: 'number', label: t('documents.number'), children: <span className="yw-mono">{d.documentNumber}</span> },
            { key: 'department', label: t('documents.department'), children: d.department },
            { key: 'issued', label: t('documents.issuedAt'), children: formatDate(d.issuedOn, lang) },
            { key: 'caseNo', label: t('documents.caseNo'), children: <span className="yw-mono">{d.caseNo}</span> },
            { key: 'sha', label: t('documents.sha256'), children: <span className="yw-mono yw-break">{d.pdfSha256}</span> },
          ]}
        />
      )}
      <div className="yw-verify-foot">
        <div>{t('verify.checkedAt', { at: formatDateTime(checkedAt, lang) })}</div>
        <div>{t('documents.privacy')}</div>
      </div>
    </Card>
  );
}
