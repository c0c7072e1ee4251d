import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../format';
import type { Case, CaseFlowStep } from '../../types';

const STEP_COLORS: Record<CaseFlowStep['state'], string> = { pending: 'default', open: 'processing', agreed: 'success', disagreed: 'error' };
const TASK_COLORS: Record<string, string> = { pending: 'default', open: 'processing', agreed: 'success', disagreed: 'error', returned: 'warning', discarded: 'default' };

/** The case's approval flow: each step with its state; each task with its department, state, deciders, times and opinions. */
export function FlowCard({ c }: { c: Case }) {
  const { t, lang } = useI18n();
  const steps = c.flow.steps;
  return (
    <Card title={<span className="yw-section-title">{t('flow.title')}</span>} className="yw-guide-card" data-testid="case-flow">
      {steps.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.empty')} />
      ) : (
        steps.map((s) => (
          <div key={s.step} className="yw-flow-step" data-testid="flow-step" data-step={s.step} data-state={s.state}>
            <Space wrap style={{ marginBottom: 8 }}>
              <Typography.Text strong>
                {t('flow.step', { n: s.step })} · {s.name}
              </Typography.Text>
              {s.parallel && <Tag color="purple">{t('flow.parallel')}</Tag>}
              <Tag color={STEP_COLORS[s.state]}>{t(`flow.state.${s.state}`)}</Tag>
            </Space>
            <List
              size="small"
              bordered
              dataSource={s.tasks}
              renderItem={(task) => (
                <List.Item data-testid="flow-task" data-department={task.department.name} data-status={task.status} data-mine={task.id !== null && task.id === c.flow.myTaskId ? 'true' : 'false'}>
                  <div style={{ width: '100%' }}>
                    <Space wrap>
                      <Typography.Text strong>{task.department.name}</Typography.Text>
                      <Typography.Text type="secondary">{task.name}</Typography.Text>
                      {task.mode === 'countersign' && <Tag>{t('flow.countersign', { n: task.needed })}</Tag>}
                      <Tag color={TASK_COLORS[task.status]}>{t(`flow.task.${task.status}`)}</Tag>
                      {task.mode === 'countersign' && task.status === 'open' && (
                        <Typography.Text type="secondary">{t('flow.progress', { done: task.decisions.filter((d) => d.decision === 'agree').length, needed: task.needed })}</Typography.Text>
                      )}
                    </Space>
                    {task.decisions.length === 0 ? (
                      task.status === 'open' && (
                        <div>
                          <Typography.Text type="secondary">{t('flow.noDecision')}</Typography.Text>
                        </div>
                      )
                    ) : (
                      task.decisions.map((d, i) => (
                        <div key={i} className="yw-flow-decision" data-testid="flow-decision">
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {t(`flow.decision.${d.decision}`)} · {d.by} · {formatDateTime(d.at, lang)}
                          </Typography.Text>
                          <div className="yw-event-note">{d.opinion}</div>
                        </div>
                      ))
                    )}
                  </div>
                </List.Item>
              )}
            />
          </div>
        ))
      )}
    </Card>
  );
}
