import PgBoss from 'pg-boss';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/client.js';
import { purgeExpiredSessions } from '../modules/identity/service.js';
import { purgeExpiredOidcPayloads } from '../modules/oidc/adapter.js';
import { purgeOldQrSignIns } from '../modules/qrlogin/service.js';
import { purgeUnattachedUploads, purgeUploadRateWindows } from '../modules/cases/uploads.js';
import type { FileStores } from '../modules/files/index.js';

/**
 * Background jobs on pg-boss, through our own connection so PGlite works too
 * (pg-boss sends multi-statement scripts without parameters: those go to `exec`).
 */
export async function startJobs(database: Database, log: FastifyBaseLogger, opts: { files: FileStores; uploadPurgeGraceHours: number; uploadRateWindowSeconds: number }) {
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

  // Uploads no case took within the grace period (an abandoned application) are not kept.
  await boss.createQueue('uploads.purge');
  await boss.schedule('uploads.purge', '41 * * * *');
  await boss.work('uploads.purge', async () => {
    const purged = await purgeUnattachedUploads(database.db, opts.files, {
      olderThan: new Date(Date.now() - opts.uploadPurgeGraceHours * 3600_000),
      onContentLeft: (key, err) => log.warn({ key, err: (err as Error).message }, 'purged upload: its content could not be deleted from the file store'),
    });
    await purgeUploadRateWindows(database.db, opts.uploadRateWindowSeconds);
    if (purged) log.info({ purged }, 'purged uploads never attached to a case');
  });

  return {
    boss,
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 5000 });
    },
  };
}
