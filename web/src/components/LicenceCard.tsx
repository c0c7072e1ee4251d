import { Button, Tag } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { Licence } from '../types';
import { hasKey, useI18n } from '../i18n';
import { formatDate, formatDateTime } from '../format';

export function LicenceStatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  const key = `licenceStatus.${status}`;
  const ok = ['valid', 'active', 'issued'].includes(status);
  return (
    <Tag color={ok ? 'green' : 'red'} data-testid="licence-status" data-status={status}>
      {hasKey(key) ? t(key) : status}
    </Tag>
  );
}

export function qrDataUri(svg: string): string {
  return `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;
}

/** The e-certificate, styled after a paper licence: face data on the left, QR and seal on the right. */
export function LicenceCard({ l }: { l: Licence }) {
  const { t, lang } = useI18n();
  return (
    <div className="yw-cert" data-testid="licence-detail" data-licence-id={l.id}>
      <div className="yw-cert-border">
        <div className="yw-cert-title" data-testid="licence-type">
          {l.typeName}
        </div>
        <div className="yw-cert-identifier">
          {t('licence.identifier')}{t('common.colon')}<span className="yw-mono" data-testid="licence-identifier">{l.identifier}</span>
        </div>
        <div className="yw-cert-body">
          <table className="yw-cert-face" data-testid="licence-face">
            <tbody>
              <tr>
                <th>{t('licence.holder')}</th>
                <td data-testid="licence-holder">{l.holderName}</td>
              </tr>
              <tr>
                <th>{t('licence.holderId')}</th>
                <td className="yw-mono">{l.maskedHolderId}</td>
              </tr>
              {l.face.map((f, i) => (
                <tr key={i}>
                  <th>{f.label}</th>
                  <td>{f.value}</td>
                </tr>
              ))}
              <tr>
                <th>{t('licence.validity')}</th>
                <td data-testid="licence-validity">
                  {formatDate(l.validFrom, lang)} — {l.validUntil ? formatDate(l.validUntil, lang) : t('common.longTerm')}
                </td>
              </tr>
              <tr>
                <th>{t('licence.status')}</th>
                <td>
                  <LicenceStatusTag status={l.status} />
                </td>
              </tr>
            </tbody>
          </table>
          <div className="yw-cert-side">
            <img className="yw-cert-qr" src={qrDataUri(l.qrSvg)} alt={t('licence.qrHint')} data-testid="licence-qr" />
            <div className="yw-cert-qr-hint">{t('licence.qrHint')}</div>
            <a href={l.verifyUrl} target="_blank" rel="noopener noreferrer" data-testid="licence-verify-link">
              <Button icon={<SafetyCertificateOutlined />}>{t('licence.verify')}</Button>
            </a>
          </div>
        </div>
        <div className="yw-cert-foot">
          <div>
            <div>
              {t('licence.issuer')}{t('common.colon')}<b data-testid="licence-issuer">{l.issuerName}</b>
            </div>
            <div>
              {t('licence.issuedAt')}{t('common.colon')}{formatDateTime(l.issuedAt, lang)}
            </div>
            <div className="yw-muted" style={{ fontSize: 12 }}>
              {t('licence.alg')}{t('common.colon')}{l.alg}
            </div>
          </div>
          <div className="yw-seal" aria-label={t('licence.stamp')}>
            <span className="yw-seal-star">★</span>
            <span className="yw-seal-text">{l.issuerName}</span>
          </div>
        </div>
      </div>
    </div>
  );
}
