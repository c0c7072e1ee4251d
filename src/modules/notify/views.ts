import type { Lang } from '../../lib/i18n/messages.js';
import { renderNotification } from '../../lib/i18n/notificationMessages.js';
import type { NotificationItem } from './contract.js';
import type { NotificationRow } from './messageCentre.js';

/** A message as the reader sees it: rendered now, in their language, from its kind and parameters. */
export function notificationView(lang: Lang, n: NotificationRow): NotificationItem {
  const { title, body } = renderNotification(lang, n.kind, { ...n.params, caseNo: n.caseNo });
  return {
    id: n.id,
    kind: n.kind,
    caseId: n.caseId,
    caseNo: n.caseNo,
    appointmentId: n.appointmentId,
    title,
    body,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}
