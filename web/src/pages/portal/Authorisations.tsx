import { Alert, App, Button, Card, DatePicker, Empty, Form, Input, List, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { BankOutlined, SwapOutlined, UserAddOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { errorMessage, useFormSubmit, useQuery } from '../../hooks';
import { useI18n } from '../../i18n';
import type { Authorisation, AuthorisationLists, EntityResponse, ItemList } from '../../types';
import { QueryView } from '../../components/QueryView';
import { useActingSwitch } from '../../components/ActingFor';
import { formatDate } from '../../format';

type Lists = AuthorisationLists;

/**
 * 授权管理: the enterprises a person represents (claimed from the legal-entity registry), whom
 * they and their enterprises authorise (经办人, limited by items and date), and what they may
 * act for — with the switch into that context.
 */
export default function Authorisations() {
  const { t } = useI18n();
  const { user } = useAuth();
  const q = useQuery<Lists>('/api/authorisations');
  if (user?.actingFor) {
    return (
      <div className="yw-page" style={{ maxWidth: 960 }}>
        <Alert type="info" showIcon title={t('auths.actingFirst')} />
      </div>
    );
  }
  return (
    <div className="yw-page" style={{ maxWidth: 960 }}>
      <Typography.Title level={3}>{t('auths.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('auths.intro')}</Typography.Paragraph>
      <QueryView q={q}>
        {(lists) => (
          <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
            <Received items={lists.received} />
            <Grant lists={lists} onDone={q.reload} />
            <Granted items={lists.granted} onDone={q.reload} />
            <ClaimEntity onDone={q.reload} />
          </div>
        )}
      </QueryView>
    </div>
  );
}

function scopeText(a: Authorisation, t: ReturnType<typeof useI18n>['t']) {
  return a.itemCodes ? t('auths.someItems', { n: a.itemCodes.length }) : t('auths.allItems');
}

function Received({ items }: { items: Authorisation[] }) {
  const { t, lang } = useI18n();
  const { actFor, busy } = useActingSwitch();
  return (
    <Card title={t('auths.received')} data-testid="auths-received">
      {items.length === 0 ? (
        <Empty description={t('auths.noneReceived')} />
      ) : (
        <List
          dataSource={items}
          renderItem={(a) => (
            <List.Item
              data-testid="received-row"
              data-principal={a.principal.name}
              actions={[
                <Button key="switch" type="primary" icon={<SwapOutlined />} loading={busy} onClick={() => void actFor(a.id)} data-testid="act-for">
                  {t('auths.actFor')}
                </Button>,
              ]}
            >
              <List.Item.Meta
                avatar={<BankOutlined style={{ fontSize: 22, color: '#1557b0' }} />}
                title={
                  <Space>
                    {a.principal.name}
                    <Tag color={a.kind === 'legal_representative' ? 'gold' : 'blue'}>{t(a.kind === 'legal_representative' ? 'auths.legalRep' : 'auths.agent')}</Tag>
                  </Space>
                }
                description={`${scopeText(a, t)} · ${a.validUntil ? t('auths.until', { date: formatDate(a.validUntil, lang) }) : t('auths.noEnd')}`}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function Grant({ lists, onDone }: { lists: Lists; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { user } = useAuth();
  const items = useQuery<ItemList>('/api/catalog/items');
  const [form] = Form.useForm<{ principalId: string; idNumber: string; name: string; itemCodes?: string[]; validUntil?: Dayjs }>();
  const { busy, error, run } = useFormSubmit(form, ['principalId', 'idNumber', 'name', 'itemCodes', 'validUntil']);
  const principals = [
    { value: user!.id, label: t('auths.myself', { name: user!.name }) },
    ...lists.received.filter((a) => a.kind === 'legal_representative').map((a) => ({ value: a.principal.id, label: a.principal.name })),
  ];
  const submit = (v: { principalId: string; idNumber: string; name: string; itemCodes?: string[]; validUntil?: Dayjs }) =>
    run(async () => {
      await api.post('/api/authorisations', {
        principalId: v.principalId,
        agent: { idNumber: v.idNumber.trim(), name: v.name.trim() },
        itemCodes: v.itemCodes?.length ? v.itemCodes : null,
        validUntil: v.validUntil ? v.validUntil.format('YYYY-MM-DD') : null,
      });
      message.success(t('auths.granted'));
      form.resetFields(['idNumber', 'name', 'itemCodes', 'validUntil']);
      onDone();
    });
  return (
    <Card title={<Space><UserAddOutlined />{t('auths.grantTitle')}</Space>} data-testid="auths-grant">
      <Typography.Paragraph type="secondary">{t('auths.grantHint')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="grant-error" />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ principalId: principals[principals.length - 1]!.value }} requiredMark>
        <Form.Item name="principalId" label={t('auths.principal')} rules={[{ required: true }]}>
          <Select options={principals} data-testid="grant-principal" />
        </Form.Item>
        <Space wrap size={16} style={{ width: '100%' }}>
          <Form.Item name="name" label={t('auths.agentName')} rules={[{ required: true, whitespace: true, message: t('register.nameRequired') }]}>
            <Input maxLength={50} style={{ width: 180 }} data-testid="grant-agent-name" />
          </Form.Item>
          <Form.Item name="idNumber" label={t('auths.agentIdNumber')} rules={[{ required: true, whitespace: true, message: t('register.idFormat') }]}>
            <Input maxLength={18} style={{ width: 240 }} autoComplete="off" data-testid="grant-agent-id" />
          </Form.Item>
          <Form.Item name="validUntil" label={t('auths.validUntil')}>
            <DatePicker data-testid="grant-valid-until" />
          </Form.Item>
        </Space>
        <Form.Item name="itemCodes" label={t('auths.items')} extra={t('auths.itemsHint')}>
          <Select
            mode="multiple"
            allowClear
            optionFilterProp="label"
            options={(items.data?.items ?? []).map((i) => ({ value: i.code, label: `${i.name}（${i.code}）` }))}
            data-testid="grant-items"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="grant-submit">
          {t('auths.grant')}
        </Button>
      </Form>
    </Card>
  );
}

function Granted({ items, onDone }: { items: Authorisation[]; onDone: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const revoke = async (id: string) => {
    try {
      await api.del(`/api/authorisations/${id}`);
      message.success(t('auths.revoked'));
      onDone();
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  };
  return (
    <Card title={t('auths.grantedTitle')} data-testid="auths-granted">
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={items}
        locale={{ emptyText: t('auths.noneGranted') }}
        onRow={(a) => ({ 'data-testid': 'granted-row', 'data-agent': a.agent.name }) as React.HTMLAttributes<HTMLTableRowElement>}
        columns={[
          { title: t('auths.principal'), dataIndex: ['principal', 'name'] },
          { title: t('auths.agent'), dataIndex: ['agent', 'name'] },
          { title: t('auths.items'), render: (_: unknown, a: Authorisation) => scopeText(a, t) },
          { title: t('auths.validUntil'), render: (_: unknown, a: Authorisation) => (a.validUntil ? formatDate(a.validUntil, lang) : t('auths.noEnd')) },
          {
            title: t('auths.state'),
            render: (_: unknown, a: Authorisation) =>
              a.revokedAt ? <Tag>{t('auths.stateRevoked')}</Tag> : a.validUntil && new Date(a.validUntil) < new Date() ? <Tag>{t('auths.stateExpired')}</Tag> : <Tag color="green">{t('auths.stateActive')}</Tag>,
          },
          {
            title: '',
            render: (_: unknown, a: Authorisation) =>
              a.revokedAt ? null : (
                <Popconfirm title={t('auths.revokeConfirm', { name: a.agent.name })} onConfirm={() => void revoke(a.id)} okText={t('auths.revoke')} cancelText={t('common.cancel')}>
                  <Button danger size="small" data-testid="revoke">
                    {t('auths.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </Card>
  );
}

function ClaimEntity({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ creditCode: string; name: string }>();
  const { busy, error, run } = useFormSubmit(form, ['creditCode', 'name']);
  const claim = (v: { creditCode: string; name: string }) =>
    run(async () => {
      const { entity } = await api.post<EntityResponse>('/api/entities', { creditCode: v.creditCode.trim().toUpperCase(), name: v.name.trim() });
      message.success(t('auths.claimed', { name: entity.name }));
      form.resetFields();
      onDone();
    });
  return (
    <Card title={<Space><BankOutlined />{t('auths.claimTitle')}</Space>} data-testid="auths-claim">
      <Typography.Paragraph type="secondary">{t('auths.claimHint')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="claim-error" />}
      <Form form={form} layout="inline" onFinish={(v) => void claim(v)}>
        <Form.Item name="creditCode" label={t('auths.creditCode')} rules={[{ required: true, whitespace: true, message: t('auths.creditCodeRequired') }]}>
          <Input maxLength={18} style={{ width: 220 }} data-testid="claim-credit-code" />
        </Form.Item>
        <Form.Item name="name" label={t('auths.entityName')} rules={[{ required: true, whitespace: true, message: t('auths.entityNameRequired') }]}>
          <Input maxLength={100} style={{ width: 260 }} data-testid="claim-name" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="claim-submit">
          {t('auths.claim')}
        </Button>
      </Form>
    </Card>
  );
}
