import { Button, Card, Col, Form, InputNumber, Row, Select, Space, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../../i18n';
import { useQuery } from '../../../hooks';
import type { CatalogDepartmentList } from '../../../types';
import { TextItem, type LT } from './editors';
import type { Content } from './parts';

type FlowStep = NonNullable<Content['flow']>[number];
type TaskValue = { department: string | null; name: LT; mode: 'single' | 'countersign'; count?: number };
/** A step as the editor holds it: one task, or a parallel group with its name. */
export type StepValue = { parallel: boolean; name?: LT; tasks: TaskValue[] };

/** The implementing department is `null` in the flow; the select needs a value for it. */
const OWN = '';
const blank = (): TaskValue => ({ department: OWN, name: { zh: '', en: '' }, mode: 'single' });

export function flowToValues(flow: Content['flow']): StepValue[] {
  return (flow ?? []).map((s) =>
    'task' in s
      ? { parallel: false, tasks: [{ ...s.task, department: s.task.department ?? OWN }] }
      : { parallel: true, name: s.parallel.name, tasks: s.parallel.tasks.map((x) => ({ ...x, department: x.department ?? OWN })) },
  );
}

export function valuesToFlow(steps: StepValue[] | undefined): FlowStep[] {
  const task = (x: TaskValue) => ({
    department: x.department ? x.department : null,
    role: 'approver' as const,
    name: x.name,
    mode: x.mode,
    ...(x.mode === 'countersign' ? { count: x.count ?? 2 } : {}),
  });
  return (steps ?? []).map((s) => (s.parallel ? { parallel: { name: s.name ?? { zh: '', en: '' }, tasks: (s.tasks ?? []).map(task) } } : { task: task((s.tasks ?? [blank()])[0]!) }));
}

/** The draft's approval flow (审批流程): steps in order, each one task or a parallel group (并联审批) of departments. */
export function FlowEditor({ label }: { label: React.ReactNode }) {
  const { t } = useI18n();
  const depts = useQuery<CatalogDepartmentList>('/api/catalog/departments');
  const deptOptions = [{ value: OWN, label: t('ca.flow.ownDepartment') }, ...(depts.data?.items ?? []).map((d) => ({ value: d.code, label: `${d.name}（${d.code}）` }))];
  const form = Form.useFormInstance();
  return (
    <Card size="small" title={label} style={{ marginBottom: 16 }} data-testid="edit-flow">
      <Typography.Paragraph type="secondary">{t('ca.flow.help')}</Typography.Paragraph>
      <Form.List name="flow">
        {(steps, { add, remove }) => (
          <>
            {steps.map((step) => (
              <Card key={step.key} size="small" type="inner" style={{ marginBottom: 12 }} data-testid="edit-flow-step"
                title={t('flow.step', { n: step.name + 1 })}
                extra={<Button icon={<DeleteOutlined />} size="small" onClick={() => remove(step.name)} data-testid="edit-flow-remove-step">{t('ca.flow.removeStep')}</Button>}>
                <Form.Item name={[step.name, 'parallel']} label={t('flow.parallel')} valuePropName="checked">
                  <Switch data-testid="edit-flow-parallel" />
                </Form.Item>
                <Form.Item noStyle shouldUpdate>
                  {() =>
                    form.getFieldValue(['flow', step.name, 'parallel']) ? <TextItem name={[step.name, 'name']} label={t('ca.flow.groupName')} required testId="edit-flow-group-name" /> : null
                  }
                </Form.Item>
                <Form.List name={[step.name, 'tasks']}>
                  {(tasks, ops) => (
                    <>
                      {tasks.map((task, i) => (
                        <Form.Item noStyle shouldUpdate key={task.key}>
                          {() => {
                            const parallel = !!form.getFieldValue(['flow', step.name, 'parallel']);
                            if (!parallel && i > 0) return null;
                            const mode = form.getFieldValue(['flow', step.name, 'tasks', task.name, 'mode']);
                            return (
                              <div className="yw-flow-edit-task" data-testid="edit-flow-task">
                                <Row gutter={12}>
                                  <Col xs={24} md={8}>
                                    <Form.Item name={[task.name, 'department']} label={t('ca.flow.department')}>
                                      <Select options={deptOptions} showSearch optionFilterProp="label" data-testid="edit-flow-department" />
                                    </Form.Item>
                                  </Col>
                                  <Col xs={12} md={5}>
                                    <Form.Item name={[task.name, 'mode']} label={t('ca.flow.mode')}>
                                      <Select options={(['single', 'countersign'] as const).map((m) => ({ value: m, label: t(`ca.flow.mode.${m}`) }))} data-testid="edit-flow-mode" />
                                    </Form.Item>
                                  </Col>
                                  <Col xs={12} md={5}>
                                    {mode === 'countersign' && (
                                      <Form.Item name={[task.name, 'count']} label={t('ca.flow.count')} initialValue={2}>
                                        <InputNumber min={2} max={20} data-testid="edit-flow-count" />
                                      </Form.Item>
                                    )}
                                  </Col>
                                  <Col xs={24} md={6} style={{ textAlign: 'right', paddingTop: 30 }}>
                                    {parallel && tasks.length > 1 && (
                                      <Button size="small" icon={<DeleteOutlined />} onClick={() => ops.remove(task.name)}>
                                        {t('ca.flow.removeTask')}
                                      </Button>
                                    )}
                                  </Col>
                                </Row>
                                <TextItem name={[task.name, 'name']} label={t('ca.flow.taskName')} required testId="edit-flow-task-name" />
                              </div>
                            );
                          }}
                        </Form.Item>
                      ))}
                      <Form.Item noStyle shouldUpdate>
                        {() =>
                          form.getFieldValue(['flow', step.name, 'parallel']) ? (
                            <Button icon={<PlusOutlined />} onClick={() => ops.add(blank())} data-testid="edit-flow-add-task">
                              {t('ca.flow.addTask')}
                            </Button>
                          ) : null
                        }
                      </Form.Item>
                    </>
                  )}
                </Form.List>
              </Card>
            ))}
            <Space>
              <Button icon={<PlusOutlined />} onClick={() => add({ parallel: false, tasks: [blank()] } satisfies StepValue)} data-testid="edit-flow-add-step">
                {t('ca.flow.addStep')}
              </Button>
              {steps.length === 0 && <Typography.Text type="secondary">{t('ca.flow.none')}</Typography.Text>}
            </Space>
          </>
        )}
      </Form.List>
    </Card>
  );
}
