import { Button, Card, Empty, Space, Table, Typography } from 'antd';
import { DownloadOutlined, FilePdfOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useQuery } from '../hooks';
import { useI18n } from '../i18n';
import { formatDate } from '../format';
import type { Case, CaseDocumentSummary } from '../types';

/**
 * The documents the case has issued (受理通知书 …) with a download link each and the link to
 * their public check. Re-read when the case moves on (the parent keys it by status and round).
 */
export function CaseDocuments({ c }: { c: Case }) {
  const { t, lang } = useI18n();
  const q = useQuery<{ items: CaseDocumentSummary[] }>(`/api/cases/${encodeURIComponent(c.id)}/documents`);
  // Not the caller's to read (a supervisor reads the case, not its documents): no section at all.
  if (q.error) return null;
  const items = q.data?.items ?? [];
  return (
    <Card title={<span className="yw-section-title">{t('documents.title')}</span>} className="yw-guide-card" data-testid="case-documents">
      <Table<CaseDocumentSummary>
        rowKey="id"
        size="small"
        pagination={false}
        loading={q.loading && !q.data}
        dataSource={items}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('documents.none')} /> }}
        scroll={{ x: true }}
        columns={[
          {
            key: 'title',
            title: t('documents.kind'),
            render: (_, d) => (
              <Space>
                <FilePdfOutlined style={{ color: '#cf1322' }} />
                <span data-testid={`document-title-${d.kind}`}>{t(`documents.kind.${d.kind}`)}</span>
              </Space>
            ),
          },
          { key: 'number', title: t('documents.number'), render: (_, d) => <Typography.Text className="yw-mono">{d.documentNumber}</Typography.Text> },
          { key: 'issued', title: t('documents.issuedAt'), render: (_, d) => formatDate(d.issuedAt, lang) },
          {
            key: 'actions',
            title: t('documents.actions'),
            render: (_, d) => (
              <Space wrap>
                {/* The server sends it as an attachment: a download, no blank tab. */}
                <a href={d.downloadUrl} download={`${d.title}-${d.documentNumber}.pdf`} data-testid={`document-download-${d.kind}`}>
                  <Button size="small" icon={<DownloadOutlined />}>
                    {t('documents.download')}
                  </Button>
                </a>
                <Link to={`/verify/document/${d.verifyCode}`} data-testid={`document-verify-${d.kind}`}>
                  <Button size="small" type="link" icon={<SafetyCertificateOutlined />}>
                    {t('documents.verify')}
                  </Button>
                </Link>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
