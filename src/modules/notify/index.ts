import type { Db } from '../../db/client.js';
import type { Config } from '../../server/config.js';
import type { SmsGateway } from './gateway.js';
import { createSandboxGateway } from './sandbox.js';

export type { SmsGateway, SmsTemplate } from './gateway.js';
export { lastCodeSentTo, lastMessageTo, listOutbox } from './sandbox.js';

/** The configured SMS gateway. A production gateway (a provider's API) plugs in here. */
export function createSmsGateway(kind: Config['SMS_GATEWAY'], db: Db): SmsGateway {
  switch (kind) {
    case 'sandbox':
      return createSandboxGateway(db);
  }
}
