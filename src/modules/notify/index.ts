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
