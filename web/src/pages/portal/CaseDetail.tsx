import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { Alert, App, Breadcrumb, Button, Card, Form, Input, Modal, Result, Space, Typography } from 'antd';
import { EditOutlined, RollbackOutlined, SafetyCertificateOutlined, SendOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { applyFieldErrors, errorMessage, useQuery } from '../../hooks';
import { useT } from '../../i18n';
import type { Case, ItemDetail, MaterialSpec, PrefillView, ThemeApplicationView, Upload } from '../../types';
import { BundleView } from './ThemeApplication';
import { QueryView } from '../../components/QueryView';
import { ClockCard } from '../../components/ClockCard';
import { CaseHeader, CaseHistory, FormValues, MaterialsTable, SupplementHistory, SupplementNoticeView } from '../../components/CaseParts';
import { CaseProgress } from '../../components/CaseProgress';
import { MaterialUpload } from '../../components/MaterialUpload';
import { CaseDocuments } from '../../components/CaseDocuments';
import { materialErrorCodes } from './Apply';
import { FormFields } from '../../components/forms/FormFields';
import { errorName, toStore, toSubmission } from '../../components/forms/values';

export default function CaseDetail() {
  const { id } = useParams();
  const q = useQuery<Case>(`/api/cases/${encodeURIComponent(id ?? '')}`);
  return <QueryView q={q}>{(c) => <CaseView c={c} onChange={q.setData} />}</QueryView>;
}

function CaseView({ c, onChange }: { c: Case; onChange: (c: Case) => void }) {
  const t = useT();
  const loc = useLocation();
  const created = (loc.state as { created?: boolean } | null)?.created;
  const itemQ = useQuery<ItemDetail>(`/api/catalog/items/${encodeURIComponent(c.item.id)}`);
  const [resubmitting, setResubmitting] = useState(false);
  const canResubmit = c.allowedActions.includes('resubmit');
  const canWithdraw = c.allowedActions.includes('withdraw');
  const [withdrawing, setWithdrawing] = useState(false);

  return (
    <div className="yw-page">
      <Breadcrumb items={[{ title: <Link to="/my/cases">{t('cases.title')}</Link> }, { title: c.caseNo }]} style={{ marginBottom: 12 }} />
      {created && (
        <Result
          status="success"
          className="yw-created"
          title={t('case.submittedTitle')}
          subTitle={
            <span>
              {t('cases.caseNo')}{t('common.colon')}
              <b className="yw-mono" data-testid="created-case-no">
                {c.caseNo}
              </b>
              <br />
              {t('case.submittedDesc')}
            </span>
          }
        />
      )}
      <Card className="yw-guide-card">
        <CaseHeader
          c={c}
          extra={
            <>
              <div className="yw-case-progress-wrap">
                <CaseProgress steps={c.progress} />
              </div>
              {canWithdraw && (
                <div style={{ marginTop: 12, textAlign: 'right' }}>
                  <Button icon={<RollbackOutlined />} onClick={() => setWithdrawing(true)} data-testid="action-withdraw">
                    {t('withdraw.button')}
                  </Button>
                </div>
              )}
            </>
          }
        />
      </Card>
      <WithdrawDialog c={c} open={withdrawing} onClose={() => setWithdrawing(false)} onDone={(nc) => { setWithdrawing(false); onChange(nc); }} />
      {c.bundle && <BundleOfCase id={c.bundle.id} />}
      <ClockCard c={c} />

      {c.supplementNotice && (
        <div className="yw-guide-card">
          <SupplementNoticeView c={c} forApplicant />
          {canResubmit && !resubmitting && (
            <div style={{ marginTop: 12 }}>
              <Button type="primary" danger size="large" icon={<EditOutlined />} onClick={() => setResubmitting(true)} data-testid="action-resubmit">
                {t('case.resubmit')}
              </Button>
            </div>
          )}
        </div>
      )}

      {canResubmit && resubmitting && itemQ.data && (
        <ResubmitPanel
          c={c}
          item={itemQ.data}
          onCancel={() => setResubmitting(false)}
          onDone={(nc) => {
            setResubmitting(false);
            onChange(nc);
            window.scrollTo({ top: 0, behavior: 'smooth' });
          }}
        />
      )}

      {c.licence && (
        <Alert
          type="success"
          showIcon
          icon={<SafetyCertificateOutlined />}
          className="yw-guide-card"
          title={t('case.licence')}
          description={
            <Space wrap>
              <span className="yw-mono">{c.licence.identifier}</span>
              <Link to={`/my/licences/${c.licence.id}`} data-testid="licence-link">
                <Button type="primary">{t('case.viewLicence')}</Button>
              </Link>
            </Space>
          }
        />
      )}

      {!resubmitting && (
        <Card title={<span className="yw-section-title">{t('case.formValues')}</span>} className="yw-guide-card">
          <FormValues c={c} item={itemQ.data} />
        </Card>
      )}
      <CaseDocuments c={c} key={`${c.status}-${c.round}`} />
      <Card title={<span className="yw-section-title">{t('case.materials')}</span>} className="yw-guide-card">
        <MaterialsTable c={c} />
      </Card>
      {c.supplements.length > 0 && (
        <Card title={<span className="yw-section-title">{t('supplement.history')}</span>} className="yw-guide-card">
          <SupplementHistory c={c} />
        </Card>
      )}
      <Card title={<span className="yw-section-title">{t('case.history')}</span>} className="yw-guide-card">
        <CaseHistory c={c} />
      </Card>
    </div>
  );
}

function ResubmitPanel({ c, item, onCancel, onDone }: { c: Case; item: ItemDetail; onCancel: () => void; onDone: (c: Case) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const prefill = useQuery<PrefillView>(item.form.fields.some((f) => f.prefill) ? '/api/catalog/forms/prefill' : null);
  const [uploads, setUploads] = useState<Record<string, Upload | null>>({});
  const [materialErrors, setMaterialErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const asked = new Set((c.supplementNotice?.items ?? []).map((i) => i.materialCode).filter((x): x is string => !!x));
  const previous = (code: string) => [...c.materials].filter((m) => m.code === code).sort((a, b) => b.round - a.round)[0];
  const current = (code: string) => previous(code)?.fileName;
  // Each "other" item of the notice gets its own slot (optional: it may ask for something that is no file).
  const maxBytes = Math.max(0, ...item.materials.map((m) => m.maxBytes)) || 10 * 1024 * 1024;
  const otherSlots: MaterialSpec[] = (c.supplementNotice?.items ?? [])
    .filter((i) => !i.materialCode)
    .map((i) => ({
      ...(item.materials[0] as MaterialSpec),
      code: i.key,
      name: i.reason,
      required: false,
      description: t('supplement.otherSlotDesc'),
      accept: ['pdf', 'png', 'jpg'],
      maxBytes,
      fetched: false,
      blankFormUrl: null,
      sampleUrl: null,
    }));
  const slots = [...otherSlots, ...item.materials];

  const submit = async () => {
    setError(null);
    const missing = item.materials.filter((m) => asked.has(m.code) && !uploads[m.code]);
    const mErrs: Record<string, string> = {};
    for (const m of missing) mErrs[m.code] = t('apply.missingMaterials', { names: m.name });
    setMaterialErrors(mErrs);
    let values: { form?: Record<string, unknown> };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    if (missing.length) {
      setError(t('apply.missingMaterials', { names: missing.map((m) => m.name).join(t('common.listSep')) }));
      return;
    }
    const materials = slots.filter((m) => uploads[m.code]).map((m) => ({ code: m.code, uploadId: uploads[m.code]!.id }));
    setBusy(true);
    try {
      const nc = await api.post<Case>(`/api/cases/${c.id}/resubmit`, { form: toSubmission(item.form.fields, values.form), materials });
      message.success(t('case.resubmitted'));
      onDone(nc);
    } catch (e) {
      setError(errorMessage(e, t));
      applyFieldErrors(form, e, (p) => errorName(item.form.fields, p));
      setMaterialErrors(materialErrorCodes(e, materials));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={<span className="yw-section-title">{t('case.resubmitTitle')}</span>} className="yw-guide-card yw-resubmit" data-testid="resubmit-panel">
      <Typography.Paragraph type="secondary">{t('case.resubmitHint')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="resubmit-error" />}
      <Form form={form} layout="vertical" initialValues={{ form: toStore(item.form.fields, c.form) }}>
        {[...slots]
          .sort((a, b) => Number(asked.has(b.code) || !item.materials.includes(b)) - Number(asked.has(a.code) || !item.materials.includes(a)))
          .map((m) => (
            <MaterialUpload
              key={m.code}
              spec={m}
              asked={asked.has(m.code) || !item.materials.includes(m)}
              value={uploads[m.code]}
              currentFileName={current(m.code)}
              previousSha256={previous(m.code)?.sha256}
              error={materialErrors[m.code]}
              onChange={(u) => {
                setUploads((p) => ({ ...p, [m.code]: u }));
                setMaterialErrors((p) => {
                  const n = { ...p };
                  delete n[m.code];
                  return n;
                });
              }}
            />
          ))}
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          {t('apply.formSection')}
        </Typography.Title>
        <FormFields fields={item.form.fields} prefill={prefill.data?.values} />
      </Form>
      <Space>
        <Button type="primary" size="large" icon={<SendOutlined />} loading={busy} onClick={() => void submit()} data-testid="resubmit-submit">
          {t('case.resubmitSubmit')}
        </Button>
        <Button size="large" onClick={onCancel} data-testid="resubmit-cancel">
          {t('common.cancel')}
        </Button>
      </Space>
    </Card>
  );
}

/** The theme application (一件事) the case is a member of, with every member's state. */
function BundleOfCase({ id }: { id: string }) {
  const q = useQuery<ThemeApplicationView>(`/api/theme-applications/${encodeURIComponent(id)}`);
  return q.data ? <BundleView b={q.data} embedded /> : null;
}

/** 撤回: a confirm dialog asking for the reason; the case ends for good. */
function WithdrawDialog({ c, open, onClose, onDone }: { c: Case; open: boolean; onClose: () => void; onDone: (c: Case) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    let v: { reason: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const nc = await api.post<Case>(`/api/cases/${c.id}/withdraw`, { reason: v.reason.trim() });
      message.success(t('withdraw.done'));
      form.resetFields();
      onDone(nc);
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={t('withdraw.title')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      okText={t('withdraw.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, 'data-testid': 'withdraw-ok' } as never}
      cancelButtonProps={{ 'data-testid': 'withdraw-cancel' } as never}
      transitionName=""
      maskTransitionName=""
      forceRender
    >
      <Alert type="warning" showIcon title={t('withdraw.confirm')} style={{ marginBottom: 16 }} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="withdraw-error" />}
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={t('withdraw.reason')} rules={[{ required: true, whitespace: true, message: t('withdraw.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount placeholder={t('withdraw.reasonPlaceholder')} data-testid="withdraw-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
