import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, Breadcrumb, Button, Card, Form, Steps, Typography } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../api';
import { useAuth } from '../../auth';
import { StepUp } from '../../components/StepUp';
import { applyFieldErrors, errorMessage, useQuery } from '../../hooks';
import { useT } from '../../i18n';
import type { Case, ItemDetail, PrefillView, SubmitInput, Upload } from '../../types';
import { QueryView } from '../../components/QueryView';
import { FormFields } from '../../components/forms/FormFields';
import { errorName, toSubmission } from '../../components/forms/values';
import { MaterialUpload } from '../../components/MaterialUpload';

export default function Apply() {
  const { itemId } = useParams();
  const q = useQuery<ItemDetail>(`/api/catalog/items/${encodeURIComponent(itemId ?? '')}`);
  return <QueryView q={q}>{(item) => <ApplyPage item={item} />}</QueryView>;
}

function ApplyPage({ item }: { item: ItemDetail }) {
  const t = useT();
  const navigate = useNavigate();
  const { user } = useAuth();
  // While acting for an enterprise, the applicant is the enterprise.
  const applicantKind = user?.actingFor?.kind ?? (user?.kind === 'entity' ? 'entity' : 'person');
  const wrongKind = item.applicantKinds.includes(applicantKind) ? null : applicantKind;
  const levelTooLow = !!user && user.level < item.minLevel;
  // The applicant's own identity values for prefilled fields (masked); the server fills the real ones.
  const prefill = useQuery<PrefillView>(item.form.fields.some((f) => f.prefill) ? '/api/catalog/forms/prefill' : null);
  return (
    <div className="yw-page yw-narrow">
      <Breadcrumb
        items={[{ title: <Link to="/">{t('nav.services')}</Link> }, { title: <Link to={`/items/${item.id}`}>{item.name}</Link> }, { title: t('apply.title') }]}
        style={{ marginBottom: 12 }}
      />
      <Typography.Title level={3} data-testid="apply-title">
        {t('apply.title')} · {item.name}
      </Typography.Title>
      {wrongKind && (
        <Alert type="error" showIcon title={t(wrongKind === 'entity' ? 'apply.notForEntities' : 'apply.notForPersons')} style={{ marginBottom: 16 }} data-testid="wrong-applicant-kind" />
      )}
      {levelTooLow && (
        <Card className="yw-guide-card" data-testid="level-needed">
          <Alert type="warning" showIcon title={t('level.needed', { item: item.name, required: `L${item.minLevel}`, current: `L${user!.level}` })} style={{ marginBottom: 16 }} />
          <StepUp required={item.minLevel} />
        </Card>
      )}
      <ApplyForm
        item={item}
        blocked={levelTooLow || !!wrongKind}
        prefill={prefill.data?.values}
        submit={(body) => api.post<Case>('/api/cases', body)}
        onDone={(c) => navigate(`/my/cases/${c.id}`, { state: { created: true, caseNo: c.caseNo } })}
      />
    </div>
  );
}

type ApplyBody = SubmitInput;

/** Map a server `materials[i]...` error path to a material code. */
export function materialErrorCodes(err: unknown, sent: { code: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(err instanceof ApiError)) return out;
  for (const fe of err.fieldErrors) {
    const segs = fe.path.filter((s) => s !== 'body');
    if (segs[0] !== 'materials') continue;
    const idx = segs[1];
    const code = typeof idx === 'number' ? sent[idx]?.code : typeof idx === 'string' ? idx : undefined;
    if (code) out[code] = fe.message;
  }
  return out;
}

/** The item's form and materials; `submit` decides for whom (online: oneself; hall: the walk-in). */
export function ApplyForm({
  item,
  submit,
  onDone,
  blocked = false,
  prefill,
}: {
  item: ItemDetail;
  submit: (body: ApplyBody) => Promise<{ id: string; caseNo: string }>;
  onDone: (c: { id: string; caseNo: string }) => void;
  blocked?: boolean;
  /** Values shown in prefilled fields (masked); without them the fields say they are filled at submission. */
  prefill?: PrefillView['values'];
}) {
  const t = useT();
  const [form] = Form.useForm();
  const [uploads, setUploads] = useState<Record<string, Upload | null>>({});
  const [materialErrors, setMaterialErrors] = useState<Record<string, string>>({});
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onSubmit = async () => {
    setError(null);
    let values: { form?: Record<string, unknown> };
    const missing = item.materials.filter((m) => m.required && !m.fetched && !uploads[m.code]);
    const mErrs: Record<string, string> = {};
    for (const m of missing) mErrs[m.code] = t('apply.missingMaterials', { names: m.name });
    setMaterialErrors(mErrs);
    try {
      values = await form.validateFields();
    } catch {
      form.scrollToField(form.getFieldsError().find((f) => f.errors.length)?.name ?? [], { behavior: 'smooth', block: 'center' });
      if (missing.length) setError(t('apply.missingMaterials', { names: missing.map((m) => m.name).join(t('common.listSep')) }));
      return;
    }
    if (missing.length) {
      setError(t('apply.missingMaterials', { names: missing.map((m) => m.name).join(t('common.listSep')) }));
      document.querySelector(`[data-testid="material-${missing[0]!.code}"]`)?.scrollIntoView({ behavior: 'smooth', block: 'center' });
      return;
    }
    const materials = item.materials
      .filter((m) => uploads[m.code])
      .map((m) => ({ code: m.code, uploadId: uploads[m.code]!.id }));
    setSubmitting(true);
    try {
      onDone(await submit({ itemId: item.id, form: toSubmission(item.form.fields, values.form), materials }));
    } catch (e) {
      setError(errorMessage(e, t));
      applyFieldErrors(form, e, (p) => errorName(item.form.fields, p));
      setMaterialErrors(materialErrorCodes(e, materials));
      window.scrollTo({ top: 0, behavior: 'smooth' });
    } finally {
      setSubmitting(false);
    }
  };

  const uploadedCount = item.materials.filter((m) => uploads[m.code]).length;

  return (
    <>
      <Steps
        size="small"
        current={uploadedCount > 0 ? 1 : 0}
        items={[{ title: t('apply.stepForm') }, { title: t('apply.stepMaterials') }, { title: t('apply.stepSubmit') }]}
        style={{ margin: '16px 0 20px' }}
        responsive={false}
        className="yw-apply-steps"
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="apply-error" closable={{ onClose: () => setError(null) }} />}
      <Form form={form} layout="vertical" requiredMark scrollToFirstError={false} data-testid="apply-form">
        <Card title={<span className="yw-section-title">{t('apply.formSection')}</span>} className="yw-guide-card">
          <FormFields fields={item.form.fields} prefill={prefill} />
        </Card>
        <Card title={<span className="yw-section-title">{t('apply.materialsSection')}</span>} className="yw-guide-card">
          <Typography.Paragraph type="secondary">{t('apply.materialsHint')}</Typography.Paragraph>
          {item.materials.map((m) => (
            <MaterialUpload
              key={m.code}
              spec={m}
              value={uploads[m.code]}
              error={materialErrors[m.code]}
              onChange={(u) => {
                setError(null);
                setUploads((prev) => ({ ...prev, [m.code]: u }));
                setMaterialErrors((prev) => {
                  const next = { ...prev };
                  delete next[m.code];
                  return next;
                });
              }}
            />
          ))}
        </Card>
        <div className="yw-submit-bar">
          <Typography.Text type="secondary">{t('apply.declaration')}</Typography.Text>
          <Button type="primary" size="large" icon={<SendOutlined />} loading={submitting} disabled={blocked} onClick={() => void onSubmit()} data-testid="submit-button">
            {submitting ? t('apply.submitting') : t('apply.submit')}
          </Button>
        </div>
      </Form>
    </>
  );
}
