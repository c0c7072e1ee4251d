import { useState } from 'react';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Select } from 'antd';
import { FieldTimeOutlined, CheckOutlined, CloseOutlined, PauseCircleOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { errorMessage } from '../../hooks';
import { useT } from '../../i18n';
import type { Case, CaseAction } from '../../types';

/** The clock's actions: 特别程序 start/end (approver), 延期 request (approver) and decision (department head). */
export type ClockAction = 'special_start' | 'special_end' | 'extension_request' | 'extension_approve' | 'extension_refuse';
export const CLOCK_ACTIONS: ClockAction[] = ['special_start', 'special_end', 'extension_request', 'extension_approve', 'extension_refuse'];

const PATHS: Record<ClockAction, string> = {
  special_start: 'special-procedure',
  special_end: 'special-procedure/end',
  extension_request: 'extension',
  extension_approve: 'extension/approve',
  extension_refuse: 'extension/refuse',
};
const ICONS: Record<ClockAction, React.ReactNode> = {
  special_start: <PauseCircleOutlined />,
  special_end: <PlayCircleOutlined />,
  extension_request: <FieldTimeOutlined />,
  extension_approve: <CheckOutlined />,
  extension_refuse: <CloseOutlined />,
};
const KINDS = ['hearing', 'expert_review', 'inspection', 'public_notice'] as const;

export function ClockButtons({ c, onChange }: { c: Case; onChange: (c: Case) => void }) {
  const t = useT();
  const [open, setOpen] = useState<ClockAction | null>(null);
  const actions = CLOCK_ACTIONS.filter((a) => c.allowedActions.includes(a as CaseAction));
  return (
    <>
      {actions.map((a) => (
        <Button key={a} icon={ICONS[a]} onClick={() => setOpen(a)} data-testid={`action-${a}`} size="large" danger={a === 'extension_refuse'}>
          {t(`action.${a}`)}
        </Button>
      ))}
      <ClockModal
        action={open}
        c={c}
        onClose={() => setOpen(null)}
        onDone={(nc) => {
          setOpen(null);
          onChange(nc);
        }}
      />
    </>
  );
}

function ClockModal({ action, c, onClose, onDone }: { action: ClockAction | null; c: Case; onClose: () => void; onDone: (c: Case) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    if (!action) return;
    setError(null);
    let v: Record<string, unknown>;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const text = (k: string) => String(v[k] ?? '').trim();
    const body =
      action === 'special_start'
        ? { kind: v.kind, reason: text('reason'), expectedDays: v.expectedDays }
        : action === 'extension_request'
          ? { days: v.days, reason: text('reason') }
          : text('note')
            ? { note: text('note') }
            : {};
    setBusy(true);
    try {
      const nc = await api.post<Case>(`/api/cases/${c.id}/${PATHS[action]}`, body);
      message.success(t('wb.done', { action: t(`action.${action}`) }));
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
      open={action !== null}
      title={action ? t(`action.${action}`) : ''}
      onCancel={() => {
        setError(null);
        form.resetFields();
        onClose();
      }}
      onOk={() => void submit()}
      confirmLoading={busy}
      okText={action ? t(`action.${action}`) : t('common.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': action ? `modal-ok-${action}` : 'modal-ok', danger: action === 'extension_refuse' } as never}
      cancelButtonProps={{ 'data-testid': 'modal-cancel' } as never}
      forceRender
      transitionName=""
      maskTransitionName=""
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="clock-modal-error" />}
      <Form key={action ?? 'none'} form={form} layout="vertical" initialValues={action === 'special_start' ? { kind: 'expert_review', expectedDays: 5 } : action === 'extension_request' ? { days: 5 } : {}}>
        {action === 'special_start' && (
          <>
            <Form.Item name="kind" label={t('clock.special.kind')} rules={[{ required: true }]}>
              <Select data-testid="special-kind" options={KINDS.map((k) => ({ value: k, label: t(`clock.special.${k}`) }))} />
            </Form.Item>
            <Form.Item name="expectedDays" label={t('clock.special.expectedDays')} rules={[{ required: true, message: t('clock.daysRequired') }]}>
              <InputNumber min={1} max={250} style={{ width: 160 }} data-testid="special-days" />
            </Form.Item>
            <Form.Item name="reason" label={t('clock.reason')} rules={[{ required: true, whitespace: true, message: t('wb.reasonRequired') }]}>
              <Input.TextArea rows={3} maxLength={1000} showCount data-testid="special-reason" />
            </Form.Item>
            <Alert type="info" showIcon title={t('clock.special.hint')} />
          </>
        )}
        {action === 'extension_request' && (
          <>
            <Form.Item name="days" label={t('clock.extension.days')} rules={[{ required: true, message: t('clock.daysRequired') }]}>
              <InputNumber min={1} max={250} style={{ width: 160 }} data-testid="extension-days" />
            </Form.Item>
            <Form.Item name="reason" label={t('clock.reason')} rules={[{ required: true, whitespace: true, message: t('wb.reasonRequired') }]}>
              <Input.TextArea rows={3} maxLength={1000} showCount data-testid="extension-reason" />
            </Form.Item>
            <Alert type="info" showIcon title={t('clock.extension.hint')} />
          </>
        )}
        {(action === 'special_end' || action === 'extension_approve' || action === 'extension_refuse') && (
          <>
            {action !== 'special_end' && c.clock.extensionRequest && (
              <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('clock.extensionPending', { n: c.clock.extensionRequest.days })} description={c.clock.extensionRequest.reason} />
            )}
            <Form.Item name="note" label={t('clock.note')}>
              <Input.TextArea rows={3} maxLength={1000} data-testid="clock-note" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
