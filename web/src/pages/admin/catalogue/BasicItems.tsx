import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Drawer, Empty, Form, Input, InputNumber, Result, Row, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { EditOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { api } from '../../../api';
import { applyFieldErrors, errorMessage, useQuery } from '../../../hooks';
import { itemTypeLabel, useI18n } from '../../../i18n';
import { QueryView } from '../../../components/QueryView';
import { formatDateTime } from '../../../format';
import type { BasicItemList } from '../../../types';
import { FormDesigner } from '../../../components/forms/FormDesigner';
import { CatalogueShell, FeeList, MaterialFileRules, pick, useCatalogueRights } from './shared';

type Basic = BasicItemList['items'][number];
type Baseline = Basic['baseline'];
type Values = Omit<Baseline, 'form'> & { code: string; fields: Baseline['form']['fields'] };

const ITEM_TYPES = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '20', '99'];

const LT = { zh: '', en: '' };

const empty = (): Values => ({
  code: '',
  itemType: '20',
  name: { ...LT },
  guide: {
    legalBasis: [{ ...LT }],
    audience: { ...LT },
    conditions: [],
    process: [{ ...LT }],
    caseKind: 'promised',
    place: { ...LT },
    hours: { ...LT },
    contactPhone: '',
    complaintPhone: '12345',
    visits: 0,
    fees: [],
    result: { ...LT },
  },
  materials: [],
  fields: [],
  legalLimitDays: 20,
  promisedLimitDays: 10,
  onlineDepth: [1, 2, 3, 4],
  licenceTypeCode: null,
  minLevel: 2,
  applicantKinds: ['person'],
  topics: {},
});

/** 基本目录: the node's basic items, their baselines and how many implementations inherit each (node catalogue admins). */
export default function BasicItems() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { nodeWide } = useCatalogueRights();
  const list = useQuery<BasicItemList>(nodeWide ? '/api/catalog/admin/basic-items' : null);
  const [editing, setEditing] = useState<Basic | 'new' | null>(null);
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [q, setQ] = useState('');
  // The form's fields are the designer's (it owns its own preview form), not the baseline form's.
  const [fields, setFields] = useState<Values['fields']>([]);

  if (!nodeWide) {
    return (
      <CatalogueShell title={t('ca.basic.title')}>
        <Result status="403" title="403" subTitle={t('ca.basic.forbidden')} />
      </CatalogueShell>
    );
  }

  const open = (b: Basic | 'new') => {
    setError(null);
    form.resetFields();
    if (b === 'new') {
      form.setFieldsValue(empty());
      setFields([]);
    } else {
      const { form: f, ...rest } = b.baseline;
      form.setFieldsValue({ ...rest, code: b.code } as Values);
      setFields(f.fields);
    }
    setEditing(b);
  };

  const save = async () => {
    let v: Values;
    try {
      await form.validateFields();
      // Everything the form holds, also the parts it does not edit (topics, fields' conditions): nothing is dropped.
      v = { ...(form.getFieldsValue(true) as Values), fields };
    } catch {
      setError(t('ca.basic.checkFields'));
      return;
    }
    setBusy(true);
    setError(null);
    const { code, ...content } = v;
    try {
      if (editing === 'new') await api.post('/api/catalog/admin/basic-items', { code: code.trim().toUpperCase(), content });
      else if (editing) await api.put(`/api/catalog/admin/basic-items/${editing.id}`, { content });
      message.success(t('ca.basic.saved'));
      setEditing(null);
      list.reload();
    } catch (e) {
      applyFieldErrors(form, e, (p) => {
        const segs = p.filter((s) => s !== 'body' && s !== 'content');
        if (segs[0] === 'form' && segs[1] === 'fields') return ['fields', ...segs.slice(2)];
        return segs.length ? segs : null;
      });
      setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };

  const req = [{ required: true, whitespace: true, message: t('ca.required') }];
  const bi = (name: (string | number)[], label: ReactNode, area = false, testId?: string) => (
    <Form.Item label={label} required style={{ marginBottom: 8 }}>
      <Row gutter={8}>
        {(['zh', 'en'] as const).map((l) => (
          <Col xs={24} md={12} key={l}>
            <Form.Item name={[...name, l]} rules={req} style={{ marginBottom: 8 }}>
              {area ? <Input.TextArea autoSize placeholder={t(`ca.path.${l}`)} /> : <Input placeholder={t(`ca.path.${l}`)} data-testid={testId ? `${testId}-${l}` : undefined} />}
            </Form.Item>
          </Col>
        ))}
      </Row>
    </Form.Item>
  );
  const textList = (name: string[], label: string, min: number) => (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <Form.Item label={label} required={min > 0} style={{ marginBottom: 8 }}>
          {fields.map((f) => (
            <Row key={f.key} gutter={8}>
              {(['zh', 'en'] as const).map((l) => (
                <Col xs={11} key={l}>
                  <Form.Item name={[f.name, l]} rules={req} style={{ marginBottom: 8 }}>
                    <Input.TextArea autoSize placeholder={t(`ca.path.${l}`)} />
                  </Form.Item>
                </Col>
              ))}
              <Col xs={2}>{fields.length > min && <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={t('ca.remove')} />}</Col>
            </Row>
          ))}
          <Button size="small" icon={<PlusOutlined />} onClick={() => add({ ...LT })}>
            {t('ca.add')}
          </Button>
        </Form.Item>
      )}
    </Form.List>
  );

  const basics = (
    <>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="code" label={t('ca.basic.code')} extra={t('ca.basic.codeHelp')} rules={req}>
            <Input maxLength={12} disabled={editing !== 'new'} data-testid="basic-code" />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item name="itemType" label={t('item.itemType')} rules={req}>
            <Select options={ITEM_TYPES.map((c) => ({ value: c, label: `${c} ${itemTypeLabel(t, c, '')}` }))} />
          </Form.Item>
        </Col>
      </Row>
      {bi(['name'], t('ca.path.name'), false, 'basic-name')}
      <Row gutter={16}>
        <Col xs={12} md={6}>
          <Form.Item name="legalLimitDays" label={t('item.legalLimit')} rules={[{ required: true, message: t('ca.required') }]}>
            <InputNumber min={0} max={3650} addonAfter={t('ca.unit.days')} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="promisedLimitDays" label={t('item.promisedLimit')} rules={[{ required: true, message: t('ca.required') }]}>
            <InputNumber min={0} max={3650} addonAfter={t('ca.unit.days')} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="minLevel" label={t('item.minLevel')}>
            <Select options={[1, 2, 3].map((n) => ({ value: n, label: t('item.minLevelValue', { n }) }))} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="applicantKinds" label={t('ca.path.applicantKinds')} rules={[{ required: true, message: t('ca.required') }]}>
            <Checkbox.Group options={(['person', 'entity'] as const).map((k) => ({ value: k, label: t(`ca.applicant.${k}`) }))} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="onlineDepth" label={t('item.onlineDepth')}>
        <Checkbox.Group options={([1, 2, 3, 4, 5, 6, 7] as const).map((n) => ({ value: n, label: t(`depth.${n}`) }))} />
      </Form.Item>
      <Form.Item name="licenceTypeCode" label={t('ca.basic.licenceType')} extra={t('ca.basic.licenceTypeHelp')} normalize={(v: string) => (v?.trim() ? v.trim() : null)}>
        <Input />
      </Form.Item>
    </>
  );

  const guide = (
    <>
      {textList(['guide', 'legalBasis'], t('item.legalBasis'), 1)}
      {bi(['guide', 'audience'], t('item.audience'), true)}
      {textList(['guide', 'conditions'], t('item.conditions'), 0)}
      {textList(['guide', 'process'], t('item.process'), 1)}
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name={['guide', 'caseKind']} label={t('item.caseKind')}>
            <Select options={(['promised', 'immediate'] as const).map((k) => ({ value: k, label: t(`ca.caseKind.${k}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={['guide', 'visits']} label={t('item.visits')}>
            <InputNumber min={0} max={10} addonAfter={t('ca.unit.times')} />
          </Form.Item>
        </Col>
      </Row>
      {bi(['guide', 'place'], t('item.place'))}
      {bi(['guide', 'hours'], t('item.hours'))}
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name={['guide', 'contactPhone']} label={t('item.contactPhone')} rules={req}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={['guide', 'complaintPhone']} label={t('item.complaintPhone')} rules={req}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t('item.fees')}>
        <FeeList />
      </Form.Item>
      {bi(['guide', 'result'], t('item.result'), true)}
    </>
  );

  const materials = (
    <Form.List name="materials">
      {(fields, { add, remove }) => (
        <>
          {fields.length === 0 && <Empty description={t('ca.basic.noMaterials')} />}
          {fields.map((f) => (
            <Card key={f.key} size="small" style={{ marginBottom: 12 }} extra={<Button type="text" danger icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={t('ca.remove')} />}>
              <Row gutter={8}>
                <Col xs={8} md={4}>
                  <Form.Item name={[f.name, 'code']} label={t('ca.col.code')} rules={req}>
                    <Input maxLength={16} />
                  </Form.Item>
                </Col>
                <Col xs={16} md={8}>
                  <Form.Item name={[f.name, 'name', 'zh']} label={t('ca.basic.materialNameZh')} rules={req}>
                    <Input />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name={[f.name, 'name', 'en']} label={t('ca.basic.materialNameEn')} rules={req}>
                    <Input />
                  </Form.Item>
                </Col>
                <Col xs={24} md={4}>
                  <Form.Item name={[f.name, 'required']} label={t('item.materialRequired')} valuePropName="checked">
                    <Switch />
                  </Form.Item>
                </Col>
              </Row>
              {bi([f.name, 'description'], t('item.materialDesc'), true)}
              <MaterialFileRules name={[f.name]} formatLabel={t('item.materialFormat')} sizeLabel={t('item.materialMaxSize')} />
            </Card>
          ))}
          <Button icon={<PlusOutlined />} onClick={() => add({ code: `M${String(fields.length + 1).padStart(2, '0')}`, name: { ...LT }, required: true, description: { ...LT }, accept: ['pdf'], maxBytes: 5 * 1024 * 1024 })}>
            {t('ca.basic.addMaterial')}
          </Button>
        </>
      )}
    </Form.List>
  );

  const formFields = <FormDesigner value={{ fields }} onChange={(d) => setFields(d.fields)} />;

  const needle = q.trim().toLowerCase();
  return (
    <CatalogueShell
      title={t('ca.basic.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="basic-new">
          {t('ca.basic.new')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('ca.basic.intro')}</Typography.Paragraph>
      <QueryView q={list}>
        {(d) => (
          <>
            <Input.Search allowClear placeholder={t('ca.filter.search')} style={{ width: 280, marginBottom: 12 }} value={q} onChange={(e) => setQ(e.target.value)} />
            <Table<Basic>
              rowKey="id"
              size="middle"
              dataSource={d.items.filter((b) => !needle || b.code.toLowerCase().includes(needle) || b.name.zh.includes(needle) || b.name.en.toLowerCase().includes(needle))}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              data-testid="basic-table"
              onRow={(b) => ({ 'data-testid': 'basic-row', 'data-code': b.code }) as never}
              locale={{ emptyText: <Result status="info" title={t('ca.basic.none')} /> }}
              columns={[
                { title: t('ca.basic.code'), dataIndex: 'code', width: 140 },
                { title: t('ca.col.name'), render: (_, b) => pick(lang, b.name) },
                { title: t('item.itemType'), render: (_, b) => itemTypeLabel(t, b.itemType, '') },
                { title: t('item.promisedLimit'), render: (_, b) => t('common.days', { n: b.baseline.promisedLimitDays }) },
                { title: t('ca.basic.inheritedBy'), width: 120, render: (_, b) => <Tag color={b.implementations ? 'blue' : 'default'}>{t('ca.basic.implCount', { n: b.implementations })}</Tag> },
                { title: t('ca.basic.updated'), render: (_, b) => formatDateTime(b.updatedAt, lang) },
                {
                  title: t('ca.col.actions'),
                  width: 100,
                  render: (_, b) => (
                    <Button size="small" icon={<EditOutlined />} onClick={() => open(b)} data-testid="basic-edit">
                      {t('ca.basic.edit')}
                    </Button>
                  ),
                },
              ]}
            />
          </>
        )}
      </QueryView>
      <Drawer
        open={editing !== null}
        onClose={() => setEditing(null)}
        size={960}
        title={editing === 'new' ? t('ca.basic.new') : editing ? t('ca.basic.editTitle', { code: editing.code }) : ''}
        destroyOnHidden
        extra={
          <Space>
            <Button onClick={() => setEditing(null)}>{t('common.cancel')}</Button>
            <Button type="primary" loading={busy} onClick={() => void save()} data-testid="basic-save">
              {t('ca.basic.save')}
            </Button>
          </Space>
        }
      >
        {editing !== null && editing !== 'new' && editing.implementations > 0 && (
          <Alert type="info" showIcon title={t('ca.basic.editNote', { n: editing.implementations })} style={{ marginBottom: 16 }} />
        )}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="basic-error" />}
        <Form form={form} layout="vertical" component={false}>
          <Tabs
            items={[
              { key: 'basic', label: t('ca.basic.sec.basic'), children: basics, forceRender: true },
              { key: 'guide', label: t('ca.basic.sec.guide'), children: guide, forceRender: true },
              { key: 'materials', label: t('item.materials'), children: materials, forceRender: true },
              { key: 'fields', label: t('ca.tab.form'), children: formFields, forceRender: true },
            ]}
          />
        </Form>
      </Drawer>
    </CatalogueShell>
  );
}
