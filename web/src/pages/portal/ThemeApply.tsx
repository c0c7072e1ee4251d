import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, Breadcrumb, Button, Card, Form, Typography } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../api';
import { useAuth } from '../../auth';
import { StepUp } from '../../components/StepUp';
import { applyFieldErrors, errorMessage, useQuery } from '../../hooks';
import { useT } from '../../i18n';
import type { PrefillView, ThemeApplicationReceipt, ThemeDetail, Upload } from '../../types';
import { QueryView } from '../../components/QueryView';
import { FormFields } from '../../components/forms/FormFields';
import { errorName, toSubmission } from '../../components/forms/values';
import { MaterialUpload } from '../../components/MaterialUpload';

export default function ThemeApply() {
  const { id } = useParams();
  const q = useQuery<ThemeDetail>(`/api/catalog/themes/${encodeURIComponent(id ?? '')}`);
  return <QueryView q={q}>{(theme) => <ThemeApplyPage theme={theme} />}</QueryView>;
}

type Material = ThemeDetail['materials'][number];
/** A material's place on the page: a shared one by its code, a member's own by member and code. */
const keyOf = (m: { itemId?: string | null; code: string }) => `${m.itemId ?? 'shared'}:${m.code}`;

/**
 * One form for the whole theme: the shared fields once, then each member's remaining fields, then
 * every material to upload once. One submission makes every member's case, or none.
 */
function ThemeApplyPage({ theme }: { theme: ThemeDetail }) {
  const t = useT();
  const navigate = useNavigate();
  const { user } = useAuth();
  const [form] = Form.useForm();
  const [uploads, setUploads] = useState<Record<string, Upload | null>>({});
  const [materialErrors, setMaterialErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const applicantKind = user?.actingFor?.kind ?? (user?.kind === 'entity' ? 'entity' : 'person');
  const wrongKind = applicantKind !== theme.audience;
  const levelTooLow = !!user && user.level < theme.minLevel;
  const allFields = [...theme.form.shared.fields, ...theme.form.members.flatMap((m) => m.form.fields)];
  const prefill = useQuery<PrefillView>(allFields.some((f) => f.prefill) ? '/api/catalog/forms/prefill' : null);
  const toUpload = theme.materials.filter((m) => !m.fetched);

  /** A refusal's field path (into the bundle's body) as the form's field name. */
  const fieldName = (p: (string | number)[]) => {
    const segs = p.filter((s) => s !== 'body');
    if (segs[0] === 'shared') return errorName(theme.form.shared.fields, ['form', ...segs.slice(1)], ['shared']);
    if (segs[0] === 'members' && segs[2] === 'form') {
      const member = theme.form.members.find((m) => m.itemId === segs[1]);
      return member ? errorName(member.form.fields, ['form', ...segs.slice(3)], ['members', member.itemId, 'form']) : null;
    }
    return null;
  };

  const materialErrorsOf = (e: unknown, sent: { code: string; itemId: string | null }[]) => {
    const out: Record<string, string> = {};
    if (!(e instanceof ApiError)) return out;
    for (const fe of e.fieldErrors) {
      const segs = fe.path.filter((s) => s !== 'body');
      if (segs[0] === 'materials' && typeof segs[1] === 'number' && sent[segs[1]]) out[keyOf(sent[segs[1]]!)] = fe.message;
      else if (segs[0] === 'materials' && typeof segs[1] === 'string') out[keyOf({ itemId: null, code: segs[1] })] = fe.message;
      else if (segs[0] === 'members' && segs[2] === 'materials' && typeof segs[3] === 'string') out[keyOf({ itemId: String(segs[1]), code: segs[3] })] = fe.message;
    }
    return out;
  };

  const onSubmit = async () => {
    setError(null);
    const missing = toUpload.filter((m) => m.required && !uploads[keyOf(m)]);
    setMaterialErrors(Object.fromEntries(missing.map((m) => [keyOf(m), t('apply.missingMaterials', { names: m.name })])));
    const missingText = t('apply.missingMaterials', { names: missing.map((m) => m.name).join(t('common.listSep')) });
    let values: { shared?: Record<string, unknown>; members?: Record<string, { form?: Record<string, unknown> }> };
    try {
      values = await form.validateFields();
    } catch {
      form.scrollToField(form.getFieldsError().find((f) => f.errors.length)?.name ?? [], { behavior: 'smooth', block: 'center' });
      if (missing.length) setError(missingText);
      return;
    }
    if (missing.length) {
      setError(missingText);
      document.querySelector(`[data-testid="material-${missing[0]!.code}"]`)?.scrollIntoView({ behavior: 'smooth', block: 'center' });
      return;
    }
    const materials = toUpload.filter((m) => uploads[keyOf(m)]).map((m) => ({ code: m.code, itemId: m.itemId, uploadId: uploads[keyOf(m)]!.id }));
    setSubmitting(true);
    try {
      const receipt = await api.post<ThemeApplicationReceipt>('/api/theme-applications', {
        themeId: theme.id,
        shared: toSubmission(theme.form.shared.fields, values.shared),
        members: Object.fromEntries(theme.form.members.map((m) => [m.itemId, { form: toSubmission(m.form.fields, values.members?.[m.itemId]?.form) }])),
        materials,
      });
      navigate(`/my/themes/${receipt.id}`, { state: { created: true, count: receipt.cases.length } });
    } catch (e) {
      setError(errorMessage(e, t));
      applyFieldErrors(form, e, fieldName);
      setMaterialErrors(materialErrorsOf(e, materials));
      window.scrollTo({ top: 0, behavior: 'smooth' });
    } finally {
      setSubmitting(false);
    }
  };

  const upload = (m: Material) => (
    <div key={keyOf(m)} data-testid="theme-upload" data-material-key={keyOf(m)}>
      <MaterialUpload
        spec={m}
        value={uploads[keyOf(m)]}
        error={materialErrors[keyOf(m)]}
        onChange={(u) => {
          setError(null);
          setUploads((prev) => ({ ...prev, [keyOf(m)]: u }));
          setMaterialErrors((prev) => {
            const next = { ...prev };
            delete next[keyOf(m)];
            return next;
          });
        }}
      />
      <Typography.Text type="secondary" className="yw-theme-for">
        {t(m.itemId === null ? 'themes.sharedFor' : 'themes.ownFor', { names: m.for.join(t('common.listSep')) })}
      </Typography.Text>
    </div>
  );

  return (
    <div className="yw-page yw-narrow">
      <Breadcrumb
        items={[{ title: <Link to="/">{t('nav.services')}</Link> }, { title: <Link to={`/themes/${theme.id}`}>{theme.name}</Link> }, { title: t('themes.applyTitle') }]}
        style={{ marginBottom: 12 }}
      />
      <Typography.Title level={3} data-testid="theme-apply-title">
        {t('themes.applyTitle')} · {theme.name}
      </Typography.Title>
      {wrongKind && <Alert type="error" showIcon title={t(applicantKind === 'entity' ? 'apply.notForEntities' : 'apply.notForPersons')} style={{ marginBottom: 16 }} data-testid="wrong-applicant-kind" />}
      {levelTooLow && (
        <Card className="yw-guide-card" data-testid="level-needed">
          <Alert type="warning" showIcon title={t('level.needed', { item: theme.name, required: `L${theme.minLevel}`, current: `L${user!.level}` })} style={{ marginBottom: 16 }} />
          <StepUp required={theme.minLevel} />
        </Card>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="apply-error" closable={{ onClose: () => setError(null) }} />}
      <Form form={form} layout="vertical" requiredMark scrollToFirstError={false} data-testid="theme-apply-form">
        <Card title={<span className="yw-section-title">{t('themes.sharedSection')}</span>} className="yw-guide-card" data-testid="theme-shared-fields">
          <FormFields fields={theme.form.shared.fields} prefix={['shared']} prefill={prefill.data?.values} />
        </Card>
        {theme.form.members.map((m) => (
          <Card key={m.itemId} title={<span className="yw-section-title">{t('themes.memberSection', { name: m.name })}</span>} className="yw-guide-card" data-testid="theme-member-fields" data-item-id={m.itemId}>
            {m.form.fields.length ? (
              <FormFields fields={m.form.fields} prefix={['members', m.itemId, 'form']} prefill={prefill.data?.values} />
            ) : (
              <Typography.Text type="secondary">{t('themes.memberNothing')}</Typography.Text>
            )}
          </Card>
        ))}
        <Card title={<span className="yw-section-title">{t('themes.materials')}</span>} className="yw-guide-card">
          <Typography.Paragraph type="secondary">{t('apply.materialsHint')}</Typography.Paragraph>
          {toUpload.map(upload)}
        </Card>
        <div className="yw-submit-bar">
          <Typography.Text type="secondary">{t('apply.declaration')}</Typography.Text>
          <Button type="primary" size="large" icon={<SendOutlined />} loading={submitting} disabled={levelTooLow || wrongKind} onClick={() => void onSubmit()} data-testid="theme-submit-button">
            {submitting ? t('apply.submitting') : t('apply.submit')}
          </Button>
        </div>
      </Form>
    </div>
  );
}
