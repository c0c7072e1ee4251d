import type { Tx } from '../../db/client.js';
import { insertClient } from './clients.js';

/**
 * The demo department system (examples/department-app). Its id and secret are fixed and public:
 * demo data only — a real node registers systems in the admin page and gets a random secret.
 */
export const demoClient = {
  clientId: 'demo-bdc',
  clientSecret: 'demo-only-secret-not-for-production',
  origin: 'http://127.0.0.1:4000',
};

export async function seedDemoClient(tx: Tx, departmentId: string, origin = demoClient.origin) {
  await insertClient(
    tx,
    {
      name: { zh: '不动产登记系统（演示）', en: 'Real Estate Registration (demo)' },
      departmentId,
      redirectUris: [`${origin}/callback`],
      postLogoutRedirectUris: [`${origin}/`],
      backchannelLogoutUri: `${origin}/backchannel-logout`,
      scopes: ['openid', 'profile', 'offline_access'],
      pairwise: true,
    },
    { clientId: demoClient.clientId, secret: demoClient.clientSecret, createdBy: null },
  );
}
