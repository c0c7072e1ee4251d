import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { App, Button, Card, Col, Descriptions, Dropdown, Empty, List, Row, Space, Table, Tag, Typography } from 'antd';
import { LogoutOutlined, NotificationOutlined, RetweetOutlined, SoundOutlined, StopOutlined, CheckOutlined, IdcardOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { errorMessage, useQuery } from '../../hooks';
import { useT } from '../../i18n';
import { QueryView } from '../../components/QueryView';
import type { MyWindows, WindowPanel as Panel } from '../../types';
import { shanghaiClock, TicketStatusTag } from './ticketBits';
import './hall.css';

/** The window's calling panel (叫号): sign in at a window, then call, recall, skip, transfer, serve and finish. */
export default function WindowPanel() {
  const t = useT();
  const mine = useQuery<MyWindows>('/api/hall/windows');
  return (
    <div className="yw-page">
      <Typography.Title level={3}>{t('hallq.panelTitle')}</Typography.Title>
      <QueryView q={mine}>{(d) => (d.seat ? <Calling windowId={d.seat.windowId} onLeft={mine.reload} /> : <ChooseWindow windows={d.windows} onSat={mine.reload} />)}</QueryView>
    </div>
  );
}

function ChooseWindow({ windows, onSat }: { windows: MyWindows['windows']; onSat: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const sit = async (id: string) => {
    try {
      await api.post(`/api/hall/windows/${id}/sit`, {});
      onSat();
    } catch (e) {
      void message.error(errorMessage(e, t));
    }
  };
  return (
    <Card title={t('hallq.chooseWindow')}>
      <Table
        rowKey="id"
        pagination={false}
        dataSource={windows}
        data-testid="hall-windows"
        columns={[
          { title: t('hallq.windowCol'), dataIndex: 'number', render: (n: number) => t('hallq.window', { n }) },
          { title: t('hallq.groupCol'), dataIndex: 'groupName' },
          { title: t('hallq.hallCol'), dataIndex: 'hallName' },
          { title: t('hallq.clerkCol'), dataIndex: 'clerkName', render: (n: string | null) => n ?? '—' },
          {
            title: '',
            key: 'sit',
            render: (_: unknown, w) => (
              <Button type="primary" disabled={!!w.clerkName} onClick={() => void sit(w.id)} data-testid={`sit-${w.number}`}>
                {t('hallq.sit')}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}

function Calling({ windowId, onLeft }: { windowId: string; onLeft: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const panel = useQuery<Panel>(`/api/hall/windows/${windowId}`);
  const [busy, setBusy] = useState<string | null>(null);
  const { reload } = panel;
  // The waiting list changes as people take tickets: refresh it every few seconds.
  useEffect(() => {
    const id = setInterval(reload, 4000);
    return () => clearInterval(id);
  }, [reload]);

  const act = async (name: string, path: string, body: Record<string, unknown> = {}) => {
    setBusy(name);
    try {
      panel.setData(await api.post<Panel>(path, body));
    } catch (e) {
      void message.error(errorMessage(e, t));
      panel.reload();
    } finally {
      setBusy(null);
    }
  };
  const leave = async () => {
    await api.post(`/api/hall/windows/${windowId}/leave`, {});
    onLeft();
  };

  return (
    <QueryView q={panel}>
      {(p) => {
        const cur = p.current;
        const base = cur ? `/api/hall/windows/${windowId}/tickets/${cur.id}` : '';
        return (
          <Row gutter={16}>
            <Col xs={24} lg={16}>
              <Card
                title={
                  <Space>
                    <span data-testid="panel-window">{t('hallq.window', { n: p.window.number })}</span>
                    <Tag color="blue">{p.window.groupName}</Tag>
                    <Typography.Text type="secondary">{p.window.hallName}</Typography.Text>
                  </Space>
                }
                extra={
                  <Button icon={<LogoutOutlined />} onClick={() => void leave()} disabled={!!cur} data-testid="panel-leave">
                    {t('hallq.leave')}
                  </Button>
                }
              >
                <div className="yw-panel-current" data-testid="panel-current">
                  <div className="yw-panel-label">{t('hallq.current')}</div>
                  {cur ? (
                    <>
                      <div className="yw-panel-number" data-testid="panel-current-number">{cur.number}</div>
                      <Space wrap>
                        <TicketStatusTag status={cur.status} />
                        {cur.priority && <Tag color="gold">{t('hallq.priority')}</Tag>}
                        <Tag>{t(`hallq.source.${cur.source}`)}</Tag>
                        <Typography.Text type="secondary">{t('hallq.calls', { n: cur.callCount })}</Typography.Text>
                      </Space>
                      <Descriptions
                        size="small"
                        column={1}
                        style={{ marginTop: 16 }}
                        items={[
                          { key: 'who', label: t('hallq.applicant'), children: cur.applicantName ?? t('hallq.anonymous') },
                          ...(cur.caseNo
                            ? [{ key: 'case', label: t('hallq.case'), children: <Link to={`/workbench/cases/${cur.caseId}`} data-testid="panel-case-no">{cur.caseNo}</Link> }]
                            : []),
                        ]}
                      />
                    </>
                  ) : (
                    <Empty description={t('hallq.noCurrent')} />
                  )}
                </div>
                <Space wrap size="middle" className="yw-panel-actions">
                  <Button type="primary" size="large" icon={<NotificationOutlined />} disabled={!!cur} loading={busy === 'next'} onClick={() => void act('next', `/api/hall/windows/${windowId}/call-next`)} data-testid="panel-call-next">
                    {t('hallq.callNext')}
                  </Button>
                  <Button size="large" icon={<SoundOutlined />} disabled={cur?.status !== 'called'} loading={busy === 'recall'} onClick={() => void act('recall', `${base}/recall`)} data-testid="panel-recall">
                    {t('hallq.recall', { n: (cur?.callCount ?? 0) + 1 })}
                  </Button>
                  <Button size="large" icon={<StopOutlined />} disabled={cur?.status !== 'called'} loading={busy === 'skip'} onClick={() => void act('skip', `${base}/skip`)} data-testid="panel-skip">
                    {t('hallq.skip')}
                  </Button>
                  {cur?.status === 'serving' ? (
                    <Button size="large" icon={<IdcardOutlined />} onClick={() => navigate(`/workbench/hall?ticket=${cur.id}&number=${encodeURIComponent(cur.number)}`)} data-testid="panel-open-intake">
                      {t('hallq.openIntake')}
                    </Button>
                  ) : (
                    <Button
                      size="large"
                      icon={<IdcardOutlined />}
                      disabled={cur?.status !== 'called'}
                      loading={busy === 'serve'}
                      onClick={() =>
                        void act('serve', `${base}/serve`).then(() => cur && navigate(`/workbench/hall?ticket=${cur.id}&number=${encodeURIComponent(cur.number)}`))
                      }
                      data-testid="panel-serve"
                    >
                      {t('hallq.serve')}
                    </Button>
                  )}
                  <Dropdown
                    disabled={!cur}
                    menu={{
                      items: p.groups.filter((g) => g.id !== p.window.groupId).map((g) => ({ key: g.id, label: <span data-testid={`transfer-${g.letter}`}>{`${g.letter} ${g.name}`}</span> })),
                      onClick: ({ key }) => void act('transfer', `${base}/transfer`, { groupId: key }),
                    }}
                  >
                    <Button size="large" icon={<RetweetOutlined />} disabled={!cur} data-testid="panel-transfer">
                      {t('hallq.transfer')}
                    </Button>
                  </Dropdown>
                  <Button size="large" icon={<CheckOutlined />} disabled={!cur} loading={busy === 'finish'} onClick={() => void act('finish', `${base}/finish`)} data-testid="panel-finish">
                    {t('hallq.finish')}
                  </Button>
                </Space>
              </Card>
            </Col>
            <Col xs={24} lg={8}>
              <Card title={t('hallq.waitingList', { n: p.waiting.length })}>
                <List
                  dataSource={p.waiting}
                  locale={{ emptyText: t('hallq.nobodyWaiting') }}
                  data-testid="panel-waiting"
                  renderItem={(w) => (
                    <List.Item data-testid="panel-waiting-row">
                      <Space>
                        <b className="yw-panel-waiting-number">{w.number}</b>
                        {w.priority && <Tag color="gold">{t('hallq.priority')}</Tag>}
                      </Space>
                      <Typography.Text type="secondary">{t('hallq.takenAt', { time: shanghaiClock(w.takenAt) })}</Typography.Text>
                    </List.Item>
                  )}
                />
              </Card>
            </Col>
          </Row>
        );
      }}
    </QueryView>
  );
}
