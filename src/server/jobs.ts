import PgBoss from 'pg-boss';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/client.js';
import { purgeExpiredSessions } from '../modules/identity/service.js';
import { purgeExpiredOidcPayloads } from '../modules/oidc/adapter.js';
import { purgeOldQrSignIns } from '../modules/qrlogin/service.js';

/**
 * Background jobs on pg-boss, through our own connection so PGlite works too
 * (pg-boss sends multi-statement scripts without parameters: those go to `exec`).
 */
export async function startJobs(database: Database, log: FastifyBaseLogger) {
  const boss = new PgBoss({
    db: {
      async executeSql(text: string, values: unknown[]) {
        if ((!values || values.length === 0) && database.execScript) {
          return { rows: await database.execScript(text) };
        }
        return { rows: await database.query(text, values ?? []) };
      },
    },
    schema: 'pgboss',
    supervise: true,
    schedule: true,
  });
  boss.on('error', (err) => log.error({ err }, 'job queue error'));
  await boss.start();

  await boss.createQueue('sessions.purge');
  await boss.schedule('sessions.purge', '17 * * * *');
  await boss.work('sessions.purge', async () => {
    await purgeExpiredSessions(database.db);
    await purgeOldQrSignIns(database.db);
  });

  await boss.createQueue('oidc.purge');
  await boss.schedule('oidc.purge', '23 * * * *');
  await boss.work('oidc.purge', async () => {
    await purgeExpiredOidcPayloads(database.db);
  });

  return {
    boss,
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 5000 });
    },
  };
}
