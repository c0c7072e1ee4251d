import { useRef, useState } from 'react';
import { Alert, Button, Space, Tag, Typography } from 'antd';
import { CheckCircleFilled, FileTextOutlined, UploadOutlined } from '@ant-design/icons';
import { api } from '../api';
import type { MaterialSpec, Upload } from '../types';
import { useT } from '../i18n';
import { errorMessage } from '../hooks';
import { acceptAttr, fileMatchesAccept, formatBytes, shortHash } from '../format';

interface Props {
  spec: MaterialSpec;
  value: Upload | null | undefined;
  onChange: (u: Upload | null) => void;
  /** Shown as the current file when nothing new was uploaded (resubmit). */
  currentFileName?: string;
  /** Marks the material as asked for in a supplement notice. */
  asked?: boolean;
  /** Validation error from the parent (e.g. required but missing). */
  error?: string | null;
  /** The SHA-256 of the file sent last time for this material (resubmit): an identical new file is flagged. */
  previousSha256?: string;
}

export function MaterialUpload({ spec, value, onChange, currentFileName, asked, error, previousSha256 }: Props) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);

  async function onFile(file: File | undefined) {
    if (!file) return;
    setUploadError(null);
    if (!fileMatchesAccept(file, spec.accept)) {
      setUploadError(t('apply.wrongType', { file: file.name, types: spec.accept.map((a) => a.toUpperCase()).join(' / ') }));
      return;
    }
    if (spec.maxBytes && file.size > spec.maxBytes) {
      setUploadError(t('apply.tooLarge', { file: file.name, size: formatBytes(spec.maxBytes) }));
      return;
    }
    setBusy(true);
    try {
      const u = await api.upload<Upload>('/api/uploads', file);
      onChange(u);
    } catch (e) {
      setUploadError(errorMessage(e, t));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  }

  const shownError = uploadError ?? error ?? null;
  // Read by the platform from the licence library or a base registry (免提交): nothing to upload.
  if (spec.fetched) {
    return (
      <div className="yw-material" data-testid={`material-${spec.code}`} data-fetched="true">
        <div className="yw-material-head">
          <Space size={6} wrap>
            <FileTextOutlined />
            <Typography.Text strong>{spec.name}</Typography.Text>
            <Tag color="green">{t('material.fetched')}</Tag>
          </Space>
        </div>
        {spec.description && (
          <Typography.Paragraph type="secondary" className="yw-material-desc">
            {spec.description}
          </Typography.Paragraph>
        )}
      </div>
    );
  }
  return (
    <div
      className={`yw-material${asked ? ' yw-material-asked' : ''}${shownError ? ' yw-material-error' : ''}`}
      data-testid={`material-${spec.code}`}
      data-uploaded={value ? 'true' : 'false'}
    >
      <div className="yw-material-head">
        <Space size={6} wrap>
          <FileTextOutlined />
          <Typography.Text strong>{spec.name}</Typography.Text>
          {spec.required ? <Tag color="red">{t('common.required')}</Tag> : <Tag>{t('common.optional')}</Tag>}
          {asked && <Tag color="orange">{t('case.askedMaterial')}</Tag>}
        </Space>
        <div>
          <input
            ref={input}
            type="file"
            accept={acceptAttr(spec.accept)}
            style={{ display: 'none' }}
            data-testid={`upload-${spec.code}`}
            aria-label={spec.name}
            onChange={(e) => void onFile(e.target.files?.[0])}
          />
          <Button
            icon={<UploadOutlined />}
            loading={busy}
            onClick={() => input.current?.click()}
            data-testid={`upload-button-${spec.code}`}
            type={value ? 'default' : 'primary'}
            ghost={!value}
          >
            {busy ? t('apply.uploading') : value ? t('apply.reupload') : t('apply.upload')}
          </Button>
        </div>
      </div>
      {spec.description && (
        <Typography.Paragraph type="secondary" className="yw-material-desc">
          {spec.description}
        </Typography.Paragraph>
      )}
      <Typography.Text type="secondary" className="yw-material-meta">
        {t('item.materialFormat')}: {spec.accept.map((a) => a.toUpperCase()).join(' / ')} · {t('item.materialMaxSize')}:{' '}
        {formatBytes(spec.maxBytes)}
      </Typography.Text>
      {value ? (
        <div className="yw-upload-result" data-testid={`upload-result-${spec.code}`}>
          <CheckCircleFilled style={{ color: '#389e0d' }} />
          <span className="yw-file-name">{value.fileName}</span>
          <span>{formatBytes(value.size)}</span>
          <code title={value.sha256}>{t('apply.sha', { hash: shortHash(value.sha256) })}</code>
        </div>
      ) : currentFileName ? (
        <div className="yw-upload-result yw-upload-current">
          <Typography.Text type="secondary">{t('case.keepCurrent', { file: currentFileName })}</Typography.Text>
        </div>
      ) : null}
      {value && previousSha256 && value.sha256 === previousSha256 && (
        <Alert
          type="warning"
          showIcon
          className="yw-material-alert"
          data-testid={`same-file-${spec.code}`}
          title={t('supplement.sameFile')}
          description={t('supplement.sameFileDesc', { name: currentFileName ?? spec.name })}
        />
      )}
      {shownError && <Alert type="error" showIcon title={shownError} className="yw-material-alert" data-testid={`upload-error-${spec.code}`} />}
    </div>
  );
}
