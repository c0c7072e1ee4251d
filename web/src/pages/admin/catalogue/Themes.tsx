import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Drawer, Form, Input, Radio, Result, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { EditOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../../api';
import { applyFieldErrors, errorMessage, useQuery } from '../../../hooks';
import { hasKey, useI18n } from '../../../i18n';
import { QueryView } from '../../../components/QueryView';
import { formatDateTime } from '../../../format';
import type { ImplementationList, ItemDetail, ThemeAdminList, ThemeAdminView, ThemeInput } from '../../../types';
import { CatalogueShell, pick, useCatalogueRights } from './shared';

const LIFE_EVENTS = ['birth', 'education', 'employment', 'marriage', 'housing', 'transport', 'health', 'social_security', 'residence', 'retirement', 'assistance', 'death'];
const STAGES = ['start', 'operate', 'change', 'invest', 'close'];

/** The editor's values: a mapping's targets as "<implementation code>/<field or material>" strings. */
type Values = Omit<ThemeInput, 'fields' | 'materials' | 'topics'> & {
  topics: string[];
  fields: { name: string; label: { zh: string; en: string }; targets: string[] }[];
  materials: { code: string; name: { zh: string; en: string }; targets: string[] }[];
};

const blank = (): Values => ({
  code: '',
  name: { zh: '', en: '' },
  description: { zh: '', en: '' },
  audience: 'entity',
  topics: [],
  members: [
    { item: '', after: [] },
    { item: '', after: [] },
  ],
  fields: [],
  materials: [],
});

const toValues = (th: ThemeAdminView): Values => ({
  code: th.code,
  name: th.name,
  description: th.description,
  audience: th.audience,
  topics: [...(th.topics.lifeEvents ?? []).map((e) => `lifeEvent.${e}`), ...(th.topics.enterpriseStages ?? []).map((s) => `enterpriseStage.${s}`)],
  members: th.members.map((m) => ({ item: m.item, after: m.after })),
  fields: th.fields.map((f) => ({ name: f.name, label: f.label, targets: f.targets.map((x) => `${x.item}/${x.field}`) })),
  materials: th.materials.map((m) => ({ code: m.code, name: m.name, targets: m.targets.map((x) => `${x.item}/${x.material}`) })),
});

const split = (s: string) => {
  const i = s.lastIndexOf('/');
  return [s.slice(0, i), s.slice(i + 1)] as const;
};

const toInput = (v: Values): ThemeInput => ({
  code: v.code,
  name: v.name,
  description: v.description,
  audience: v.audience,
  topics: {
    lifeEvents: v.topics.filter((x) => x.startsWith('lifeEvent.')).map((x) => x.slice('lifeEvent.'.length)) as never,
    enterpriseStages: v.topics.filter((x) => x.startsWith('enterpriseStage.')).map((x) => x.slice('enterpriseStage.'.length)) as never,
  },
  members: (v.members ?? []).map((m) => ({ item: m.item, after: m.after ?? [] })),
  fields: (v.fields ?? []).map((f) => ({ name: f.name, label: f.label, targets: (f.targets ?? []).map((x) => ({ item: split(x)[0], field: split(x)[1] })) })),
  materials: (v.materials ?? []).map((m) => ({ code: m.code, name: m.name, targets: (m.targets ?? []).map((x) => ({ item: split(x)[0], material: split(x)[1] })) })),
});

/** 一件事: the node's themes, their members, shared fields and documents; publication refused while a check fails (node catalogue admins). */
export default function Themes() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { nodeWide } = useCatalogueRights();
  const list = useQuery<ThemeAdminList>(nodeWide ? '/api/catalog/admin/themes' : null);
  const [editing, setEditing] = useState<ThemeAdminView | 'new' | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  if (!nodeWide) {
    return (
      <CatalogueShell title={t('themes.admin.title')}>
        <Result status="403" title="403" subTitle={t('ca.basic.forbidden')} />
      </CatalogueShell>
    );
  }

  const act = async (th: ThemeAdminView, what: 'publish' | 'unpublish') => {
    setBusy(th.id);
    try {
      await api.post(`/api/catalog/admin/themes/${th.id}/${what}`);
      message.success(t(what === 'publish' ? 'themes.admin.published' : 'themes.admin.unpublished'));
      list.reload();
    } catch (e) {
      message.error(errorMessage(e, t));
    } finally {
      setBusy(null);
    }
  };

  return (
    <CatalogueShell
      title={t('themes.admin.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="theme-new">
          {t('themes.admin.new')}
        </Button>
      }
    >
      <Card>
        <QueryView q={list}>
          {(d) => (
            <Table
              rowKey="id"
              dataSource={d.items}
              pagination={false}
              scroll={{ x: 900 }}
              data-testid="themes-table"
              onRow={(r) => ({ 'data-testid': 'theme-row', 'data-theme-code': r.code }) as React.HTMLAttributes<HTMLElement>}
              expandable={{
                rowExpandable: (r) => r.issues.length > 0,
                expandedRowRender: (r) => (
                  <Alert
                    type="warning"
                    showIcon
                    title={t('themes.admin.issues')}
                    description={
                      <ul className="yw-issues">
                        {r.issues.map((i) => (
                          <li key={`${i.path}:${i.code}`}>
                            <code>{i.path}</code> {i.message}
                          </li>
                        ))}
                      </ul>
                    }
                  />
                ),
              }}
              columns={[
                { title: t('themes.admin.code'), dataIndex: 'code', width: 120, render: (c: string) => <span className="yw-mono">{c}</span> },
                { title: t('themes.admin.name'), dataIndex: 'name', render: (n: ThemeAdminView['name']) => pick(lang, n) },
                { title: t('themes.admin.audience'), dataIndex: 'audience', width: 90, render: (a: string) => <Tag color="purple">{t(a === 'entity' ? 'themes.forEntities' : 'themes.forPersons')}</Tag> },
                { title: t('themes.admin.memberCount'), width: 80, render: (_: unknown, r: ThemeAdminView) => r.members.length },
                {
                  title: t('themes.status'),
                  dataIndex: 'status',
                  width: 150,
                  render: (s: string, r: ThemeAdminView) => (
                    <Space size={4}>
                      <Tag color={s === 'published' ? 'green' : 'gold'} data-testid="theme-status">
                        {t(`themes.admin.status.${s}` as 'themes.admin.status.draft')}
                      </Tag>
                      {r.issues.length > 0 && <Tag color="red">{r.issues.length}</Tag>}
                    </Space>
                  ),
                },
                { title: t('themes.admin.updatedAt'), dataIndex: 'updatedAt', width: 150, render: (d: string) => formatDateTime(d, lang) },
                {
                  title: t('themes.admin.actions'),
                  width: 200,
                  render: (_: unknown, r: ThemeAdminView) => (
                    <Space>
                      <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(r)} data-testid="theme-edit">
                        {t('themes.admin.editShort')}
                      </Button>
                      {r.status === 'draft' ? (
                        <Button size="small" type="primary" loading={busy === r.id} onClick={() => void act(r, 'publish')} data-testid="theme-publish">
                          {t('themes.admin.publish')}
                        </Button>
                      ) : (
                        <Button size="small" loading={busy === r.id} onClick={() => void act(r, 'unpublish')} data-testid="theme-unpublish">
                          {t('themes.admin.unpublish')}
                        </Button>
                      )}
                    </Space>
                  ),
                },
              ]}
            />
          )}
        </QueryView>
      </Card>
      {editing && (
        <ThemeEditor
          theme={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            list.reload();
          }}
        />
      )}
    </CatalogueShell>
  );
}

/** The members' published forms and materials, for the mapping choices. */
function useMemberDetails(ids: string[]) {
  const key = ids.join(',');
  const [details, setDetails] = useState<ItemDetail[]>([]);
  useEffect(() => {
    let live = true;
    void Promise.all(ids.map((id) => api.get<ItemDetail>(`/api/catalog/items/${id}`).catch(() => null))).then((rows) => {
      if (live) setDetails(rows.filter((r): r is ItemDetail => !!r));
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return details;
}

function ThemeEditor({ theme, onClose, onSaved }: { theme: ThemeAdminView | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const impls = useQuery<ImplementationList>('/api/catalog/admin/implementations');
  const members = (Form.useWatch('members', form) ?? []) as Values['members'];
  const memberCodes = members.map((m) => m?.item).filter((c): c is string => !!c);
  const byCode = useMemo(() => new Map((impls.data?.items ?? []).map((i) => [i.code, i])), [impls.data]);
  const details = useMemberDetails(memberCodes.map((c) => byCode.get(c)?.id).filter((x): x is string => !!x));
  const { lang } = useI18n();
  const itemName = (code: string) => pick(lang, byCode.get(code)?.name) || code;
  const fieldOptions = details.map((d) => ({ label: d.name, options: d.form.fields.map((f) => ({ value: `${d.code}/${f.name}`, label: `${f.label}（${f.name}）` })) }));
  const materialOptions = details.map((d) => ({ label: d.name, options: d.materials.map((m) => ({ value: `${d.code}/${m.code}`, label: `${m.name}（${m.code}）` })) }));
  const topicOptions = [
    { label: t('nav2.lifeEvents'), options: LIFE_EVENTS.map((e) => ({ value: `lifeEvent.${e}`, label: hasKey(`lifeEvent.${e}`) ? t(`lifeEvent.${e}` as 'lifeEvent.birth') : e })) },
    { label: t('nav2.enterpriseStages'), options: STAGES.map((s) => ({ value: `enterpriseStage.${s}`, label: hasKey(`enterpriseStage.${s}`) ? t(`enterpriseStage.${s}` as 'enterpriseStage.start') : s })) },
  ];
  const itemOptions = (impls.data?.items ?? []).filter((i) => i.published).map((i) => ({ value: i.code, label: `${pick(lang, i.name)} · ${i.department.name}（${i.code}）` }));

  useEffect(() => {
    form.setFieldsValue(theme ? toValues(theme) : blank());
  }, [theme, form]);

  const save = async () => {
    setError(null);
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      if (theme) await api.put(`/api/catalog/admin/themes/${theme.id}`, toInput(v));
      else await api.post('/api/catalog/admin/themes', toInput(v));
      message.success(t('themes.admin.saved'));
      onSaved();
    } catch (e) {
      setError(errorMessage(e, t));
      if (e instanceof ApiError) applyFieldErrors(form, e, (p) => p.filter((s) => s !== 'body').slice(0, 2) as (string | number)[]);
    } finally {
      setSaving(false);
    }
  };

  const req = [{ required: true, message: t('staff.required') }];
  return (
    <Drawer
      open
      size="large"
      width={900}
      title={theme ? t('themes.admin.edit') : t('themes.admin.new')}
      onClose={onClose}
      extra={
        <Space>
          <Button onClick={onClose}>{t('themes.admin.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => void save()} data-testid="theme-save">
            {t('themes.admin.save')}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="theme-error" />}
      {theme && theme.issues.length === 0 && <Alert type="success" showIcon title={t('themes.admin.noIssues')} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" data-testid="theme-form">
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="code" label={t('themes.admin.code')} rules={req}>
              <Input data-testid="theme-code" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name={['name', 'zh']} label={t('themes.admin.nameZh')} rules={req}>
              <Input data-testid="theme-name-zh" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name={['name', 'en']} label={t('themes.admin.nameEn')} rules={req}>
              <Input data-testid="theme-name-en" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name={['description', 'zh']} label={t('themes.admin.descriptionZh')} rules={req}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name={['description', 'en']} label={t('themes.admin.descriptionEn')} rules={req}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="audience" label={t('themes.admin.audience')}>
              <Radio.Group
                options={[
                  { value: 'entity', label: t('themes.forEntities') },
                  { value: 'person', label: t('themes.forPersons') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="topics" label={t('themes.admin.topics')}>
              <Select mode="multiple" options={topicOptions} />
            </Form.Item>
          </Col>
        </Row>

        <Typography.Title level={5}>{t('themes.admin.members')}</Typography.Title>
        <Form.List name="members">
          {(rows, { add, remove }) => (
            <>
              {rows.map((row) => (
                <Row gutter={8} key={row.key} align="top" data-testid="theme-member-row">
                  <Col span={13}>
                    <Form.Item name={[row.name, 'item']} rules={req}>
                      <Select showSearch optionFilterProp="label" options={itemOptions} placeholder={t('themes.admin.memberItem')} loading={impls.loading} />
                    </Form.Item>
                  </Col>
                  <Col span={10}>
                    <Form.Item name={[row.name, 'after']}>
                      <Select
                        mode="multiple"
                        placeholder={t('themes.admin.memberAfter')}
                        options={memberCodes.filter((c) => c !== members[row.name]?.item).map((c) => ({ value: c, label: itemName(c) }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col span={1}>
                    <MinusCircleOutlined onClick={() => remove(row.name)} aria-label={t('themes.admin.remove')} style={{ marginTop: 8 }} />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ item: '', after: [] })} block style={{ marginBottom: 16 }}>
                {t('themes.admin.addMember')}
              </Button>
            </>
          )}
        </Form.List>

        <Typography.Title level={5}>{t('themes.admin.fields')}</Typography.Title>
        <Form.List name="fields">
          {(rows, { add, remove }) => (
            <>
              {rows.map((row) => (
                <Row gutter={8} key={row.key} align="top">
                  <Col span={4}>
                    <Form.Item name={[row.name, 'name']} rules={req}>
                      <Input placeholder={t('themes.admin.fieldName')} />
                    </Form.Item>
                  </Col>
                  <Col span={4}>
                    <Form.Item name={[row.name, 'label', 'zh']} rules={req}>
                      <Input placeholder={t('themes.admin.fieldLabelZh')} />
                    </Form.Item>
                  </Col>
                  <Col span={4}>
                    <Form.Item name={[row.name, 'label', 'en']} rules={req}>
                      <Input placeholder={t('themes.admin.fieldLabelEn')} />
                    </Form.Item>
                  </Col>
                  <Col span={11}>
                    <Form.Item name={[row.name, 'targets']} rules={req}>
                      <Select mode="multiple" placeholder={t('themes.admin.targets')} options={fieldOptions} />
                    </Form.Item>
                  </Col>
                  <Col span={1}>
                    <MinusCircleOutlined onClick={() => remove(row.name)} aria-label={t('themes.admin.remove')} style={{ marginTop: 8 }} />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', label: { zh: '', en: '' }, targets: [] })} block style={{ marginBottom: 16 }}>
                {t('themes.admin.addField')}
              </Button>
            </>
          )}
        </Form.List>

        <Typography.Title level={5}>{t('themes.admin.materials')}</Typography.Title>
        <Form.List name="materials">
          {(rows, { add, remove }) => (
            <>
              {rows.map((row) => (
                <Row gutter={8} key={row.key} align="top">
                  <Col span={4}>
                    <Form.Item name={[row.name, 'code']} rules={req}>
                      <Input placeholder={t('themes.admin.materialCode')} />
                    </Form.Item>
                  </Col>
                  <Col span={4}>
                    <Form.Item name={[row.name, 'name', 'zh']} rules={req}>
                      <Input placeholder={t('themes.admin.nameZh')} />
                    </Form.Item>
                  </Col>
                  <Col span={4}>
                    <Form.Item name={[row.name, 'name', 'en']} rules={req}>
                      <Input placeholder={t('themes.admin.nameEn')} />
                    </Form.Item>
                  </Col>
                  <Col span={11}>
                    <Form.Item name={[row.name, 'targets']} rules={req}>
                      <Select mode="multiple" placeholder={t('themes.admin.materialTargets')} options={materialOptions} />
                    </Form.Item>
                  </Col>
                  <Col span={1}>
                    <MinusCircleOutlined onClick={() => remove(row.name)} aria-label={t('themes.admin.remove')} style={{ marginTop: 8 }} />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ code: '', name: { zh: '', en: '' }, targets: [] })} block>
                {t('themes.admin.addMaterial')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
