import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Checkbox, Descriptions, Form, Input, Result, Select, Tag, Typography } from 'antd';
import { IdcardOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { api } from '../../api';
import { useAuth } from '../../auth';
import { useFormSubmit, useQuery } from '../../hooks';
import { useT, type MessageKey } from '../../i18n';
import type { ItemDetail, ItemList } from '../../types';
import { QueryView } from '../../components/QueryView';
import { ApplyForm } from '../portal/Apply';
import type { HallReceipt, Visit } from '../../types';

type Receipt = HallReceipt;

/**
 * The one-window desk (综合窗口收件): check the walk-in's ID card, then apply for them; the
 * window accepts the case on the spot. The case records channel "hall" and this clerk.
 */
export default function Hall() {
  const t = useT();
  const [visit, setVisit] = useState<Visit | null>(null);
  // Opened from the window's calling panel for the ticket being served: the case links to it.
  const [params] = useSearchParams();
  const ticketId = params.get('ticket');
  const ticketNumber = params.get('number');
  const [done, setDone] = useState<Receipt | null>(null);

  const restart = () => {
    setVisit(null);
    setDone(null);
  };

  return (
    <div className="yw-page yw-narrow">
      <Typography.Title level={3}>{t('hall.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('hall.intro')}</Typography.Paragraph>
      {ticketId && ticketNumber && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} data-testid="hall-ticket" title={t('hallq.ticketForIntake', { number: ticketNumber })} action={<Link to="/workbench/hall/window">{t('hallq.windowLink')}</Link>} />
      )}
      {!visit && <IdentityCheck onChecked={setVisit} ticketId={ticketId} />}
      {visit && (
        <Card size="small" style={{ marginBottom: 16 }} data-testid="hall-applicant">
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2 }}
            title={
              <span>
                <IdcardOutlined /> {t('hall.applicant')}
              </span>
            }
            extra={
              <Button icon={<UserSwitchOutlined />} onClick={restart} data-testid="hall-next">
                {t('hall.nextApplicant')}
              </Button>
            }
            items={[
              { key: 'name', label: t('hall.name'), children: visit.applicant.name },
              { key: 'id', label: t('hall.idNumber'), children: visit.applicant.maskedIdNumber },
              {
                key: 'level',
                label: t('level.current'),
                children: (
                  <>
                    <Tag color="green">{t(`level.L${visit.applicant.level}` as MessageKey)}</Tag>
                    {visit.applicant.newAccount && <Tag color="blue">{t('hall.newAccount')}</Tag>}
                  </>
                ),
              },
            ]}
          />
        </Card>
      )}
      {visit && !done && <HallApplication visit={visit} onDone={setDone} />}
      {done && (
        <Card>
          <Result
            status="success"
            title={t('hall.accepted')}
            subTitle={t('hall.acceptedDetail', { caseNo: done.caseNo, name: visit?.applicant.name ?? '' })}
            extra={[
              <Link key="open" to={`/workbench/cases/${done.id}`}>
                <Button type="primary" data-testid="hall-open-case">{t('hall.openCase')}</Button>
              </Link>,
              <Button key="more" onClick={() => setDone(null)}>
                {t('hall.anotherItem')}
              </Button>,
            ]}
            data-testid="hall-receipt"
          />
        </Card>
      )}
    </div>
  );
}

function IdentityCheck({ onChecked, ticketId }: { onChecked: (v: Visit) => void; ticketId: string | null }) {
  const t = useT();
  const [form] = Form.useForm<{ idNumber: string; cardChecked: boolean }>();
  const { busy, error, run } = useFormSubmit(form, ['idNumber', 'cardChecked']);

  const check = (v: { idNumber: string; cardChecked: boolean }) =>
    run(async () => onChecked(await api.post<Visit>('/api/hall/visits', { idNumber: v.idNumber.trim(), cardChecked: v.cardChecked === true, ...(ticketId ? { ticketId } : {}) })));

  return (
    <Card title={t('hall.checkTitle')} data-testid="hall-check">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="hall-error" />}
      <Form form={form} layout="vertical" onFinish={(v) => void check(v)} requiredMark>
        <Form.Item name="idNumber" label={t('hall.idNumber')} rules={[{ required: true, whitespace: true, message: t('register.idFormat') }]}>
          <Input maxLength={18} autoComplete="off" data-testid="hall-id-number" style={{ maxWidth: 320 }} />
        </Form.Item>
        <Form.Item
          name="cardChecked"
          valuePropName="checked"
          rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error(t('hall.cardCheckedRequired')))) }]}
        >
          <Checkbox data-testid="hall-card-checked">{t('hall.cardChecked')}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} icon={<IdcardOutlined />} data-testid="hall-check-submit">
          {t('hall.check')}
        </Button>
      </Form>
    </Card>
  );
}

function HallApplication({ visit, onDone }: { visit: Visit; onDone: (r: Receipt) => void }) {
  const t = useT();
  const { user } = useAuth();
  const items = useQuery<ItemList>('/api/catalog/items');
  const [itemId, setItemId] = useState<string | null>(null);
  const mine = (items.data?.items ?? []).filter((i) => i.department.id === user?.department?.id);
  return (
    <Card title={t('hall.applyTitle')} data-testid="hall-apply">
      <Select
        showSearch
        optionFilterProp="label"
        placeholder={t('hall.pickItem')}
        style={{ width: '100%', marginBottom: 16 }}
        value={itemId}
        onChange={setItemId}
        options={mine.map((i) => ({ value: i.id, label: `${i.name}（${i.code}）` }))}
        data-testid="hall-item"
      />
      {itemId && <HallItemForm key={itemId} itemId={itemId} visit={visit} onDone={onDone} />}
    </Card>
  );
}

function HallItemForm({ itemId, visit, onDone }: { itemId: string; visit: Visit; onDone: (r: Receipt) => void }) {
  const q = useQuery<ItemDetail>(`/api/catalog/items/${encodeURIComponent(itemId)}`);
  return (
    <QueryView q={q}>
      {(item) => (
        <ApplyForm
          item={item}
          submit={(body) => api.post<Receipt>(`/api/hall/visits/${visit.id}/cases`, body)}
          onDone={(c) => onDone(c as Receipt)}
        />
      )}
    </QueryView>
  );
}
