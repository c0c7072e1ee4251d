import { useEffect, useMemo, useState } from 'react';
import { Alert, App, AutoComplete, Button, Card, Col, Descriptions, Empty, Form, Input, Modal, Popconfirm, Result, Row, Select, Space, Table, Tag, Tree, TreeSelect, Typography } from 'antd';
import type { FormInstance } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { ApartmentOutlined, EditOutlined, PlusOutlined, SafetyCertificateOutlined, UserAddOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { applyFieldErrors, errorMessage, pathMatcher, useQuery } from '../../hooks';
import { useI18n } from '../../i18n';
import { QueryView } from '../../components/QueryView';
import { formatDateTime } from '../../format';
import type { AdminDepartment, DepartmentAdminList, DepartmentResponse, RegionList, Role, StaffGrant, StaffList, StaffMember, StaffResponse } from '../../types';

/** regionName / regionFullName: the GB/T 2260 division's names from the server (null: no longer a current division). */
type DepartmentList = DepartmentAdminList;
type Grant = StaffGrant;

type TreeOption = { value: string; title: string; children: TreeOption[] };
type DeptForm = { code: string; nameZh: string; nameEn: string; creditCode: string; regionCode: string };
type StaffForm = { name: string; username: string; phone: string; password: string };
type GrantForm = { role: Role; departmentId: string };

/** Builds the tree of the departments the viewer administers: a unit whose parent is not visible is a root. */
function buildTree<T>(items: AdminDepartment[], node: (d: AdminDepartment, children: T[]) => T): T[] {
  const ids = new Set(items.map((d) => d.id));
  const children = (parentId: string | null): T[] =>
    items.filter((d) => (parentId === null ? d.parentId === null || !ids.has(d.parentId) : d.parentId === parentId)).map((d) => node(d, children(d.id)));
  return children(null);
}

/** Departments, staff accounts and role grants: for platform admins (everywhere) and department admins (their branch). */
export default function Staff() {
  const { t, lang } = useI18n();
  const { message, modal } = App.useApp();
  const { user } = useAuth();
  const depts = useQuery<DepartmentList>('/api/admin/departments');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const staff = useQuery<StaffList>(selectedId ? `/api/admin/departments/${selectedId}/staff` : null);
  const [deptModal, setDeptModal] = useState<'create' | 'rename' | null>(null);
  const [staffModal, setStaffModal] = useState(false);
  const [grantFor, setGrantFor] = useState<StaffMember | null>(null);
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [deptForm] = Form.useForm<DeptForm>();
  const [staffForm] = Form.useForm<StaffForm>();
  const [grantForm] = Form.useForm<GrantForm>();
  // The current divisions a new unit may take (inside the parent's, or the node's for a root): suggestions while typing.
  const regions = useQuery<RegionList>(deptModal === 'create' ? `/api/admin/regions${selectedId ? `?within=${depts.data?.items.find((d) => d.id === selectedId)?.regionCode ?? ''}` : ''}` : null);
  const typedRegion = Form.useWatch('regionCode', deptForm);

  const items = useMemo(() => depts.data?.items ?? [], [depts.data]);
  const nameOf = (d: AdminDepartment) => (lang === 'en' ? d.name.en : d.name.zh);
  const selected = items.find((d) => d.id === selectedId) ?? null;

  // Open on the first unit the viewer administers.
  useEffect(() => {
    if (!selectedId && items.length) setSelectedId(buildTree<string>(items, (d) => d.id)[0] ?? null);
  }, [items, selectedId]);

  const treeData = useMemo(
    () =>
      buildTree<DataNode>(items, (d, children) => ({
        key: d.id,
        title: (
          <span data-testid={`dept-node-${d.code}`}>
            {lang === 'en' ? d.name.en : d.name.zh}{' '}
            <Typography.Text type="secondary" data-testid={`dept-region-${d.code}`}>
              {d.regionCode} {d.regionName ?? ''}
            </Typography.Text>
          </span>
        ),
        children,
      })),
    [items, lang],
  );
  const treeSelectData = useMemo(
    () => buildTree<TreeOption>(items, (d, children) => ({ value: d.id, title: lang === 'en' ? d.name.en : d.name.zh, children })),
    [items, lang],
  );

  const isAdmin = user?.roles.includes('platform_admin') || user?.roles.includes('admin');
  if (user && !isAdmin) return <Result status="403" title="403" subTitle={t('staff.forbidden')} />;

  const run = async (fn: () => Promise<void>, form: FormInstance<any> | null, fields: string[] = []) => {
    setSaving(true);
    setFormError(null);
    try {
      await fn();
    } catch (e) {
      const mapped = form ? applyFieldErrors(form, e, (path) => (path[0] === 'name' && path.length > 1 ? [path[1] === 'en' ? 'nameEn' : 'nameZh'] : pathMatcher(fields)(path))) : false;
      if (!mapped) setFormError(errorMessage(e, t));
    } finally {
      setSaving(false);
    }
  };

  const openDeptModal = (mode: 'create' | 'rename') => {
    setFormError(null);
    setDeptModal(mode);
    if (mode === 'rename' && selected) deptForm.setFieldsValue({ nameZh: selected.name.zh, nameEn: selected.name.en });
  };

  const submitDept = (v: DeptForm) =>
    run(async () => {
      if (deptModal === 'rename' && selected) {
        await api.put(`/api/admin/departments/${selected.id}`, { name: { zh: v.nameZh, en: v.nameEn } });
        message.success(t('staff.dept.renamed'));
      } else {
        const res = await api.post<DepartmentResponse>('/api/admin/departments', {
          parentId: selected?.id ?? null,
          code: v.code,
          name: { zh: v.nameZh, en: v.nameEn },
          creditCode: v.creditCode,
          regionCode: v.regionCode,
        });
        message.success(t('staff.dept.created'));
        setSelectedId(res.department.id);
      }
      setDeptModal(null);
      depts.reload();
    }, deptForm, ['code', 'creditCode', 'regionCode']);

  const submitStaff = (v: StaffForm) =>
    run(async () => {
      const res = await api.post<StaffResponse>('/api/admin/staff', { ...v, departmentId: selectedId });
      setStaffModal(false);
      message.success(t('staff.member.created', { name: res.staff.name }));
      staff.reload();
      openGrant(res.staff);
    }, staffForm, ['name', 'username', 'phone', 'password']);

  const openGrant = (m: StaffMember) => {
    setFormError(null);
    setGrantFor(m);
    grantForm.setFieldsValue({ role: depts.data?.grantableRoles[0], departmentId: m.departmentId });
  };

  const submitGrant = (v: GrantForm) =>
    run(async () => {
      await api.post(`/api/admin/staff/${grantFor!.id}/roles`, v);
      message.success(t('staff.grant.done', { role: t(`role.${v.role}`), name: grantFor!.name }));
      setGrantFor(null);
      staff.reload();
    }, grantForm, ['role', 'departmentId']);

  const confirmRevoke = (m: StaffMember, g: Grant) =>
    modal.confirm({
      title: t('staff.revoke.title'),
      content: t('staff.revoke.confirm', { role: t(`role.${g.role}`), department: g.departmentName, name: m.name }),
      okText: t('staff.revoke.ok'),
      okButtonProps: { danger: true, 'data-testid': 'revoke-confirm' } as never,
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await api.del(`/api/admin/staff/${m.id}/roles/${g.role}/${g.departmentId}`);
          message.success(t('staff.revoke.done'));
          staff.reload();
        } catch (e) {
          message.error(errorMessage(e, t));
        }
      },
    });

  const setActive = async (m: StaffMember, active: boolean) => {
    try {
      await api.post(`/api/admin/staff/${m.id}/${active ? 'reactivate' : 'deactivate'}`);
      message.success(t(active ? 'staff.member.reactivated' : 'staff.member.deactivated'));
      staff.reload();
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  };

  const mayCreate = depts.data?.mayCreateDepartments ?? false;

  /** Under the region field: the chosen division's full name, or the parent's division it must lie in. */
  const regionHint = (code: unknown) => {
    const hit = typeof code === 'string' ? regions.data?.items.find((r) => r.code === code.trim()) : undefined;
    if (hit) return t('staff.dept.regionIs', { name: hit.fullName });
    const outer = regions.data?.items[0];
    return outer ? t('staff.dept.regionHelp', { region: `${outer.code} ${outer.fullName}` }) : null;
  };

  return (
    <div className="yw-page">
      <Typography.Title level={3} style={{ marginBottom: 4 }}>
        {t('staff.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t(mayCreate ? 'staff.intro.platform' : 'staff.intro.department')}</Typography.Paragraph>
      <QueryView q={depts}>
        {() => (
          <Row gutter={[16, 16]}>
            <Col xs={24} md={8}>
              <Card
                title={
                  <Space>
                    <ApartmentOutlined />
                    {t('staff.tree')}
                  </Space>
                }
                extra={
                  mayCreate && (
                    <Button size="small" icon={<PlusOutlined />} onClick={() => openDeptModal('create')} data-testid="dept-new">
                      {selected ? t('staff.dept.newUnder') : t('staff.dept.new')}
                    </Button>
                  )
                }
              >
                <Tree
                  data-testid="dept-tree"
                  showLine
                  defaultExpandAll
                  blockNode
                  treeData={treeData}
                  selectedKeys={selectedId ? [selectedId] : []}
                  onSelect={(keys) => keys[0] && setSelectedId(String(keys[0]))}
                />
              </Card>
            </Col>
            <Col xs={24} md={16}>
              {selected ? (
                <Card
                  title={<span data-testid="dept-title">{nameOf(selected)}</span>}
                  extra={
                    <Space>
                      {mayCreate && (
                        <Button size="small" icon={<EditOutlined />} onClick={() => openDeptModal('rename')} data-testid="dept-rename">
                          {t('staff.dept.rename')}
                        </Button>
                      )}
                      <Button type="primary" size="small" icon={<UserAddOutlined />} onClick={() => (setFormError(null), setStaffModal(true))} data-testid="staff-new">
                        {t('staff.member.new')}
                      </Button>
                    </Space>
                  }
                >
                  <Descriptions size="small" column={{ xs: 1, sm: 3 }} style={{ marginBottom: 16 }}>
                    <Descriptions.Item label={t('staff.dept.code')}>{selected.code}</Descriptions.Item>
                    <Descriptions.Item label={t('staff.dept.region')}>
                      <span data-testid="dept-region-name">
                        {selected.regionCode} {selected.regionFullName ?? t('staff.dept.regionNotCurrent')}
                      </span>
                    </Descriptions.Item>
                    <Descriptions.Item label={t('staff.dept.creditCode')}>{selected.creditCode}</Descriptions.Item>
                  </Descriptions>
                  <QueryView q={staff}>
                    {(d) => (
                      <Table<StaffMember>
                        rowKey="id"
                        size="middle"
                        dataSource={d.items}
                        pagination={false}
                        scroll={{ x: 760 }}
                        data-testid="staff-table"
                        locale={{ emptyText: <Empty description={t('staff.member.none')} /> }}
                        onRow={(m) => ({ 'data-testid': 'staff-row', 'data-username': m.username }) as never}
                        columns={[
                          {
                            title: t('staff.col.name'),
                            render: (_, m) => (
                              <Space direction="vertical" size={0}>
                                <Typography.Text strong>{m.name}</Typography.Text>
                                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                                  {m.username}
                                </Typography.Text>
                              </Space>
                            ),
                          },
                          { title: t('staff.col.phone'), render: (_, m) => m.maskedPhone ?? t('common.none') },
                          {
                            title: t('staff.col.roles'),
                            render: (_, m) =>
                              m.roles.length === 0 ? (
                                <Typography.Text type="secondary">{t('staff.member.noRoles')}</Typography.Text>
                              ) : (
                                <Space size={[0, 4]} wrap>
                                  {m.roles.map((g) => (
                                    <Tag
                                      key={`${g.role}:${g.departmentId}`}
                                      color={g.role === 'platform_admin' || g.role === 'admin' ? 'gold' : 'blue'}
                                      closable={(depts.data?.grantableRoles ?? []).includes(g.role)}
                                      onClose={(e) => {
                                        e.preventDefault();
                                        confirmRevoke(m, g);
                                      }}
                                      title={t('staff.grant.by', { by: g.grantedBy ?? t('staff.grant.bySetup'), at: formatDateTime(g.grantedAt, lang) })}
                                      data-testid={`role-tag-${g.role}`}
                                    >
                                      {t(`role.${g.role}`)}
                                      {g.departmentId !== m.departmentId && ` · ${g.departmentName}`}
                                    </Tag>
                                  ))}
                                </Space>
                              ),
                          },
                          {
                            title: t('staff.col.status'),
                            render: (_, m) => (m.active ? <Tag color="green">{t('staff.member.active')}</Tag> : <Tag>{t('staff.member.inactive')}</Tag>),
                          },
                          {
                            title: t('staff.col.actions'),
                            render: (_, m) => (
                              <Space>
                                {m.active && (
                                  <Button size="small" icon={<SafetyCertificateOutlined />} onClick={() => openGrant(m)} data-testid="grant-open">
                                    {t('staff.grant.open')}
                                  </Button>
                                )}
                                {m.manageable &&
                                  (m.active ? (
                                    <Popconfirm title={t('staff.member.deactivateConfirm', { name: m.name })} onConfirm={() => void setActive(m, false)} okText={t('common.ok')} cancelText={t('common.cancel')}>
                                      <Button size="small" danger data-testid="staff-deactivate">
                                        {t('staff.member.deactivate')}
                                      </Button>
                                    </Popconfirm>
                                  ) : (
                                    <Button size="small" onClick={() => void setActive(m, true)} data-testid="staff-reactivate">
                                      {t('staff.member.reactivate')}
                                    </Button>
                                  ))}
                              </Space>
                            ),
                          },
                        ]}
                      />
                    )}
                  </QueryView>
                </Card>
              ) : (
                <Card>
                  <Empty description={t('staff.pickDepartment')} />
                </Card>
              )}
            </Col>
          </Row>
        )}
      </QueryView>

      <Modal
        open={deptModal !== null}
        title={deptModal === 'rename' ? t('staff.dept.rename') : selected ? t('staff.dept.newUnderTitle', { parent: nameOf(selected) }) : t('staff.dept.new')}
        onCancel={() => setDeptModal(null)}
        onOk={() => deptForm.submit()}
        okText={t('staff.save')}
        okButtonProps={{ 'data-testid': 'dept-submit' } as never}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        destroyOnHidden
      >
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
        <Form form={deptForm} layout="vertical" onFinish={(v) => void submitDept(v)} preserve={false}>
          <Form.Item name="nameZh" label={t('staff.dept.nameZh')} rules={[{ required: true, message: t('staff.required') }]}>
            <Input data-testid="dept-name-zh" />
          </Form.Item>
          <Form.Item name="nameEn" label={t('staff.dept.nameEn')} rules={[{ required: true, message: t('staff.required') }]}>
            <Input data-testid="dept-name-en" />
          </Form.Item>
          {deptModal === 'create' && (
            <>
              <Form.Item name="code" label={t('staff.dept.code')} extra={t('staff.dept.codeHelp')} rules={[{ required: true, message: t('staff.required') }]}>
                <Input data-testid="dept-code" />
              </Form.Item>
              <Form.Item
                name="regionCode"
                label={t('staff.dept.region')}
                extra={
                  <span data-testid="dept-region-hint">
                    {regionHint(typedRegion)}
                  </span>
                }
                rules={[{ required: true, message: t('staff.required') }]}
              >
                <AutoComplete
                  options={(regions.data?.items ?? []).map((r) => ({ value: r.code, label: `${r.code} ${r.name}` }))}
                  filterOption={(input, o) => !!o && (String(o.value).startsWith(input.trim()) || String(o.label).includes(input.trim()))}
                >
                  <Input maxLength={6} inputMode="numeric" data-testid="dept-region" />
                </AutoComplete>
              </Form.Item>
              <Form.Item name="creditCode" label={t('staff.dept.creditCode')} rules={[{ required: true, message: t('staff.required') }]}>
                <Input maxLength={18} data-testid="dept-credit-code" />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>

      <Modal
        open={staffModal}
        title={selected ? t('staff.member.newIn', { department: nameOf(selected) }) : t('staff.member.new')}
        onCancel={() => setStaffModal(false)}
        onOk={() => staffForm.submit()}
        okText={t('staff.member.create')}
        okButtonProps={{ 'data-testid': 'staff-submit' } as never}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        destroyOnHidden
      >
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
        <Form form={staffForm} layout="vertical" onFinish={(v) => void submitStaff(v)} preserve={false}>
          <Form.Item name="name" label={t('staff.col.name')} rules={[{ required: true, message: t('staff.required') }]}>
            <Input data-testid="staff-name" />
          </Form.Item>
          <Form.Item name="username" label={t('staff.member.username')} extra={t('staff.member.usernameHelp')} rules={[{ required: true, message: t('staff.required') }]}>
            <Input autoComplete="off" data-testid="staff-username" />
          </Form.Item>
          <Form.Item name="phone" label={t('staff.member.phone')} extra={t('staff.member.phoneHelp')} rules={[{ required: true, message: t('staff.required') }]}>
            <Input maxLength={11} data-testid="staff-phone" />
          </Form.Item>
          <Form.Item name="password" label={t('staff.member.password')} extra={t('staff.member.passwordHelp')} rules={[{ required: true, message: t('staff.required') }]}>
            <Input.Password autoComplete="new-password" data-testid="staff-password" />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={grantFor !== null}
        title={t('staff.grant.title', { name: grantFor?.name ?? '' })}
        onCancel={() => setGrantFor(null)}
        onOk={() => grantForm.submit()}
        okText={t('staff.grant.ok')}
        okButtonProps={{ 'data-testid': 'grant-submit' } as never}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        destroyOnHidden
      >
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
        <Typography.Paragraph type="secondary">{t('staff.grant.intro')}</Typography.Paragraph>
        <Form form={grantForm} layout="vertical" onFinish={(v) => void submitGrant(v)}>
          <Form.Item name="role" label={t('staff.grant.role')} rules={[{ required: true, message: t('staff.required') }]}>
            <Select data-testid="grant-role" options={(depts.data?.grantableRoles ?? []).map((r) => ({ value: r, label: t(`role.${r}`) }))} />
          </Form.Item>
          <Form.Item name="departmentId" label={t('staff.grant.department')} rules={[{ required: true, message: t('staff.required') }]}>
            <TreeSelect data-testid="grant-department" treeData={treeSelectData} treeDefaultExpandAll />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
