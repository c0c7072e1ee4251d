import type { Db } from '../../db/client.js';
import type { SmsGateway } from './gateway.js';
import { createSandboxGateway } from './sandbox.js';

export type { SmsGateway, SmsTemplate } from './gateway.js';
export { lastCodeSentTo, lastMessageTo, listOutbox } from './sandbox.js';

/** The gateways this build knows; config names one (SMS_GATEWAY). */
export type SmsGatewayKind = 'sandbox';

/** The configured SMS gateway. A production gateway (a provider's API) plugs in here. */

export function createSmsGateway(kind: SmsGatewayKind, db: Db): SmsGateway {
  switch (kind) {
    case 'sandbox':
      return createSandboxGateway(db);
  }
}
export { isLocalPublicUrl, isLoopbackRequest } from './access.js';
export { assertWithinSendingLimits } from './gateway.js';
export { notifyRoutes } from './routes.js';

// The message centre: notifications to applicants, their channels, and SMS delivery after commit.
export { notify, notifyMany } from './notify.js';
export type { AppointmentNotifyInput, CaseNotifyInput, NotifyInput } from './notify.js';
export { notificationKinds, notificationChannels, type AppointmentNotificationKind, type CaseNotificationKind, type NotificationKind } from './kinds.js';
export { deliverPendingSms, startSmsDelivery, SMS_MAX_ATTEMPTS } from './deliverSms.js';
export type { DeliveryResult, SmsDelivery } from './deliverSms.js';
export { notificationRoutes } from './notificationRoutes.js';
export { listNotifications, unreadCount } from './messageCentre.js';
