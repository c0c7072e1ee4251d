import { Tag } from 'antd';
import { PauseCircleOutlined } from '@ant-design/icons';
import type { ClockColour } from '../types';
import { useT } from '../i18n';

const COLOURS: Record<ClockColour, string> = { green: 'green', yellow: 'gold', red: 'red' };

/** The deadline watch's colour of a case's running clock (green, yellow from 80 % used, red overdue), and whether it is paused. */
export function ClockTag({ colour, paused }: { colour: ClockColour | null | undefined; paused?: boolean }) {
  const t = useT();
  if (!colour) return null;
  return (
    <Tag color={COLOURS[colour]} data-testid="clock-tag" data-colour={colour} icon={paused ? <PauseCircleOutlined /> : undefined}>
      {t(`clock.colour.${colour}`)}
      {paused ? ` · ${t('clock.pausedShort')}` : ''}
    </Tag>
  );
}
