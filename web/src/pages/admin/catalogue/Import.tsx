import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Progress, Result, Space, Spin, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import type { UploadFile } from 'antd';
import { getApiLang, readCookie } from '../../../api';
import { useAuth } from '../../../auth';
import { useI18n } from '../../../i18n';
import type { ImportProblem, ImportResult, ImportRowError } from '../../../../../src/modules/catalog/contract';
import { CatalogueShell } from './shared';

type Outcome = { kind: 'ok'; result: ImportResult } | { kind: 'rows'; problem: ImportProblem } | { kind: 'error'; message: string };

async function csrf(): Promise<string> {
  const have = readCookie('yw_csrf');
  if (have) return have;
  const res = await fetch('/api/auth/csrf', { credentials: 'same-origin' });
  const body = (await res.json().catch(() => ({}))) as { token?: string };
  return readCookie('yw_csrf') ?? body.token ?? '';
}

/** The upload by XMLHttpRequest: fetch cannot report upload progress. */
function send(file: File, dryRun: boolean, onProgress: (percent: number) => void, onSent: () => void): Promise<{ status: number; body: unknown }> {
  return csrf().then(
    (token) =>
      new Promise((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', `/api/catalog/admin/import${dryRun ? '?dryRun=true' : ''}`);
        xhr.setRequestHeader('x-csrf-token', token);
        xhr.setRequestHeader('Accept-Language', getApiLang());
        xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
        xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
        xhr.upload.onload = () => onSent();
        xhr.onload = () => {
          let body: unknown = null;
          try {
            body = JSON.parse(xhr.responseText);
          } catch {
            /* not JSON */
          }
          resolve({ status: xhr.status, body });
        };
        xhr.onerror = () => reject(new Error('network'));
        const fd = new FormData();
        fd.append('file', file, file.name);
        xhr.send(fd);
      }),
  );
}

/** Catalogue import (with upload progress and every row error) and export of what the admin manages. */
export default function CatalogueImport() {
  const { t } = useI18n();
  const { user } = useAuth();
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(false);
  const [percent, setPercent] = useState<number | null>(null);
  const [processing, setProcessing] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const roles = user?.roles ?? [];
  if (user && !roles.some((r) => r === 'catalogue_admin' || r === 'platform_admin' || r === 'admin')) {
    return <Result status="403" title="403" subTitle={t('catalogueImport.forbidden')} />;
  }

  const start = async () => {
    if (!file) return;
    setOutcome(null);
    setPercent(0);
    setProcessing(false);
    try {
      const res = await send(file, dryRun, setPercent, () => {
        setPercent(100);
        setProcessing(true);
      });
      const body = res.body as Record<string, unknown> | null;
      if (res.status === 200) setOutcome({ kind: 'ok', result: body as unknown as ImportResult });
      else if (res.status === 422 && body?.code === 'IMPORT_ROWS_INVALID') setOutcome({ kind: 'rows', problem: body as unknown as ImportProblem });
      else setOutcome({ kind: 'error', message: String(body?.detail ?? body?.title ?? `HTTP ${res.status}`) });
    } catch {
      setOutcome({ kind: 'error', message: t('error.network') });
    } finally {
      setProcessing(false);
      setPercent(null);
    }
  };

  const fileList: UploadFile[] = file ? [{ uid: 'f', name: file.name, status: 'done' }] : [];
  const busy = percent !== null;

  return (
    <CatalogueShell title={t('catalogueImport.title')}>
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <Typography.Paragraph>{t('catalogueImport.intro')}</Typography.Paragraph>
        <Typography.Paragraph type="secondary">{t('catalogueImport.layoutHint')}</Typography.Paragraph>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Upload
            accept=".xlsx,.csv,.json"
            maxCount={1}
            fileList={fileList}
            beforeUpload={(f) => {
              setFile(f);
              setOutcome(null);
              return false;
            }}
            onRemove={() => setFile(null)}
          >
            <Button icon={<UploadOutlined />} data-testid="import-choose">
              {t('catalogueImport.choose')}
            </Button>
          </Upload>
          <Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} data-testid="import-dry-run">
            {t('catalogueImport.dryRun')}
          </Checkbox>
          <Button type="primary" disabled={!file || busy} onClick={start} data-testid="import-submit">
            {dryRun ? t('catalogueImport.check') : t('catalogueImport.submit')}
          </Button>
          {busy && (
            <div data-testid="import-progress">
              <Typography.Text type="secondary">{t('catalogueImport.uploading')}</Typography.Text>
              <Progress percent={percent ?? 0} status="active" />
            </div>
          )}
          {processing && <Spin tip={t('catalogueImport.processing')}><div style={{ height: 48 }} /></Spin>}
        </Space>
      </Card>

      {outcome?.kind === 'rows' && (
        <Card data-testid="import-errors">
          <Alert type="error" showIcon message={t('catalogueImport.errorsTitle', { n: outcome.problem.rows.length })} description={t('catalogueImport.errorsHint')} style={{ marginBottom: 16 }} />
          <Table<ImportRowError>
            size="small"
            rowKey={(r) => `${r.sheet}|${r.row}|${r.column}|${r.message}`}
            dataSource={outcome.problem.rows}
            pagination={outcome.problem.rows.length > 50 ? { pageSize: 50 } : false}
            columns={[
              { title: t('catalogueImport.colSheet'), dataIndex: 'sheet', width: 120 },
              { title: t('catalogueImport.colRow'), dataIndex: 'row', width: 80 },
              { title: t('catalogueImport.colColumn'), dataIndex: 'column', width: 160 },
              { title: t('catalogueImport.colMessage'), dataIndex: 'message' },
            ]}
          />
        </Card>
      )}
      {outcome?.kind === 'error' && <Alert type="error" showIcon message={t('catalogueImport.failed')} description={outcome.message} data-testid="import-failed" />}
      {outcome?.kind === 'ok' && (
        <Card data-testid="import-done">
          <Alert
            type="success"
            showIcon
            message={outcome.result.dryRun ? t('catalogueImport.checked') : t('catalogueImport.done')}
            description={
              <>
                <div data-testid="import-summary">
                  {t('catalogueImport.summary', {
                    basic: outcome.result.counts.basicItemsCreated,
                    created: outcome.result.counts.implementationsCreated,
                    drafts: outcome.result.counts.draftsOpened,
                    unchanged: outcome.result.counts.unchanged,
                  })}
                </div>
                {!outcome.result.dryRun && !outcome.result.published && <div>{t('catalogueImport.draftsNote')}</div>}
              </>
            }
            style={{ marginBottom: 16 }}
          />
          <Table
            size="small"
            rowKey="code"
            dataSource={outcome.result.items}
            pagination={outcome.result.items.length > 50 ? { pageSize: 50 } : false}
            columns={[
              { title: t('catalogueImport.colCode'), dataIndex: 'code' },
              { title: t('catalogueImport.colAction'), dataIndex: 'action', render: (a: ImportResult['items'][number]['action']) => t(`catalogueImport.action.${a}`) },
            ]}
          />
        </Card>
      )}

      <Card title={t('catalogueImport.export')}>
        <Typography.Paragraph type="secondary">{t('catalogueImport.exportHint')}</Typography.Paragraph>
        <Space wrap>
          <Button icon={<DownloadOutlined />} href="/api/catalog/admin/export?format=xlsx" data-testid="export-xlsx">
            {t('catalogueImport.exportXlsx')}
          </Button>
          <Button icon={<DownloadOutlined />} href="/api/catalog/admin/export?format=csv" data-testid="export-csv">
            {t('catalogueImport.exportCsv')}
          </Button>
          <Button icon={<DownloadOutlined />} href="/api/catalog/admin/export?format=json" data-testid="export-json">
            {t('catalogueImport.exportJson')}
          </Button>
        </Space>
      </Card>
    </Space>
    </CatalogueShell>
  );
}
