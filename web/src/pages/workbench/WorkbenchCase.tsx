import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, App, Breadcrumb, Button, Card, Checkbox, Col, Form, Input, Modal, Row, Select, Space, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, ExclamationCircleOutlined, LikeOutlined, MinusCircleOutlined, PlusOutlined, RollbackOutlined, StopOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { errorMessage, useQuery } from '../../hooks';
import { useT } from '../../i18n';
import type { Case, CaseAction, ItemDetail } from '../../types';
import { QueryView } from '../../components/QueryView';
import { ClockCard } from '../../components/ClockCard';
import { ClockButtons, CLOCK_ACTIONS, type ClockAction } from './ClockActions';
import { CaseHeader, CaseHistory, FormValues, MaterialsTable, SupplementHistory, SupplementNoticeView } from '../../components/CaseParts';
import { FlowCard } from './FlowCard';
import { CaseDocuments } from '../../components/CaseDocuments';

// `release` and `cancel` are the platform's (a theme member starting or ending), `resubmit` and `withdraw` the applicant's: never buttons here.
// The clock's actions have their own buttons (ClockActions.tsx); `lapse` is the platform's.
type StaffAction = Exclude<CaseAction, 'resubmit' | 'release' | 'cancel' | 'withdraw' | 'lapse' | 'transfer' | 'transfer_task' | ClockAction>;
const ORDER: StaffAction[] = ['prereview_pass', 'accept', 'supplement', 'reject', 'approve', 'deny', 'return'];

/** Whether an agreement now would finish the flow (and issue the decision), not just one department's step. */
function endsFlow(c: Case): boolean {
  const last = c.flow.steps.at(-1);
  if (!last || last.state !== 'open') return false;
  const open = last.tasks.filter((x) => x.status === 'open');
  return open.length <= 1 && open.every((x) => x.needed - x.decisions.filter((d) => d.decision === 'agree').length <= 1);
}

export default function WorkbenchCase() {
  const { id } = useParams();
  const q = useQuery<Case>(`/api/cases/${encodeURIComponent(id ?? '')}`);
  const t = useT();
  return (
    <div className="yw-page">
      <Breadcrumb items={[{ title: <Link to="/workbench">{t('wb.title')}</Link> }, { title: q.data?.caseNo ?? '…' }]} style={{ marginBottom: 12 }} />
      <QueryView q={q}>{(c) => <StaffCaseView c={c} onChange={q.setData} />}</QueryView>
    </div>
  );
}

function StaffCaseView({ c, onChange }: { c: Case; onChange: (c: Case) => void }) {
  const t = useT();
  const itemQ = useQuery<ItemDetail>(`/api/catalog/items/${encodeURIComponent(c.item.id)}`);
  const [open, setOpen] = useState<StaffAction | null>(null);
  const actions = ORDER.filter((a) => c.allowedActions.includes(a));

  const icons: Record<StaffAction, React.ReactNode> = {
    prereview_pass: <CheckOutlined />,
    accept: <CheckOutlined />,
    supplement: <ExclamationCircleOutlined />,
    reject: <StopOutlined />,
    approve: <LikeOutlined />,
    deny: <CloseOutlined />,
    return: <RollbackOutlined />,
  };

  const actionBar = (
    <Card className="yw-guide-card yw-action-bar" data-testid="action-bar">
      <Space wrap>
        <Typography.Text strong>{t('wb.actions')}{t('common.colon')}</Typography.Text>
        {actions.length === 0 && !CLOCK_ACTIONS.some((a) => c.allowedActions.includes(a)) && <Typography.Text type="secondary">{t('wb.noActions')}</Typography.Text>}
        {actions.map((a) => (
          <Button
            key={a}
            type={a === 'accept' || a === 'approve' ? 'primary' : 'default'}
            danger={a === 'reject' || a === 'deny'}
            icon={icons[a]}
            onClick={() => setOpen(a)}
            data-testid={`action-${a}`}
            size="large"
          >
            {a === 'approve' && !endsFlow(c) ? t('wb.approveStepTitle') : t(`action.${a}`)}
          </Button>
        ))}
        <ClockButtons c={c} onChange={onChange} />
      </Space>
    </Card>
  );

  return (
    <>
      <Card className="yw-guide-card">
        <CaseHeader c={c} staff />
      </Card>
      {actionBar}
      <ClockCard c={c} />
      {c.supplementNotice && (
        <div className="yw-guide-card">
          <SupplementNoticeView c={c} />
        </div>
      )}
      {(c.status !== 'submitted' || c.flow.steps.some((st) => st.state !== 'pending')) && <FlowCard c={c} />}
      <Card
        title={<span className="yw-section-title">{t('case.materials')}</span>}
        className="yw-guide-card"
        extra={<Typography.Text type="secondary">{t('case.currentRound', { n: c.round })}</Typography.Text>}
      >
        <MaterialsTable c={c} />
      </Card>
      {c.supplements.length > 0 && (
        <Card title={<span className="yw-section-title">{t('supplement.history')}</span>} className="yw-guide-card">
          <SupplementHistory c={c} />
        </Card>
      )}
      <CaseDocuments c={c} key={`${c.status}-${c.round}`} />
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card title={<span className="yw-section-title">{t('case.formValues')}</span>} className="yw-guide-card">
            <FormValues c={c} item={itemQ.data} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={<span className="yw-section-title">{t('case.history')}</span>} className="yw-guide-card">
            <CaseHistory c={c} />
          </Card>
        </Col>
      </Row>
      <ActionModal
        action={open}
        c={c}
        item={itemQ.data}
        onClose={() => setOpen(null)}
        onDone={(nc) => {
          setOpen(null);
          onChange(nc);
        }}
      />
    </>
  );
}

interface SupplementValues {
  picked?: string[];
  reasons?: Record<string, string>;
  otherOn?: boolean;
  /** "Other" items: free text, no material; each becomes its own upload slot for the applicant. */
  others?: string[];
  note?: string;
}

function ActionModal({
  action,
  c,
  item,
  onClose,
  onDone,
}: {
  action: StaffAction | null;
  c: Case;
  item: ItemDetail | undefined;
  onClose: () => void;
  onDone: (c: Case) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const picked: string[] = Form.useWatch('picked', form) ?? [];
  const otherOn: boolean = Form.useWatch('otherOn', form) ?? false;

  const titles: Record<StaffAction, string> = {
    prereview_pass: t('wb.prereviewTitle'),
    accept: t('wb.acceptTitle'),
    reject: t('wb.rejectTitle'),
    supplement: t('wb.supplementTitle'),
    approve: t('wb.approveTitle'),
    deny: t('wb.denyTitle'),
    return: t('wb.returnTitle'),
  };
  const finalAgreement = endsFlow(c);
  if (!finalAgreement) titles.approve = t('wb.approveStepTitle');
  const taskId = c.flow.myTaskId ?? undefined;

  const body = (v: Record<string, unknown>): unknown => {
    switch (action) {
      case 'accept':
        return {};
      case 'prereview_pass': {
        const note = String(v.note ?? '').trim();
        return { bring: String(v.bring ?? '').trim(), ...(note ? { note } : {}) };
      }
      case 'reject':
        return { reason: String(v.reason ?? '').trim() };
      case 'approve':
      case 'deny':
        return { opinion: String(v.opinion ?? '').trim(), taskId };
      case 'return':
        return { to: v.to, reason: String(v.reason ?? '').trim(), taskId };
      case 'supplement': {
        const sv = v as SupplementValues;
        const items: { materialCode?: string; reason: string }[] = (sv.picked ?? []).map((code) => ({
          materialCode: code,
          reason: (sv.reasons?.[code] ?? '').trim(),
        }));
        if (sv.otherOn) for (const o of sv.others ?? []) if (o?.trim()) items.push({ reason: o.trim() });
        const note = sv.note?.trim();
        return note ? { items, note } : { items };
      }
      default:
        return {};
    }
  };

  const submit = async () => {
    if (!action) return;
    setError(null);
    let v: Record<string, unknown>;
    try {
      v = await form.validateFields();
    } catch (e) {
      // antd rejects with errorFields: [] when values changed mid-validation ("outOfDate"); only stop on real errors.
      if (((e as { errorFields?: unknown[] }).errorFields ?? []).length) return;
      v = form.getFieldsValue();
    }
    if (action === 'supplement') {
      const sv = v as SupplementValues;
      if (!(sv.picked ?? []).length && !(sv.otherOn && (sv.others ?? []).some((o) => o?.trim()))) {
        setError(t('wb.supplementAtLeastOne'));
        return;
      }
    }
    setBusy(true);
    try {
      const nc = await api.post<Case>(`/api/cases/${c.id}/${action === 'prereview_pass' ? 'prereview-pass' : action}`, body(v));
      message.success(t('wb.done', { action: action === 'approve' && !finalAgreement ? t('wb.approveStepTitle') : t(`action.${action}`) }));
      form.resetFields();
      onDone(nc);
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };

  const materials = item?.materials ?? [];
  const hasChangedMaterials = (code: string) => c.round > 1 && c.materials.some((m) => m.code === code && m.round === c.round);

  return (
    <Modal
      open={action !== null}
      title={action ? titles[action] : ''}
      onCancel={() => {
        setError(null);
        form.resetFields();
        onClose();
      }}
      onOk={() => void submit()}
      confirmLoading={busy}
      okText={action === 'approve' && !finalAgreement ? t('wb.approveStepTitle') : action ? t(`action.${action}`) : t('common.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': action ? `modal-ok-${action}` : 'modal-ok', danger: action === 'reject' || action === 'deny' || action === 'return' } as never}
      cancelButtonProps={{ 'data-testid': 'modal-cancel' } as never}
      width={action === 'supplement' ? 680 : 520}
      forceRender
      // No zoom animation: the OK button must not move under the pointer (also keeps browser tests deterministic).
      transitionName=""
      maskTransitionName=""
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="modal-error" />}
      <Form key={action ?? 'none'} form={form} layout="vertical" initialValues={action === 'approve' ? { opinion: finalAgreement ? t('wb.defaultApprove') : t('wb.defaultAgree') } : {}}>
        {action === 'accept' && <Typography.Paragraph>{t('wb.acceptConfirm')}</Typography.Paragraph>}
        {action === 'prereview_pass' && (
          <>
            <Typography.Paragraph>{t('wb.prereviewConfirm')}</Typography.Paragraph>
            <Form.Item name="bring" label={t('wb.prereviewBring')} rules={[{ required: true, whitespace: true, message: t('wb.reasonRequired') }]}>
              <Input.TextArea rows={3} maxLength={1000} showCount placeholder={t('wb.prereviewBringPlaceholder')} data-testid="prereview-bring" />
            </Form.Item>
            <Form.Item name="note" label={t('wb.prereviewNote')}>
              <Input.TextArea rows={2} maxLength={1000} data-testid="prereview-note" />
            </Form.Item>
          </>
        )}
        {action === 'reject' && (
          <Form.Item name="reason" label={t('wb.rejectReason')} rules={[{ required: true, whitespace: true, message: t('wb.reasonRequired') }]}>
            <Input.TextArea rows={4} maxLength={1000} showCount placeholder={t('wb.rejectPlaceholder')} data-testid="reject-reason" />
          </Form.Item>
        )}
        {(action === 'approve' || action === 'deny') && (
          <Form.Item name="opinion" label={t('wb.opinion')} rules={[{ required: true, whitespace: true, message: t('wb.opinionRequired') }]}>
            <Input.TextArea
              rows={4}
              maxLength={1000}
              showCount
              placeholder={action === 'deny' ? t('wb.denyPlaceholder') : undefined}
              data-testid={`${action}-opinion`}
            />
          </Form.Item>
        )}
        {action === 'return' && (
          <>
            <Form.Item name="to" label={t('wb.returnTo')} rules={[{ required: true, message: t('wb.returnTargetRequired') }]}>
              <Select
                data-testid="return-target"
                options={[
                  { value: 'intake', label: t('wb.returnToIntake') },
                  ...c.flow.returnTargets.map((n) => ({ value: n, label: t('wb.returnToStep', { n, name: c.flow.steps[n - 1]?.name ?? '' }) })),
                ]}
              />
            </Form.Item>
            <Form.Item name="reason" label={t('wb.returnReason')} rules={[{ required: true, whitespace: true, message: t('wb.returnReasonRequired') }]}>
              <Input.TextArea rows={4} maxLength={1000} showCount data-testid="return-reason" />
            </Form.Item>
          </>
        )}
        {action === 'supplement' && (
          <>
            <Typography.Paragraph type="secondary">{t('wb.supplementPick')}</Typography.Paragraph>
            <Form.Item name="picked" style={{ marginBottom: 0 }}>
              <Checkbox.Group style={{ display: 'block' }}>
                {materials.map((m) => (
                  <div key={m.code} className={`yw-supp-row${picked.includes(m.code) ? ' yw-supp-row-on' : ''}`}>
                    <Checkbox value={m.code} data-testid={`supplement-check-${m.code}`}>
                      {m.name} {m.required ? <Typography.Text type="danger">*</Typography.Text> : null}
                      {hasChangedMaterials(m.code) && <Typography.Text type="warning"> ({t('case.changed')})</Typography.Text>}
                    </Checkbox>
                  </div>
                ))}
              </Checkbox.Group>
            </Form.Item>
            {materials
              .filter((m) => picked.includes(m.code))
              .map((m) => (
                <Form.Item
                  key={m.code}
                  name={['reasons', m.code]}
                  label={`${m.name} · ${t('wb.supplementReason')}`}
                  rules={[{ required: true, whitespace: true, message: t('wb.supplementReasonRequired', { name: m.name }) }]}
                >
                  <Input placeholder={t('wb.supplementReasonPlaceholder')} maxLength={500} data-testid={`supplement-reason-${m.code}`} />
                </Form.Item>
              ))}
            <Form.Item name="otherOn" valuePropName="checked" style={{ marginBottom: 8 }}>
              <Checkbox data-testid="supplement-other-check">{t('wb.supplementOther')}</Checkbox>
            </Form.Item>
            {otherOn && (
              <Form.List name="others" initialValue={['']}>
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f, i) => (
                      <Space key={f.key} align="start" style={{ display: 'flex' }}>
                        <Form.Item name={f.name} rules={[{ required: true, whitespace: true, message: t('wb.reasonRequired') }]} style={{ flex: 1, minWidth: 420 }}>
                          <Input maxLength={500} placeholder={t('wb.supplementOtherPlaceholder')} data-testid={i === 0 ? 'supplement-other-reason' : `supplement-other-reason-${i}`} />
                        </Form.Item>
                        {fields.length > 1 && (
                          <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={t('wb.supplementOtherRemove')} />
                        )}
                      </Space>
                    ))}
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} style={{ marginBottom: 12 }} data-testid="supplement-other-add">
                      {t('wb.supplementOtherAdd')}
                    </Button>
                  </>
                )}
              </Form.List>
            )}
            <Form.Item name="note" label={t('wb.supplementNote')}>
              <Input.TextArea rows={2} maxLength={1000} data-testid="supplement-note" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
