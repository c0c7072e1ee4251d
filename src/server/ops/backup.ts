import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { migrateDatabase, openDatabase, openPostgres, type Database } from '../../db/client.js';
import { parseKeyring, type Keyring } from '../../lib/secretbox.js';
import { verifyAuditChain, type AuditVerification } from '../../modules/supervision/index.js';
import { checkMasterKeys, type KeyCheck } from '../keyCheck.js';
import { hasPgliteData, openExistingDataDir, pgliteFolder } from './dataDir.js';
import { askRunningServer } from './socket.js';
import { withoutTarEntries } from './tar.js';

/**
 * Backups and restores for both databases (docs/operations.md). The master key is never inside a
 * backup: a backup travels to other disks and other hands, and with the key beside it the sealed
 * ID numbers, phone numbers and signing keys in it would be as readable as plain text. Keep
 * MASTER_KEYS (or DATA_DIR/master.key) in the secret store, once, and it opens every backup.
 */

/** PGlite: a gzipped tarball of the data folder's database, without the locks (ours and PGlite's), socket or key. */
export async function backupPglite(dataDir: string, file: string): Promise<{ bytes: number; viaServer: boolean }> {
  const answer = await askRunningServer(dataDir, { op: 'backup' });
  let tarball: Uint8Array;
  if (answer) {
    if (!answer.header.ok) throw new Error(answer.header.error);
    tarball = answer.body;
  } else {
    const database = await openExistingDataDir(dataDir);
    try {
      tarball = await database.dumpDataDir!();
    } finally {
      await database.close();
    }
  }
  tarball = withoutTarEntries(tarball, (name) => name === 'postmaster.pid');
  writeFileSync(file, tarball, { mode: 0o600 });
  return { bytes: tarball.byteLength, viaServer: Boolean(answer) };
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c) => (err += c));
    child.on('error', (e) => reject(new Error(`${cmd} could not be run (${e.message}): install the PostgreSQL client tools`)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} failed (exit ${code}): ${err.trim()}`))));
  });
}

/** PostgreSQL: pg_dump's custom format, consistent while the platform runs (one snapshot). */
export async function backupPostgres(url: string, file: string): Promise<void> {
  await run('pg_dump', ['--format=custom', `--file=${file}`, `--dbname=${url}`]);
}

export type RestoreReport = { keys: KeyCheck; audit: AuditVerification };

async function checkRestored(database: Database, keyring: Keyring): Promise<RestoreReport> {
  await migrateDatabase(database); // a backup from an older release
  return { keys: await checkMasterKeys(database.db, keyring), audit: await verifyAuditChain(database.db) };
}

/**
 * The keyring a restore must use: the one given, never a new one (the server creates
 * DATA_DIR/master.key on first start; a restore that did so would make the data unreadable).
 */
export function restoreKeyring(masterKeys: string | undefined, dataDir: string): Keyring {
  if (masterKeys) return parseKeyring(masterKeys);
  const file = path.join(dataDir, 'master.key');
  if (!existsSync(file)) {
    throw new Error(
      `No master key: put the master.key kept with your backups at ${file} (or set MASTER_KEYS) before restoring. The backup does not contain it.`,
    );
  }
  return parseKeyring(readFileSync(file, 'utf8').trim());
}

/** PGlite: unpacks into an empty DATA_DIR, then checks the key and the audit chain. */
export async function restorePglite(file: string, dataDir: string, keyring: Keyring): Promise<RestoreReport> {
  if (hasPgliteData(dataDir)) throw new Error(`${path.resolve(dataDir)} already holds a database: stop the server and move ${pgliteFolder(dataDir)} away first.`);
  mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create({ dataDir: pgliteFolder(dataDir), loadDataDir: new Blob([readFileSync(file)]) });
  await client.close();
  const database = await openDatabase({ dataDir });
  try {
    return await checkRestored(database, keyring);
  } finally {
    await database.close();
  }
}

/** PostgreSQL: pg_restore into an empty database, all or nothing; grants are re-made at start-up. */
export async function restorePostgres(file: string, url: string, keyring: Keyring): Promise<RestoreReport> {
  const target = await openPostgres(url, 1);
  try {
    const [t] = await target.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname IN ('public', 'drizzle', 'pgboss') AND c.relkind = 'r'`,
    );
    if ((t?.n ?? 0) > 0) throw new Error('The target database is not empty: restore into a new database (createdb), then point DATABASE_URL at it.');
    // --no-owner/--no-acl: the restoring role owns everything, as the owner role does after
    // migrations; the application role's grants are made again at start-up (DATABASE_OWNER_URL).
    await run('pg_restore', ['--no-owner', '--no-acl', '--exit-on-error', '--single-transaction', `--dbname=${url}`, file]);
    return await checkRestored(target, keyring);
  } finally {
    await target.close();
  }
}
