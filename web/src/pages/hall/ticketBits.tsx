import { Tag } from 'antd';
import { useT } from '../../i18n';
import type { TicketView } from '../../types';

const colors: Record<TicketView['status'], string> = { waiting: 'default', called: 'orange', serving: 'processing', done: 'success', skipped: 'error' };

export function TicketStatusTag({ status }: { status: TicketView['status'] }) {
  const t = useT();
  return (
    <Tag color={colors[status]} data-testid="ticket-status" data-status={status}>
      {t(`hallq.ticket.${status}`)}
    </Tag>
  );
}

/** HH:MM of an instant in Asia/Shanghai. */
export const shanghaiClock = (iso: string) => new Date(iso).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false });
