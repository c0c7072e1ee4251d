import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Result, Select, Space, Table, Tag, Typography } from 'antd';
import { CalendarOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { api, ApiError } from '../../api';
import { useAuth } from '../../auth';
import { errorMessage, useQuery } from '../../hooks';
import { useI18n } from '../../i18n';
import { QueryView } from '../../components/QueryView';
import { formatDateTime } from '../../format';
import type { MessageKey } from '../../locales/zh-CN';
import type { CalendarOverview, EnterResult, YearDetail, YearSummary } from '../../types';

type Overview = CalendarOverview;

const NAMES = ['newYear', 'springFestival', 'qingming', 'labourDay', 'dragonBoat', 'midAutumn', 'nationalDay', 'other'] as const;
type Period = { name: string; start: string; end: string };
type FormValues = { sourceNotice: string; periods: Period[]; workdays: { date: string }[] };

const DAY = 86_400_000;
const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + DAY).toISOString().slice(0, 10);

/** Consecutive days of one holiday become one period (what the notices print: "2月5日至13日放假"). */
function toPeriods(days: { date: string; name: string | null }[]): Period[] {
  const out: Period[] = [];
  for (const d of [...days].sort((a, b) => a.date.localeCompare(b.date))) {
    const name = d.name ?? 'other';
    const last = out[out.length - 1];
    if (last && last.name === name && nextDay(last.end) === d.date) last.end = d.date;
    else out.push({ name, start: d.date, end: d.date });
  }
  return out;
}

/** Periods back to days; `origin[i]` is the period index of day i (to place the server's field errors). */
function toDays(periods: Period[]): { days: { date: string; name: string }[]; origin: number[] } {
  const days: { date: string; name: string }[] = [];
  const origin: number[] = [];
  periods.forEach((p, i) => {
    for (let d = p.start; d <= p.end; d = nextDay(d)) {
      days.push({ date: d, name: p.name });
      origin.push(i);
    }
  });
  return { days, origin };
}

/** The official holiday schedule per year, entered from the State Council notice (platform admins). */
export default function CalendarAdmin() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { user } = useAuth();
  const overview = useQuery<Overview>('/api/admin/calendar');
  const [form] = Form.useForm<FormValues>();
  const [editing, setEditing] = useState<{ year: number; draft: boolean } | null>(null);
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);

  if (user && !user.roles.includes('platform_admin')) return <Result status="403" title="403" subTitle={t('calendar.forbidden')} />;

  const open = async (year: number) => {
    setFormError(null);
    try {
      const y = await api.get<YearDetail>(`/api/admin/calendar/years/${year}`);
      form.setFieldsValue({ sourceNotice: y.sourceNotice ?? '', periods: toPeriods(y.holidays), workdays: y.workdays.map((date) => ({ date })) });
      setEditing({ year, draft: y.source === 'provisional' });
    } catch (e) {
      message.error(errorMessage(e, t));
    }
  };

  const submit = async (v: FormValues) => {
    if (!editing) return;
    const periods = v.periods ?? [];
    const bad = periods.findIndex((p) => p.end < p.start);
    if (bad >= 0) {
      form.setFields([{ name: ['periods', bad, 'end'], errors: [t('calendar.f.endBeforeStart')] }]);
      return;
    }
    const { days, origin } = toDays(periods);
    setSaving(true);
    setFormError(null);
    try {
      const res = await api.put<EnterResult>(`/api/admin/calendar/years/${editing.year}`, {
        sourceNotice: v.sourceNotice,
        holidays: days,
        workdays: (v.workdays ?? []).map((w) => w.date),
      });
      message.success(t('calendar.saved', { year: editing.year, n: res.recomputedCases }));
      setEditing(null);
      overview.reload();
    } catch (e) {
      // Day-level errors (holidays.N.date) go to the period that produced day N.
      if (e instanceof ApiError && e.fieldErrors.length) {
        const fields = e.fieldErrors.map((fe) => {
          const [head, index] = fe.path;
          if (head === 'holidays' && typeof Number(index) === 'number' && origin[Number(index)] !== undefined) {
            return { name: ['periods', origin[Number(index)]!, 'start'], errors: [fe.message] };
          }
          if (head === 'workdays' && index !== undefined) return { name: ['workdays', Number(index), 'date'], errors: [fe.message] };
          if (head === 'sourceNotice') return { name: ['sourceNotice'], errors: [fe.message] };
          return null;
        });
        const placed = fields.filter((f): f is NonNullable<typeof f> => f !== null);
        if (placed.length) form.setFields(placed as never);
        if (placed.length < fields.length) setFormError(errorMessage(e, t));
      } else setFormError(errorMessage(e, t));
    } finally {
      setSaving(false);
    }
  };

  const sourceTag = (y: YearSummary) =>
    y.source === 'entered' ? (
      <Tag color="green">{y.origin === 'file' ? t('calendar.origin.file') : t('calendar.source.entered')}</Tag>
    ) : y.source === 'package' ? (
      <Tag color="blue">{t('calendar.source.package')}</Tag>
    ) : (
      <Tag color="warning">{t('calendar.source.provisional')}</Tag>
    );

  const range = editing ? { min: `${editing.year}-01-01`, max: `${editing.year}-12-31` } : {};

  return (
    <div className="yw-page">
      <Typography.Title level={3} style={{ marginBottom: 4 }}>
        <CalendarOutlined /> {t('calendar.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('calendar.intro')}</Typography.Paragraph>
      <QueryView q={overview}>
        {(d) => (
          <>
            {d.warning ? (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 16 }}
                data-testid="calendar-warning"
                title={d.officialUntil ? t('calendar.warning', { until: d.officialUntil, days: d.daysCovered, warn: d.warnDays, next: d.nextYear }) : t('calendar.warningNone', { next: d.nextYear })}
                action={
                  <Button type="primary" size="small" onClick={() => void open(d.nextYear)} data-testid="calendar-enter-next">
                    {t('calendar.enter')} {d.nextYear}
                  </Button>
                }
              />
            ) : (
              <Alert type="success" showIcon style={{ marginBottom: 16 }} data-testid="calendar-covered" title={t('calendar.covered', { until: d.officialUntil ?? '', days: d.daysCovered })} />
            )}
            <Card>
              <Table<YearSummary>
                rowKey="year"
                dataSource={d.years}
                pagination={false}
                scroll={{ x: 860 }}
                data-testid="calendar-years"
                onRow={(y) => ({ 'data-testid': 'calendar-year', 'data-year': y.year, 'data-source': y.source }) as React.HTMLAttributes<HTMLElement>}
                columns={[
                  { title: t('calendar.col.year'), dataIndex: 'year', width: 80, render: (y: number) => <Typography.Text strong>{y}</Typography.Text> },
                  { title: t('calendar.col.source'), width: 160, render: (_, y) => sourceTag(y) },
                  { title: t('calendar.col.notice'), render: (_, y) => y.sourceNotice ?? t('common.none'), ellipsis: true },
                  { title: t('calendar.col.enteredBy'), width: 110, render: (_, y) => y.enteredBy ?? t('common.none') },
                  { title: t('calendar.col.enteredAt'), width: 150, render: (_, y) => formatDateTime(y.enteredAt, lang) },
                  { title: t('calendar.col.days'), width: 130, render: (_, y) => t('calendar.daysValue', { off: y.holidayCount, work: y.workdayCount }) },
                  {
                    title: t('calendar.col.actions'),
                    width: 100,
                    render: (_, y) => (
                      <Button size="small" icon={y.source === 'entered' ? <EditOutlined /> : <PlusOutlined />} onClick={() => void open(y.year)} data-testid={`calendar-edit-${y.year}`}>
                        {y.source === 'entered' ? t('calendar.edit') : t('calendar.enter')}
                      </Button>
                    ),
                  },
                ]}
              />
            </Card>
          </>
        )}
      </QueryView>

      <Modal
        open={editing !== null}
        title={editing ? t('calendar.editTitle', { year: editing.year }) : ''}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText={t('calendar.save')}
        okButtonProps={{ 'data-testid': 'calendar-save' } as never}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        width={720}
        forceRender
      >
        {editing?.draft && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('calendar.draftNote')} />}
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} data-testid="calendar-form-error" />}
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          <Form.Item name="sourceNotice" label={t('calendar.f.notice')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input placeholder={t('calendar.f.noticePlaceholder')} maxLength={300} data-testid="calendar-notice" />
          </Form.Item>
          <Typography.Text strong>{t('calendar.f.periods')}</Typography.Text>
          <Form.List name="periods">
            {(fields, { add, remove }) => (
              <div style={{ marginTop: 8 }}>
                {fields.map((f) => (
                  <Space key={f.key} align="start" wrap data-testid="calendar-period">
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: t('common.required') }]} style={{ width: 140 }}>
                      <Select aria-label={t('calendar.f.name')} options={NAMES.map((n) => ({ value: n, label: t(`holiday.${n}` as MessageKey) }))} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'start']} rules={[{ required: true, message: t('common.required') }]}>
                      <Input type="date" aria-label={t('calendar.f.start')} {...range} data-testid="period-start" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'end']} rules={[{ required: true, message: t('common.required') }]}>
                      <Input type="date" aria-label={t('calendar.f.end')} {...range} data-testid="period-end" />
                    </Form.Item>
                    <Button type="text" icon={<DeleteOutlined />} aria-label={t('calendar.f.remove')} onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Form.Item>
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: 'other', start: '', end: '' })} data-testid="calendar-add-period">
                    {t('calendar.f.addPeriod')}
                  </Button>
                </Form.Item>
              </div>
            )}
          </Form.List>
          <Typography.Text strong>{t('calendar.f.workdays')}</Typography.Text>
          <Form.List name="workdays">
            {(fields, { add, remove }) => (
              <div style={{ marginTop: 8 }}>
                <Space wrap align="start">
                  {fields.map((f) => (
                    <Space.Compact key={f.key}>
                      <Form.Item name={[f.name, 'date']} rules={[{ required: true, message: t('common.required') }]}>
                        <Input type="date" {...range} data-testid="workday-date" />
                      </Form.Item>
                      <Button icon={<DeleteOutlined />} aria-label={t('calendar.f.remove')} onClick={() => remove(f.name)} />
                    </Space.Compact>
                  ))}
                </Space>
                <Form.Item>
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ date: '' })} data-testid="calendar-add-workday">
                    {t('calendar.f.addWorkday')}
                  </Button>
                </Form.Item>
              </div>
            )}
          </Form.List>
        </Form>
      </Modal>
    </div>
  );
}
