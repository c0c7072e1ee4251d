/**
 * `npm run restore -- <file>`: restores a backup made by `npm run backup` into an empty database
 * (PostgreSQL: the database in DATABASE_OWNER_URL or DATABASE_URL; PGlite: DATA_DIR), then checks
 * that the master key opens it and that the audit chain is intact. Exit 0 when both hold.
 */
import { loadConfig } from '../src/server/config.js';
import { describeAuditVerification } from '../src/modules/supervision/audit.js';
import { restoreKeyring, restorePglite, restorePostgres } from '../src/server/ops/backup.js';

const file = process.argv[2];
if (!file || file.startsWith('-')) {
  console.error('Usage: npm run restore -- <file>');
  process.exit(2);
}
try {
  const config = loadConfig();
  const keyring = restoreKeyring(config.MASTER_KEYS, config.DATA_DIR);
  const report = config.DATABASE_URL
    ? await restorePostgres(file, config.DATABASE_OWNER_URL ?? config.DATABASE_URL, keyring)
    : await restorePglite(file, config.DATA_DIR, keyring);
  console.log(`Restored ${file} into ${config.DATABASE_URL ? 'the PostgreSQL database' : config.DATA_DIR}.`);
  console.log(report.keys.ok ? 'The master key opens the restored data.' : `The master key does NOT open the restored data: ${report.keys.message}`);
  console.log(describeAuditVerification(report.audit));
  process.exit(report.keys.ok && report.audit.ok ? 0 : 1);
} catch (e) {
  console.error(`Restore failed: ${(e as Error).message}`);
  process.exit(1);
}
