import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, App, Breadcrumb, Button, Card, Descriptions, Form, Input, Modal, Space, Typography } from 'antd';
import { api } from '../../../api';
import { applyFieldErrors, errorMessage, pathMatcher, useQuery } from '../../../hooks';
import { useI18n } from '../../../i18n';
import { QueryView } from '../../../components/QueryView';
import { formatDateTime } from '../../../format';
import type { BasicItemList, VersionDetail, VersionDiff } from '../../../types';
import { CatalogueShell, pick, VersionTag } from './shared';
import { ContentView, DiffTable, overrideChanges } from './parts';

/** One version under review: its content, its changes against the published version, approve or return. */
export default function ReviewVersion() {
  const { id } = useParams<{ id: string }>();
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const detail = useQuery<VersionDetail>(`/api/catalog/admin/versions/${id}`);
  const current = detail.data?.implementation.currentVersionId;
  const diff = useQuery<VersionDiff>(current && current !== id ? `/api/catalog/admin/versions/${id}/diff?against=${current}` : null);
  const first = detail.data !== undefined && (!current || current === id);
  const basics = useQuery<BasicItemList>(first ? '/api/catalog/admin/basic-items' : null);
  const baseline = basics.data?.items.find((b) => b.id === detail.data?.implementation.basicItemId)?.baseline;
  const [action, setAction] = useState<'approve' | 'return' | null>(null);
  const [form] = Form.useForm<{ note: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const decide = async ({ note }: { note?: string }) => {
    setBusy(true);
    setError(null);
    try {
      const body = action === 'approve' ? { note: note?.trim() ? note.trim() : null } : { note: note ?? '' };
      await api.post(`/api/catalog/admin/versions/${id}/${action}`, body);
      message.success(t(action === 'approve' ? 'ca.review.approved' : 'ca.review.returned'));
      setAction(null);
      navigate('/admin/catalogue/review');
    } catch (e) {
      if (!applyFieldErrors(form, e, pathMatcher(['note']))) setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <CatalogueShell title={t('ca.review.one')}>
      <Breadcrumb items={[{ title: <Link to="/admin/catalogue/review">{t('ca.nav.review')}</Link> }, { title: detail.data?.implementation.code ?? '' }]} style={{ marginBottom: 12 }} />
      <QueryView q={detail}>
        {(d) => (
          <>
            <Card
              size="small"
              style={{ marginBottom: 16 }}
              title={
                <Space>
                  <span data-testid="review-name">{pick(lang, d.implementation.name)}</span>
                  <VersionTag status={d.status} no={d.versionNo} />
                </Space>
              }
              extra={
                d.mayReview && (
                  <Space>
                    <Button danger onClick={() => (form.resetFields(), setError(null), setAction('return'))} data-testid="review-return">
                      {t('ca.review.return')}
                    </Button>
                    <Button type="primary" onClick={() => (form.resetFields(), setError(null), setAction('approve'))} data-testid="review-approve">
                      {t('ca.review.approve')}
                    </Button>
                  </Space>
                )
              }
            >
              <Descriptions
                size="small"
                column={{ xs: 1, md: 3 }}
                items={[
                  { key: 'code', label: t('ca.col.code'), children: d.implementation.code },
                  { key: 'dept', label: t('ca.col.department'), children: d.implementation.department.name },
                  { key: 'region', label: t('ca.col.region'), children: d.implementation.regionName },
                  { key: 'author', label: t('ca.versions.author'), children: d.authorName ?? t('common.none') },
                  { key: 'submitted', label: t('ca.versions.submitted'), children: formatDateTime(d.submittedAt, lang) },
                ]}
              />
              {!d.mayReview && d.status === 'review' && <Alert type="info" showIcon title={t('ca.review.notYours')} style={{ marginTop: 12 }} />}
            </Card>
            <Card size="small" title={t(current && current !== id ? 'ca.review.changes' : 'ca.review.changesFirst')} style={{ marginBottom: 16 }}>
              {current && current !== id ? (
                <QueryView q={diff}>{(x) => <DiffTable changes={x.changes} beforeTitle={t('ca.review.publishedValue', { n: x.from.versionNo })} afterTitle={t('ca.review.thisValue', { n: x.to.versionNo })} />}</QueryView>
              ) : (
                <>
                  <Typography.Paragraph type="secondary" data-testid="review-first">
                    {t('ca.review.first')}
                  </Typography.Paragraph>
                  {baseline && <DiffTable changes={overrideChanges(d.overrides, baseline)} beforeTitle={t('ca.div.baseline')} afterTitle={t('ca.review.thisValue', { n: d.versionNo })} />}
                </>
              )}
            </Card>
            {d.problems.length > 0 && (
              <Alert type="error" showIcon title={t('ca.problems.title', { n: d.problems.length })} description={d.problems.map((p) => p.message).join(' ')} style={{ marginBottom: 16 }} />
            )}
            <ContentView content={d.content} all />
          </>
        )}
      </QueryView>
      <Modal
        open={action !== null}
        title={t(action === 'approve' ? 'ca.review.approveTitle' : 'ca.review.returnTitle')}
        onCancel={() => setAction(null)}
        onOk={() => form.submit()}
        okText={t(action === 'approve' ? 'ca.review.approve' : 'ca.review.return')}
        okButtonProps={{ danger: action === 'return', 'data-testid': 'review-confirm' } as never}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        destroyOnHidden
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Typography.Paragraph type="secondary">{t(action === 'approve' ? 'ca.review.approveIntro' : 'ca.review.returnIntro')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => void decide(v)}>
          <Form.Item
            name="note"
            label={t(action === 'approve' ? 'ca.review.noteOptional' : 'ca.review.note')}
            rules={action === 'return' ? [{ required: true, whitespace: true, message: t('ca.review.noteRequired') }] : []}
          >
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="review-note-input" />
          </Form.Item>
        </Form>
      </Modal>
    </CatalogueShell>
  );
}
