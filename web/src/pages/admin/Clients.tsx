import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Result, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { KeyOutlined, PlusOutlined, StopOutlined, SyncOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { applyFieldErrors, errorMessage, pathMatcher, useQuery } from '../../hooks';
import { useI18n } from '../../i18n';
import { QueryView } from '../../components/QueryView';
import { formatDateTime } from '../../format';
import type { CatalogDepartmentList, ClientList, ClientView, ClientWithSecret, KeyList, KeyView } from '../../types';

type ClientItem = ClientView;
type KeyItem = KeyView;
type FormValues = {
  nameZh: string;
  nameEn: string;
  departmentId: string;
  redirectUris: string;
  postLogoutRedirectUris?: string;
  backchannelLogoutUri?: string;
  scopes: string[];
  pairwise: boolean;
};

const lines = (s?: string) => (s ?? '').split(/\s+/).map((x) => x.trim()).filter(Boolean);

/** Department systems that sign users in through Yiwang (OIDC clients), for platform admins. */
export default function Clients() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { user } = useAuth();
  const clients = useQuery<ClientList>('/api/admin/oidc/clients');
  const keys = useQuery<KeyList>('/api/admin/oidc/keys');
  const depts = useQuery<CatalogDepartmentList>('/api/catalog/departments');
  const [form] = Form.useForm<FormValues>();
  const [creating, setCreating] = useState(false);
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ clientId: string; clientSecret: string } | null>(null);

  if (user && !user.roles.includes('platform_admin')) return <Result status="403" title="403" subTitle={t('clients.forbidden')} />;

  const submit = async (v: FormValues) => {
    setSaving(true);
    setFormError(null);
    try {
      const res = await api.post<ClientWithSecret>('/api/admin/oidc/clients', {
        name: { zh: v.nameZh, en: v.nameEn },
        departmentId: v.departmentId,
        redirectUris: lines(v.redirectUris),
        postLogoutRedirectUris: lines(v.postLogoutRedirectUris),
        backchannelLogoutUri: v.backchannelLogoutUri?.trim() || null,
        scopes: v.scopes,
        pairwise: v.pairwise,
      });
      setCreating(false);
      form.resetFields();
      setSecret({ clientId: res.client.clientId, clientSecret: res.clientSecret });
      clients.reload();
    } catch (e) {
      const mapped = applyFieldErrors(form, e, (path) => {
        const [head, index] = path;
        if (head === 'name') return path[1] === 'en' ? ['nameEn'] : ['nameZh'];
        if (head === 'redirectUris' || head === 'postLogoutRedirectUris') return [head];
        void index;
        return pathMatcher(['departmentId', 'backchannelLogoutUri', 'scopes', 'pairwise'])(path);
      });
      if (!mapped) setFormError(errorMessage(e, t));
    } finally {
      setSaving(false);
    }
  };

  const deactivate = async (clientId: string) => {
    try {
      await api.post(`/api/admin/oidc/clients/${encodeURIComponent(clientId)}/deactivate`);
      message.success(t('clients.deactivated'));
      clients.reload();
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  };

  const regenerate = async (clientId: string) => {
    try {
      const res = await api.post<ClientWithSecret>(`/api/admin/oidc/clients/${encodeURIComponent(clientId)}/secret`);
      setSecret({ clientId, clientSecret: res.clientSecret });
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  };

  const rotate = async () => {
    try {
      await api.post('/api/admin/oidc/keys/rotate');
      message.success(t('clients.keys.rotated'));
      keys.reload();
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  };

  return (
    <div className="yw-page">
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <div>
          <Typography.Title level={3} style={{ marginBottom: 4 }}>
            {t('clients.title')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('clients.intro')}</Typography.Paragraph>
        </div>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="client-new">
          {t('clients.new')}
        </Button>
      </Space>
      <Card>
        <QueryView q={clients}>
          {(d) => (
            <Table<ClientItem>
              rowKey="clientId"
              dataSource={d.items}
              pagination={false}
              scroll={{ x: 900 }}
              data-testid="clients-table"
              columns={[
                {
                  title: t('clients.col.name'),
                  render: (_, c) => (
                    <Space direction="vertical" size={0}>
                      <Typography.Text strong>{lang === 'en' ? c.name.en : c.name.zh}</Typography.Text>
                      <Typography.Text type="secondary" copyable style={{ fontSize: 12 }}>
                        {c.clientId}
                      </Typography.Text>
                    </Space>
                  ),
                },
                { title: t('clients.col.department'), render: (_, c) => c.department.name },
                {
                  title: t('clients.col.redirectUris'),
                  render: (_, c) => (
                    <Space direction="vertical" size={0}>
                      {c.redirectUris.map((u) => (
                        <Typography.Text key={u} code style={{ fontSize: 12 }}>
                          {u}
                        </Typography.Text>
                      ))}
                    </Space>
                  ),
                },
                { title: t('clients.col.scopes'), render: (_, c) => c.scopes.map((s) => <Tag key={s}>{s}</Tag>) },
                { title: t('clients.col.pairwise'), render: (_, c) => (c.pairwise ? t('common.yes') : t('common.no')) },
                {
                  title: t('clients.col.status'),
                  render: (_, c) => (c.active ? <Tag color="green">{t('clients.active')}</Tag> : <Tag>{t('clients.inactive')}</Tag>),
                },
                { title: t('clients.col.createdAt'), render: (_, c) => formatDateTime(c.createdAt, lang) },
                {
                  title: t('clients.col.actions'),
                  render: (_, c) =>
                    c.active ? (
                      <Space>
                        <Popconfirm title={t('clients.regenerateConfirm')} onConfirm={() => void regenerate(c.clientId)} okText={t('common.ok')} cancelText={t('common.cancel')}>
                          <Button size="small" icon={<KeyOutlined />} data-testid="client-regenerate">
                            {t('clients.regenerate')}
                          </Button>
                        </Popconfirm>
                        <Popconfirm title={t('clients.deactivateConfirm')} onConfirm={() => void deactivate(c.clientId)} okText={t('common.ok')} cancelText={t('common.cancel')}>
                          <Button size="small" danger icon={<StopOutlined />} data-testid="client-deactivate">
                            {t('clients.deactivate')}
                          </Button>
                        </Popconfirm>
                      </Space>
                    ) : null,
                },
              ]}
            />
          )}
        </QueryView>
      </Card>

      <Card
        title={t('clients.keys.title')}
        style={{ marginTop: 16 }}
        extra={
          <Popconfirm title={t('clients.keys.rotateConfirm')} onConfirm={() => void rotate()} okText={t('common.ok')} cancelText={t('common.cancel')}>
            <Button icon={<SyncOutlined />} data-testid="keys-rotate">
              {t('clients.keys.rotate')}
            </Button>
          </Popconfirm>
        }
      >
        <QueryView q={keys} rows={2}>
          {(d) => (
            <Table<KeyItem>
              rowKey="kid"
              size="small"
              pagination={false}
              dataSource={d.items.filter((k) => k.published)}
              columns={[
                { title: t('clients.keys.kid'), render: (_, k) => <Typography.Text code>{k.kid}</Typography.Text> },
                { title: t('clients.keys.alg'), dataIndex: 'alg' },
                { title: t('clients.col.createdAt'), render: (_, k) => formatDateTime(k.createdAt, lang) },
                {
                  title: t('clients.col.status'),
                  render: (_, k) =>
                    k.retiredAt ? (
                      <Tag>{t('clients.keys.retiredUntil', { at: formatDateTime(k.publishedUntil!, lang) })}</Tag>
                    ) : (
                      <Tag color="green">{t('clients.keys.signing')}</Tag>
                    ),
                },
              ]}
            />
          )}
        </QueryView>
      </Card>

      <Modal
        open={creating}
        title={t('clients.new')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okText={t('clients.register')}
        okButtonProps={{ 'data-testid': 'client-submit' } as never}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        width={640}
        destroyOnHidden
      >
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ scopes: ['openid', 'profile'], pairwise: true }} preserve={false}>
          <Space.Compact block>
            <Form.Item name="nameZh" label={t('clients.f.nameZh')} rules={[{ required: true, message: t('common.required') }]} style={{ flex: 1, marginRight: 8 }}>
              <Input data-testid="client-name-zh" />
            </Form.Item>
            <Form.Item name="nameEn" label={t('clients.f.nameEn')} rules={[{ required: true, message: t('common.required') }]} style={{ flex: 1 }}>
              <Input data-testid="client-name-en" />
            </Form.Item>
          </Space.Compact>
          <Form.Item name="departmentId" label={t('clients.col.department')} rules={[{ required: true, message: t('common.required') }]}>
            <Select data-testid="client-department" options={(depts.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))} />
          </Form.Item>
          <Form.Item name="redirectUris" label={t('clients.f.redirectUris')} extra={t('clients.f.uriHelp')} rules={[{ required: true, message: t('common.required') }]}>
            <Input.TextArea rows={2} placeholder="https://bdc.example.gov.cn/callback" data-testid="client-redirect" />
          </Form.Item>
          <Form.Item name="postLogoutRedirectUris" label={t('clients.f.postLogout')}>
            <Input.TextArea rows={1} />
          </Form.Item>
          <Form.Item name="backchannelLogoutUri" label={t('clients.f.backchannel')}>
            <Input />
          </Form.Item>
          <Form.Item name="scopes" label={t('clients.col.scopes')}>
            <Select
              mode="multiple"
              options={[
                { value: 'openid', label: `openid — ${t('clients.scope.openid')}` },
                { value: 'profile', label: `profile — ${t('clients.scope.profile')}` },
                { value: 'offline_access', label: `offline_access — ${t('clients.scope.offline')}` },
              ]}
            />
          </Form.Item>
          <Form.Item name="pairwise" label={t('clients.col.pairwise')} valuePropName="checked" extra={t('clients.f.pairwiseHelp')}>
            <Switch />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={secret !== null}
        title={t('clients.secret.title')}
        onCancel={() => setSecret(null)}
        destroyOnHidden
        footer={
          <Button type="primary" onClick={() => setSecret(null)} data-testid="secret-close">
            {t('clients.secret.done')}
          </Button>
        }
      >
        <Alert type="warning" showIcon title={t('clients.secret.once')} style={{ marginBottom: 16 }} />
        <Typography.Paragraph>
          {t('clients.secret.clientId')}
          <Typography.Text code copyable>
            {secret?.clientId}
          </Typography.Text>
        </Typography.Paragraph>
        <Typography.Paragraph>
          {t('clients.secret.secret')}
          <Typography.Text code copyable data-testid="client-secret">
            {secret?.clientSecret}
          </Typography.Text>
        </Typography.Paragraph>
      </Modal>
    </div>
  );
}
