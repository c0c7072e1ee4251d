import { useEffect, useId, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, List, Modal, Popconfirm, Space, Typography } from 'antd';
import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../auth';
import { formatDateTime } from '../format';
import { useQuery } from '../hooks';
import { useI18n, useT } from '../i18n';
import { addPasskey, passkeyErrorMessage, removePasskey, renamePasskey, secondFactorWithPasskey, signInWithPasskey, type Passkey } from '../passkeys';
import type { PasskeyList, User } from '../types';
import { QueryView } from './QueryView';

/** Asks for a device name; used to add a passkey and to rename one. */
function NameDialog(props: { open: boolean; title: string; initial?: string; busy: boolean; error: string | null; onOk: (name: string) => void; onCancel: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ name: string }>();
  const formName = `passkey${useId().replace(/:/g, '')}`;
  return (
    <Modal
      open={props.open}
      title={props.title}
      okText={t('passkey.continue')}
      cancelText={t('common.cancel')}
      confirmLoading={props.busy}
      onOk={() => form.submit()}
      onCancel={props.onCancel}
      okButtonProps={{ 'data-testid': 'passkey-name-ok' } as never}
      destroyOnHidden
    >
      {props.error && <Alert type="error" showIcon title={props.error} style={{ marginBottom: 12 }} data-testid="passkey-error" />}
      <Form form={form} name={formName} initialValues={{ name: props.initial ?? '' }} layout="vertical" onFinish={(v) => props.onOk(v.name.trim())} requiredMark={false}>
        <Form.Item name="name" label={t('passkey.name')} rules={[{ required: true, whitespace: true, message: t('passkey.nameRequired') }]}>
          <Input maxLength={40} placeholder={t('passkey.namePlaceholder')} autoFocus data-testid="passkey-name" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** "Add a passkey" button with its naming dialog; tells the user when the level rose. */
export function AddPasskeyButton({ onAdded, primary, testId = 'passkey-add' }: { onAdded?: (user: User) => void; primary?: boolean; testId?: string }) {
  const t = useT();
  const { message } = App.useApp();
  const { user, refresh } = useAuth();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const add = async (name: string) => {
    setBusy(true);
    setError(null);
    try {
      const res = await addPasskey(name);
      const raised = user && res.user.level > user.level;
      message.success(t(raised ? 'passkey.addedRaised' : 'passkey.added', { name: res.passkey.name }));
      setOpen(false);
      await refresh();
      onAdded?.(res.user);
    } catch (e) {
      setError(passkeyErrorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button type={primary ? 'primary' : 'default'} icon={<PlusOutlined />} onClick={() => (setError(null), setOpen(true))} data-testid={testId}>
        {t('passkey.add')}
      </Button>
      <NameDialog open={open} title={t('passkey.addTitle')} busy={busy} error={error} onOk={(n) => void add(n)} onCancel={() => setOpen(false)} />
    </>
  );
}

/** The security page's passkeys card: add, list (added, last used), rename, remove. */
export function PasskeysCard() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { user } = useAuth();
  const q = useQuery<PasskeyList>('/api/auth/passkeys');
  const { reload } = q;
  const [renaming, setRenaming] = useState<Passkey | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A passkey added elsewhere on the page (the step-up card) raises the level: show it here too.
  useEffect(() => reload(), [user?.level, reload]);

  const rename = async (name: string) => {
    setBusy(true);
    setError(null);
    try {
      await renamePasskey(renaming!.id, name);
      setRenaming(null);
      reload();
    } catch (e) {
      setError(passkeyErrorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  const remove = async (p: Passkey) => {
    try {
      await removePasskey(p.id);
      message.success(t('passkey.removed'));
      reload();
    } catch (e) {
      message.error(passkeyErrorMessage(e, t));
    }
  };

  return (
    <Card title={<Space><KeyOutlined />{t('passkey.title')}</Space>} extra={<AddPasskeyButton onAdded={reload} />} style={{ marginBottom: 16 }} data-testid="passkeys-card">
      <Typography.Paragraph type="secondary">{t('passkey.intro')}</Typography.Paragraph>
      {user?.kind === 'person' && (
        <Alert type="info" showIcon title={t('passkey.possessionNote')} style={{ marginBottom: 12 }} data-testid="passkey-possession-note" />
      )}
      <QueryView q={q}>
        {(d) => (
          <List
            dataSource={d.items}
            locale={{ emptyText: <span data-testid="passkey-empty">{t('passkey.none')}</span> }}
            renderItem={(p) => (
              <List.Item
                data-testid="passkey-row"
                data-name={p.name}
                actions={[
                  <Button key="rename" size="small" onClick={() => (setError(null), setRenaming(p))} data-testid="passkey-rename">
                    {t('passkey.rename')}
                  </Button>,
                  <Popconfirm
                    key="remove"
                    title={t('passkey.removeConfirm')}
                    okText={t('passkey.remove')}
                    cancelText={t('common.cancel')}
                    okButtonProps={{ danger: true, 'data-testid': 'passkey-remove-ok' } as never}
                    onConfirm={() => void remove(p)}
                  >
                    <Button size="small" danger data-testid="passkey-remove">
                      {t('passkey.remove')}
                    </Button>
                  </Popconfirm>,
                ]}
              >
                <List.Item.Meta
                  avatar={<KeyOutlined style={{ fontSize: 22, color: '#1557b0' }} />}
                  title={<span data-testid="passkey-name-text">{p.name}</span>}
                  description={
                    <Space size={16} wrap>
                      <span>
                        {t('passkey.createdAt')} {formatDateTime(p.createdAt, lang)}
                      </span>
                      <span data-testid="passkey-last-used">
                        {t('passkey.lastUsedAt')} {p.lastUsedAt ? formatDateTime(p.lastUsedAt, lang) : t('passkey.neverUsed')}
                      </span>
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </QueryView>
      <NameDialog
        open={!!renaming}
        title={t('passkey.renameTitle')}
        initial={renaming?.name}
        busy={busy}
        error={error}
        onOk={(n) => void rename(n)}
        onCancel={() => setRenaming(null)}
      />
    </Card>
  );
}

/**
 * The login page's passkey buttons: sign in with a passkey alone, or (staff) answer the second
 * step with one. The parent shows errors and moves on once signed in.
 */
export function PasskeyLoginButton(props: { otpChallengeId?: string; onDone: (user: User) => void; onError: (message: string | null) => void }) {
  const t = useT();
  const { refresh } = useAuth();
  const [busy, setBusy] = useState(false);
  const go = async () => {
    setBusy(true);
    props.onError(null);
    try {
      const user = props.otpChallengeId ? await secondFactorWithPasskey(props.otpChallengeId) : await signInWithPasskey();
      await refresh();
      props.onDone(user);
    } catch (e) {
      props.onError(passkeyErrorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  const second = !!props.otpChallengeId;
  return (
    <Button block size="large" icon={<KeyOutlined />} loading={busy} onClick={() => void go()} data-testid={second ? 'login-otp-passkey' : 'login-passkey'}>
      {t(second ? 'passkey.secondFactor' : 'passkey.signIn')}
    </Button>
  );
}
