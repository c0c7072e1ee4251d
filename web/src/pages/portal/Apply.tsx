import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Alert, Breadcrumb, Button, Card, Form, Space, Spin, Steps, Typography } from 'antd';
import { CheckCircleOutlined, LoadingOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../api';
import { useAuth } from '../../auth';
import { StepUp } from '../../components/StepUp';
import { applyFieldErrors, errorMessage, useQuery } from '../../hooks';
import { useI18n, useT } from '../../i18n';
import type { Case, Draft, ItemDetail, PrefillView, SubmitInput, Upload } from '../../types';
import { formatDateTime } from '../../format';
import { QueryView } from '../../components/QueryView';
import { FormFields } from '../../components/forms/FormFields';
import { errorName, toStore, toSubmission } from '../../components/forms/values';
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
  // The applicant's draft of this item (暂存), if any: undefined while it loads, null when there is none.
  const [draft, setDraft] = useState<Draft | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    api
      .get<Draft>(`/api/drafts/${encodeURIComponent(item.id)}`, { noAuthRedirect: true })
      .then((d) => live && setDraft(d))
      .catch(() => live && setDraft(null));
    return () => {
      live = false;
    };
  }, [item.id]);
  const restart = async () => {
    await api.del(`/api/drafts/${encodeURIComponent(item.id)}`).catch(() => undefined);
    setDraft(null);
  };
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
      {draft === undefined ? (
        <Spin />
      ) : draft && !draft.versionOffered ? (
        <Alert
          type="warning"
          showIcon
          className="yw-guide-card"
          data-testid="draft-stale"
          title={t('draft.stale')}
          description={
            <Space orientation="vertical">
              <span>{t('draft.staleDesc')}</span>
              <Button type="primary" onClick={() => void restart()} data-testid="draft-restart">
                {t('draft.restart')}
              </Button>
            </Space>
          }
        />
      ) : (
        <ApplyForm
          key={draft?.id ?? 'new'}
          item={item}
          blocked={levelTooLow || !!wrongKind}
          prefill={prefill.data?.values}
          draft={{ initial: draft, save: (body) => api.put<Draft>(`/api/drafts/${encodeURIComponent(item.id)}`, body) }}
          submit={(body) => api.post<Case>('/api/cases', body)}
          onDone={(c) => navigate(`/my/cases/${c.id}`, { state: { created: true, caseNo: c.caseNo } })}
        />
      )}
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
  draft,
}: {
  item: ItemDetail;
  /** Drafts (暂存, online only): the one to resume, and how to save; saved while typing (debounced) and on "暂存". */
  draft?: { initial: Draft | null; save: (body: { form: Record<string, unknown>; materials: { code: string; uploadId: string }[] }) => Promise<Draft> };
  submit: (body: ApplyBody) => Promise<{ id: string; caseNo: string }>;
  onDone: (c: { id: string; caseNo: string }) => void;
  blocked?: boolean;
  /** Values shown in prefilled fields (masked); without them the fields say they are filled at submission. */
  prefill?: PrefillView['values'];
}) {
  const t = useT();
  const { lang } = useI18n();
  const [form] = Form.useForm();
  const initial = draft?.initial ?? null;
  const [uploads, setUploads] = useState<Record<string, Upload | null>>(() => Object.fromEntries((initial?.materials ?? []).map((m) => [m.code, m.upload])));
  const [materialErrors, setMaterialErrors] = useState<Record<string, string>>({});
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const autosave = useDraftAutosave(item, form, uploads, draft?.save, initial?.updatedAt ?? null);

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
    // A save still on its way would bring the draft back after the submission ends it: wait for it, save no more.
    await autosave.stop();
    try {
      onDone(await submit({ itemId: item.id, form: toSubmission(item.form.fields, values.form), materials }));
    } catch (e) {
      setError(errorMessage(e, t));
      applyFieldErrors(form, e, (p) => errorName(item.form.fields, p));
      setMaterialErrors(materialErrorCodes(e, materials));
      autosave.resume();
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
      {initial && (
        <Alert type="info" showIcon title={t('draft.resumed', { at: formatDateTime(initial.updatedAt, lang) })} style={{ marginBottom: 16 }} data-testid="draft-resumed" />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="apply-error" closable={{ onClose: () => setError(null) }} />}
      <Form
        form={form}
        layout="vertical"
        requiredMark
        scrollToFirstError={false}
        data-testid="apply-form"
        initialValues={initial ? { form: toStore(item.form.fields, initial.form) } : undefined}
        onValuesChange={() => autosave.schedule()}
      >
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
                autosave.schedule();
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
          {draft && (
            <Space className="yw-draft-bar">
              <DraftStatus state={autosave.state} savedAt={autosave.savedAt} error={autosave.error} />
              <Button size="large" icon={<SaveOutlined />} onClick={() => void autosave.saveNow()} disabled={blocked} data-testid="draft-save">
                {t('draft.save')}
              </Button>
            </Space>
          )}
          <Button type="primary" size="large" icon={<SendOutlined />} loading={submitting} disabled={blocked} onClick={() => void onSubmit()} data-testid="submit-button">
            {submitting ? t('apply.submitting') : t('apply.submit')}
          </Button>
        </div>
      </Form>
    </>
  );
}

type SaveState = 'idle' | 'saving' | 'saved' | 'error';

/**
 * Saves the draft a moment after the applicant stops typing or changes a file (and at once on
 * "暂存"). One save at a time; a change during a save is saved after it.
 */
function useDraftAutosave(
  item: ItemDetail,
  form: ReturnType<typeof Form.useForm>[0],
  uploads: Record<string, Upload | null>,
  save: ((body: { form: Record<string, unknown>; materials: { code: string; uploadId: string }[] }) => Promise<Draft>) | undefined,
  savedBefore: string | null,
) {
  const t = useT();
  const [state, setState] = useState<SaveState>(savedBefore ? 'saved' : 'idle');
  const [savedAt, setSavedAt] = useState<string | null>(savedBefore);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const busy = useRef(false);
  const again = useRef(false);
  const stopped = useRef(false);
  const inflight = useRef<Promise<void> | null>(null);
  const latest = useRef(uploads);
  latest.current = uploads;

  const saveNow = useCallback(async (): Promise<void> => {
    if (!save || stopped.current) return;
    if (timer.current) clearTimeout(timer.current);
    if (busy.current) {
      again.current = true;
      return;
    }
    busy.current = true;
    setState('saving');
    let done: () => void = () => undefined;
    inflight.current = new Promise<void>((r) => (done = r));
    try {
      const values = form.getFieldsValue() as { form?: Record<string, unknown> };
      const materials = item.materials.filter((m) => latest.current[m.code]).map((m) => ({ code: m.code, uploadId: latest.current[m.code]!.id }));
      const d = await save({ form: toSubmission(item.form.fields, values.form), materials });
      if (stopped.current) return;
      setSavedAt(d.updatedAt);
      setState('saved');
      setError(null);
    } catch (e) {
      setState('error');
      setError(errorMessage(e, t));
    } finally {
      busy.current = false;
      done();
      if (again.current && !stopped.current) {
        again.current = false;
        void saveNow();
      }
    }
  }, [save, form, item, t]);

  const schedule = useCallback(() => {
    if (!save || stopped.current) return;
    if (timer.current) clearTimeout(timer.current);
    setState((s) => (s === 'saving' ? s : 'idle'));
    timer.current = setTimeout(() => void saveNow(), 1500);
  }, [save, saveNow]);

  const stop = useCallback(async () => {
    stopped.current = true;
    again.current = false;
    if (timer.current) clearTimeout(timer.current);
    await inflight.current;
  }, []);
  const resume = useCallback(() => {
    stopped.current = false;
  }, []);

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  return { state, savedAt, error, schedule, saveNow, stop, resume };
}

function DraftStatus({ state, savedAt, error }: { state: SaveState; savedAt: string | null; error: string | null }) {
  const { t, lang } = useI18n();
  if (state === 'saving') {
    return (
      <Typography.Text type="secondary" data-testid="draft-status" data-state="saving">
        <LoadingOutlined /> {t('draft.saving')}
      </Typography.Text>
    );
  }
  if (state === 'error') {
    return (
      <Typography.Text type="danger" data-testid="draft-status" data-state="error">
        {t('draft.saveFailed', { error: error ?? '' })}
      </Typography.Text>
    );
  }
  if (state === 'saved' && savedAt) {
    return (
      <Typography.Text type="success" data-testid="draft-status" data-state="saved">
        <CheckCircleOutlined /> {t('draft.saved')} <span className="yw-muted">{formatDateTime(savedAt, lang)}</span>
      </Typography.Text>
    );
  }
  return <span data-testid="draft-status" data-state="idle" />;
}
