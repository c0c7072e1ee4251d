/**
 * `npm run backup -- <file>`: a consistent backup of the platform's database.
 * PostgreSQL (DATABASE_URL; DATABASE_OWNER_URL preferred when set): pg_dump's custom format.
 * PGlite (DATA_DIR): a gzipped tarball of the database, asked of the running server over its
 * operations socket (the folder cannot be opened twice), or taken directly when it is stopped.
 * The master key is not in the backup (see docs/operations.md): keep it in your secret store.
 */
import path from 'node:path';
import { loadConfig } from '../src/server/config.js';
import { backupPglite, backupPostgres } from '../src/server/ops/backup.js';

const file = process.argv[2];
if (!file || file.startsWith('-')) {
  console.error('Usage: npm run backup -- <file>');
  process.exit(2);
}
try {
  const config = loadConfig();
  if (config.DATABASE_URL) {
    await backupPostgres(config.DATABASE_OWNER_URL ?? config.DATABASE_URL, file);
    console.log(`Backup written to ${file} (pg_dump custom format; restore with npm run restore or pg_restore).`);
    console.log('Not included: the master key. Keep MASTER_KEYS in your secret store; without it the backup cannot be read.');
  } else {
    const r = await backupPglite(config.DATA_DIR, file);
    console.log(`Backup written to ${file} (${r.bytes} bytes${r.viaServer ? ', taken by the running server' : ''}).`);
    console.log(
      `Not included: the master key (${process.env.MASTER_KEYS ? 'MASTER_KEYS' : path.join(config.DATA_DIR, 'master.key')}). Keep a copy of it apart from the backups, in your secret store; without it the backup cannot be read.`,
    );
  }
} catch (e) {
  console.error(`Backup failed: ${(e as Error).message}`);
  process.exit(1);
}
