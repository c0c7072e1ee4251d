import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it, inject } from 'vitest';
import { appendAudit, verifyAuditChain } from '../modules/supervision/audit.js';
import { openMigratedDatabase } from './database.js';
import { platformJobs, startJobs } from './jobs.js';
import { loadConfig } from './config.js';
import { createFileStores } from '../modules/files/index.js';

const onPostgres = Boolean(inject('pgTemplate'));
const silent = { error() {}, warn() {}, info() {}, debug() {} } as never;

describe.runIf(onPostgres)('start-up with a separate owner role (PostgreSQL)', { timeout: 180_000 }, () => {
  it('the owner migrates, the application role runs the platform but cannot rewrite the audit log', async () => {
    const run = randomBytes(5).toString('hex');
    const dbName = `yw_t_roles_${run}`;
    const appRole = `yw_app_${run}`;
    const admin = new pg.Client({ connectionString: inject('pgUrl') });
    await admin.connect();
    const url = (user?: string) => {
      const u = new URL(inject('pgUrl'));
      if (user) u.username = user;
      u.pathname = `/${dbName}`;
      return u.toString();
    };
    try {
      await admin.query(`CREATE DATABASE ${dbName}`);
      await admin.query(`CREATE ROLE ${appRole} LOGIN`);

      // First start: the superuser of this test server plays the owner role.
      const first = await openMigratedDatabase({ DATABASE_URL: url(appRole), DATABASE_OWNER_URL: url(), DATA_DIR: '.' });
      expect(first.warnings).toEqual([]);
      const jobs = await startJobs(first.database, silent, {
        jobs: platformJobs(first.database, silent, { files: createFileStores(loadConfig({}), first.database.db), uploadPurgeGraceHours: 24, uploadRateWindowSeconds: 60 }),
      });
      await jobs.stop();
      await first.database.db.transaction((tx) => appendAudit(tx, { actorAccountId: null, action: 'test.start', entityType: 'thing', entityId: 'S' }));
      await expect(first.database.query('DELETE FROM audit_events')).rejects.toThrow(/permission denied/);
      await first.database.close();

      // Another instance with the application role only: nothing to migrate, nothing to warn about.
      const second = await openMigratedDatabase({ DATABASE_URL: url(appRole), DATA_DIR: '.' });
      expect(second.warnings).toEqual([]);
      expect((await verifyAuditChain(second.database.db)).ok).toBe(true);
      await second.database.close();

      // One role for everything (today's default): it works, and says what it risks.
      const single = await openMigratedDatabase({ DATABASE_URL: url(), DATA_DIR: '.' });
      expect(single.warnings.join('\n')).toMatch(/superuser.*rewrite the audit log.*DATABASE_OWNER_URL/s);
      await single.database.close();
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.query(`DROP ROLE IF EXISTS ${appRole}`);
      await admin.end();
    }
  });
});

describe.skipIf(onPostgres)('start-up with a separate owner role (skipped on PGlite)', () => {
  it.skip('PGlite has one embedded superuser and no roles', () => {});
});
