import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, App, Button, Empty, Form, Input, Modal, Result, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { api } from '../../../api';
import { applyFieldErrors, errorMessage, pathMatcher, useQuery } from '../../../hooks';
import { useI18n } from '../../../i18n';
import { QueryView } from '../../../components/QueryView';
import type { BasicItemList, ImplementationList } from '../../../types';
import { CatalogueShell, pick, VersionTag, type VersionStatus } from './shared';

type Row = ImplementationList['items'][number];
type NewForm = { basicItemId: string; departmentId: string; code: string };

/** What a row stands at: its open version's status, else published or retired (or never published). */
const stateOf = (r: Row): VersionStatus | 'unpublished' => r.openVersion?.status ?? (r.published ? 'published' : r.currentVersionNo ? 'retired' : 'unpublished');

/** 实施清单: the implementations the caller manages, the landing page of the catalogue administration. */
export default function Implementations() {
  const { t, lang } = useI18n();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const list = useQuery<ImplementationList>('/api/catalog/admin/implementations');
  const [creating, setCreating] = useState(false);
  const basics = useQuery<BasicItemList>(creating ? '/api/catalog/admin/basic-items' : null);
  const [dept, setDept] = useState<string>();
  const [status, setStatus] = useState<string>();
  const [q, setQ] = useState('');
  const [form] = Form.useForm<NewForm>();
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);

  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return (list.data?.items ?? []).filter(
      (r) =>
        (!dept || r.department.id === dept) &&
        (!status || stateOf(r) === status) &&
        (!needle || r.code.toLowerCase().includes(needle) || r.name.zh.includes(needle) || r.name.en.toLowerCase().includes(needle)),
    );
  }, [list.data, dept, status, q]);

  const newDraft = async (r: Row) => {
    try {
      await api.post(`/api/catalog/admin/implementations/${r.id}/drafts`);
      message.success(t('ca.draft.opened'));
      navigate(`/admin/catalogue/implementations/${r.id}`);
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  };

  const retire = (r: Row) =>
    modal.confirm({
      title: t('ca.retire.title'),
      content: t('ca.retire.confirm', { name: pick(lang, r.name), code: r.code }),
      okText: t('ca.retire.ok'),
      okButtonProps: { danger: true, 'data-testid': 'retire-confirm' } as never,
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await api.post(`/api/catalog/admin/implementations/${r.id}/retire`);
          message.success(t('ca.retire.done'));
          list.reload();
        } catch (e) {
          message.error(errorMessage(e, t));
        }
      },
    });

  const create = async (v: NewForm) => {
    setSaving(true);
    setFormError(null);
    try {
      const res = await api.post<{ id: string; versionId: string }>('/api/catalog/admin/implementations', { ...v, code: v.code.trim().toUpperCase() });
      message.success(t('ca.new.done'));
      setCreating(false);
      navigate(`/admin/catalogue/implementations/${res.id}`);
    } catch (e) {
      if (!applyFieldErrors(form, e, pathMatcher(['basicItemId', 'departmentId', 'code']))) setFormError(errorMessage(e, t));
    } finally {
      setSaving(false);
    }
  };

  const openCreate = () => {
    setFormError(null);
    form.resetFields();
    const only = list.data?.departments.length === 1 ? list.data.departments[0]!.id : undefined;
    if (only) form.setFieldsValue({ departmentId: only });
    setCreating(true);
  };

  return (
    <CatalogueShell
      title={t('ca.impl.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={openCreate} disabled={!list.data?.departments.length} data-testid="impl-new">
          {t('ca.new.button')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t(list.data?.mayManageBasicItems ? 'ca.impl.introNode' : 'ca.impl.introDept')}</Typography.Paragraph>
      <QueryView q={list}>
        {(d) => (
          <>
            <Space wrap style={{ marginBottom: 12 }}>
              <Select
                allowClear
                placeholder={t('ca.filter.department')}
                style={{ width: 240 }}
                value={dept}
                onChange={setDept}
                options={d.departments.map((x) => ({ value: x.id, label: x.name }))}
                data-testid="filter-department"
              />
              <Select
                allowClear
                placeholder={t('ca.filter.status')}
                style={{ width: 160 }}
                value={status}
                onChange={setStatus}
                options={(['draft', 'review', 'published', 'retired', 'unpublished'] as const).map((s) => ({ value: s, label: s === 'unpublished' ? t('ca.state.unpublished') : t(`versionStatus.${s}`) }))}
                data-testid="filter-status"
              />
              <Input allowClear prefix={<SearchOutlined />} placeholder={t('ca.filter.search')} style={{ width: 240 }} value={q} onChange={(e) => setQ(e.target.value)} data-testid="filter-search" />
            </Space>
            <Table<Row>
              rowKey="id"
              size="middle"
              dataSource={rows}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              scroll={{ x: 1000 }}
              data-testid="impl-table"
              onRow={(r) => ({ 'data-testid': 'impl-row', 'data-code': r.code }) as never}
              locale={{
                emptyText: d.items.length ? <Empty description={t('ca.impl.noMatch')} /> : <Result status="info" title={t('ca.impl.none')} subTitle={t('ca.impl.noneHint')} />,
              }}
              columns={[
                { title: t('ca.col.code'), dataIndex: 'code', width: 170, render: (c: string, r) => <Link to={`/admin/catalogue/implementations/${r.id}`}>{c}</Link> },
                { title: t('ca.col.name'), render: (_, r) => pick(lang, r.name) },
                { title: t('ca.col.department'), render: (_, r) => r.department.name },
                { title: t('ca.col.region'), render: (_, r) => <span title={r.regionCode}>{r.regionName}</span> },
                {
                  title: t('ca.col.current'),
                  width: 130,
                  render: (_, r) =>
                    r.currentVersionNo === null ? <Tag>{t('ca.state.unpublished')}</Tag> : <VersionTag status={r.published ? 'published' : 'retired'} no={r.currentVersionNo} testId="current-tag" />,
                },
                { title: t('ca.col.open'), width: 130, render: (_, r) => (r.openVersion ? <VersionTag status={r.openVersion.status} no={r.openVersion.versionNo} testId="open-tag" /> : t('common.none')) },
                {
                  title: t('ca.col.actions'),
                  width: 220,
                  render: (_, r) => (
                    <Space>
                      <Button size="small" onClick={() => navigate(`/admin/catalogue/implementations/${r.id}`)} data-testid="impl-open">
                        {t('ca.action.open')}
                      </Button>
                      {!r.openVersion && (
                        <Button size="small" onClick={() => void newDraft(r)} data-testid="impl-new-draft">
                          {t('ca.action.newDraft')}
                        </Button>
                      )}
                      {r.published && (
                        <Button size="small" danger onClick={() => retire(r)} data-testid="impl-retire">
                          {t('ca.action.retire')}
                        </Button>
                      )}
                    </Space>
                  ),
                },
              ]}
            />
          </>
        )}
      </QueryView>

      <Modal
        open={creating}
        title={t('ca.new.title')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okText={t('ca.new.ok')}
        okButtonProps={{ 'data-testid': 'impl-new-submit' } as never}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        destroyOnHidden
      >
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
        <Typography.Paragraph type="secondary">{t('ca.new.intro')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => void create(v)}>
          <Form.Item name="basicItemId" label={t('ca.new.basicItem')} rules={[{ required: true, message: t('ca.required') }]}>
            <Select
              showSearch
              loading={basics.loading}
              optionFilterProp="label"
              data-testid="impl-new-basic"
              options={(basics.data?.items ?? []).map((b) => ({ value: b.id, label: `${b.code} ${pick(lang, b.name)}` }))}
            />
          </Form.Item>
          <Form.Item name="departmentId" label={t('ca.new.department')} rules={[{ required: true, message: t('ca.required') }]}>
            <Select
              showSearch
              optionFilterProp="label"
              data-testid="impl-new-department"
              options={(list.data?.departments ?? []).map((x) => ({ value: x.id, label: `${x.name}（${x.regionName}）` }))}
            />
          </Form.Item>
          <Form.Item name="code" label={t('ca.new.code')} extra={t('ca.new.codeHelp')} rules={[{ required: true, message: t('ca.required') }]}>
            <Input maxLength={36} data-testid="impl-new-code" />
          </Form.Item>
        </Form>
      </Modal>
    </CatalogueShell>
  );
}
