import { useState } from 'react';
import { Alert, App, Button } from 'antd';
import { SwapOutlined } from '@ant-design/icons';
import { api } from '../api';
import { useAuth } from '../auth';
import { errorMessage } from '../hooks';
import { useT } from '../i18n';
import type { UserResponse } from '../types';

/** Switches the session into a principal's context (or back with null) and reloads the app's views. */
export function useActingSwitch() {
  const t = useT();
  const { message } = App.useApp();
  const { refresh } = useAuth();
  const [busy, setBusy] = useState(false);
  const actFor = async (authorisationId: string | null) => {
    setBusy(true);
    try {
      const { user } = await api.put<UserResponse>('/api/auth/acting-for', { authorisationId });
      await refresh();
      message.success(user.actingFor ? t('acting.switched', { name: user.actingFor.name }) : t('acting.back'));
      // Every list (cases, certificates) belongs to the new principal: start from the home page.
      window.location.assign(user.actingFor ? '/my/cases' : '/my/authorisations');
    } catch (e) {
      message.error(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  };
  return { actFor, busy };
}

/** Always visible while acting for someone: who, and the way back. */
export function ActingBanner() {
  const t = useT();
  const { user } = useAuth();
  const { actFor, busy } = useActingSwitch();
  if (!user?.actingFor) return null;
  return (
    <Alert
      banner
      type="warning"
      showIcon
      icon={<SwapOutlined />}
      className="yw-acting-banner"
      data-testid="acting-banner"
      title={t(user.actingFor.kind === 'entity' ? 'acting.bannerEntity' : 'acting.bannerPerson', { name: user.actingFor.name, me: user.name })}
      action={
        <Button size="small" loading={busy} onClick={() => void actFor(null)} data-testid="acting-back">
          {t('acting.backButton')}
        </Button>
      }
    />
  );
}
