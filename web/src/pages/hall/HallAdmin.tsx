import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { useFormSubmit, useQuery } from '../../hooks';
import { useT } from '../../i18n';
import { QueryView } from '../../components/QueryView';
import type { HallView, ItemList } from '../../types';

type Dialog = { kind: 'hall' } | { kind: 'group'; hall: HallView } | { kind: 'window'; hall: HallView } | null;

/** Opening hours typed as "09:00-12:00, 13:30-17:30" (Shanghai time); the server checks them. */
const parseHours = (text: string) =>
  text
    .split(/[,，;；\s]+/)
    .filter(Boolean)
    .map((p) => {
      const [from = '', to = ''] = p.split(/[-–~～]/);
      return { from: from.trim(), to: to.trim() };
    });

/** Hall setup (大厅设置, platform admins): halls, their window groups (business types) and windows. */
export default function HallAdmin() {
  const t = useT();
  const halls = useQuery<{ halls: HallView[] }>('/api/hall/halls');
  const items = useQuery<ItemList>('/api/catalog/items');
  const [dialog, setDialog] = useState<Dialog>(null);
  const itemName = (id: string) => items.data?.items.find((i) => i.id === id)?.name ?? id;
  const close = (changed: boolean) => {
    setDialog(null);
    if (changed) halls.reload();
  };
  return (
    <div className="yw-page">
      <Space style={{ justifyContent: 'space-between', width: '100%', marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('hallq.adminTitle')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'hall' })} data-testid="hall-admin-new">
          {t('hallq.adminNewHall')}
        </Button>
      </Space>
      <QueryView q={halls}>
        {(d) =>
          d.halls.length === 0 ? (
            <Empty />
          ) : (
            <Space direction="vertical" size="large" style={{ width: '100%' }}>
              {d.halls.map((h) => (
                <Card
                  key={h.id}
                  data-testid="hall-admin-hall"
                  title={
                    <Space>
                      <span>{h.name}</span>
                      <Tag>{h.code}</Tag>
                    </Space>
                  }
                  extra={
                    <Space>
                      <a href={`/hall/${h.code}/display`} target="_blank" rel="noreferrer">
                        {t('hallq.adminDisplay')}
                      </a>
                      <Button onClick={() => setDialog({ kind: 'group', hall: h })} data-testid="hall-admin-add-group">
                        {t('hallq.adminAddGroup')}
                      </Button>
                      <Button onClick={() => setDialog({ kind: 'window', hall: h })} disabled={h.groups.length === 0} data-testid="hall-admin-add-window">
                        {t('hallq.adminAddWindow')}
                      </Button>
                    </Space>
                  }
                >
                  <Typography.Paragraph type="secondary">
                    {h.address} · {t('hallq.adminHoursLine', { hours: h.hours.map((p) => `${p.from}–${p.to}`).join('、'), n: h.slotMinutes })}
                  </Typography.Paragraph>
                  <Table
                    rowKey="id"
                    size="small"
                    pagination={false}
                    dataSource={h.groups}
                    columns={[
                      { title: t('hallq.adminLetter'), dataIndex: 'letter', width: 80, render: (l: string) => <Tag color="gold">{l}</Tag> },
                      { title: t('hallq.groupCol'), dataIndex: 'name', width: 160 },
                      { title: t('hallq.adminItems'), dataIndex: 'itemIds', render: (ids: string[]) => ids.map((id) => <Tag key={id}>{itemName(id)}</Tag>) },
                      { title: t('hallq.adminCapacity'), dataIndex: 'slotCapacity', width: 120 },
                      {
                        title: t('hallq.windowCol'),
                        key: 'windows',
                        width: 220,
                        render: (_: unknown, g) =>
                          h.windows
                            .filter((w) => w.groupId === g.id)
                            .map((w) => (
                              <Tag key={w.id} color={w.clerkName ? 'green' : undefined}>
                                {t('hallq.window', { n: w.number })}
                                {w.clerkName ? ` · ${w.clerkName}` : ''}
                              </Tag>
                            )),
                      },
                    ]}
                  />
                </Card>
              ))}
            </Space>
          )
        }
      </QueryView>
      {dialog?.kind === 'hall' && <HallDialog onClose={close} />}
      {dialog?.kind === 'group' && <GroupDialog hall={dialog.hall} items={items.data?.items ?? []} onClose={close} />}
      {dialog?.kind === 'window' && <WindowDialog hall={dialog.hall} onClose={close} />}
    </div>
  );
}

function HallDialog({ onClose }: { onClose: (changed: boolean) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const { busy, error, run } = useFormSubmit(form, ['code', 'name', 'regionCode', 'address', 'hours', 'slotMinutes', 'graceMinutes', 'bookingDays', 'noShowLimit', 'noShowWindowDays', 'blockDays']);
  const submit = (v: Record<string, unknown> & { hoursText: string }) =>
    run(async () => {
      const { hoursText, ...rest } = v;
      await api.post('/api/hall/halls', { ...rest, hours: parseHours(hoursText) });
      void message.success(t('hallq.adminSaved'));
      onClose(true);
    });
  return (
    <Modal open title={t('hallq.adminNewHall')} onCancel={() => onClose(false)} onOk={() => form.submit()} confirmLoading={busy} okButtonProps={{ 'data-testid': 'hall-admin-save' }} width={640}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ regionCode: '620100', hoursText: '09:00-12:00, 13:30-17:30', slotMinutes: 30, graceMinutes: 15, bookingDays: 7, noShowLimit: 3, noShowWindowDays: 90, blockDays: 30 }}
      >
        <Form.Item name="code" label={t('hallq.adminCode')} extra={t('hallq.adminCodeHint')} rules={[{ required: true }]}>
          <Input maxLength={20} data-testid="hall-admin-code" />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name={['name', 'zh']} label={t('hallq.adminNameZh')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <Input />
          </Form.Item>
          <Form.Item name={['name', 'en']} label={t('hallq.adminNameEn')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <Input />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="regionCode" label={t('hallq.adminRegion')} rules={[{ required: true }]}>
          <Input maxLength={6} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name={['address', 'zh']} label={t('hallq.adminAddressZh')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name={['address', 'en']} label={t('hallq.adminAddressEn')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="hoursText" label={t('hallq.adminHours')} extra={t('hallq.adminHoursHint')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Space wrap>
          {(['slotMinutes', 'graceMinutes', 'bookingDays', 'noShowLimit', 'noShowWindowDays', 'blockDays'] as const).map((k) => (
            <Form.Item key={k} name={k} label={t(`hallq.admin.${k}`)} rules={[{ required: true }]}>
              <InputNumber min={0} max={365} />
            </Form.Item>
          ))}
        </Space>
      </Form>
    </Modal>
  );
}

function GroupDialog({ hall, items, onClose }: { hall: HallView; items: ItemList['items']; onClose: (changed: boolean) => void }) {
  const t = useT();
  const [form] = Form.useForm();
  const { busy, error, run } = useFormSubmit(form, ['letter', 'name', 'itemIds', 'slotCapacity']);
  const submit = (v: Record<string, unknown>) =>
    run(async () => {
      await api.post(`/api/hall/halls/${hall.id}/groups`, v);
      onClose(true);
    });
  return (
    <Modal open title={`${t('hallq.adminAddGroup')} · ${hall.name}`} onCancel={() => onClose(false)} onOk={() => form.submit()} confirmLoading={busy} width={640}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ slotCapacity: 2, itemIds: [] }}>
        <Form.Item name="letter" label={t('hallq.adminLetter')} extra={t('hallq.adminLetterHint')} rules={[{ required: true }]} normalize={(v: string) => v?.toUpperCase()}>
          <Input maxLength={1} style={{ width: 80 }} />
        </Form.Item>
        <Form.Item name={['name', 'zh']} label={t('hallq.adminNameZh')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name={['name', 'en']} label={t('hallq.adminNameEn')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="itemIds" label={t('hallq.adminItems')}>
          <Select mode="multiple" optionFilterProp="label" options={items.map((i) => ({ value: i.id, label: `${i.name}（${i.department.name}）` }))} />
        </Form.Item>
        <Form.Item name="slotCapacity" label={t('hallq.adminCapacity')} rules={[{ required: true }]}>
          <InputNumber min={1} max={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function WindowDialog({ hall, onClose }: { hall: HallView; onClose: (changed: boolean) => void }) {
  const t = useT();
  const [form] = Form.useForm();
  const { busy, error, run } = useFormSubmit(form, ['groupId', 'number']);
  const next = Math.max(0, ...hall.windows.map((w) => w.number)) + 1;
  const submit = (v: Record<string, unknown>) =>
    run(async () => {
      await api.post(`/api/hall/halls/${hall.id}/windows`, v);
      onClose(true);
    });
  return (
    <Modal open title={`${t('hallq.adminAddWindow')} · ${hall.name}`} onCancel={() => onClose(false)} onOk={() => form.submit()} confirmLoading={busy}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ number: next, groupId: hall.groups[0]?.id }}>
        <Form.Item name="groupId" label={t('hallq.groupCol')} rules={[{ required: true }]}>
          <Select options={hall.groups.map((g) => ({ value: g.id, label: `${g.letter} ${g.name}` }))} />
        </Form.Item>
        <Form.Item name="number" label={t('hallq.windowCol')} rules={[{ required: true }]}>
          <InputNumber min={1} max={999} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
