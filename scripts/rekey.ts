/**
 * `npm run keys:rekey`: after putting a new master key first in MASTER_KEYS (older ones after
 * it), moves everything sealed or indexed under the older keys to the new one: personal
 * identifiers with their blind indexes, and issuers' private signing keys. Safe to run while
 * the platform is up on PostgreSQL; with PGlite stop the platform first (one process per folder).
 * When it reports nothing left, the older keys can be removed from MASTER_KEYS.
 */
import { mkdirSync } from 'node:fs';
import { migrateDatabase, openDatabase } from '../src/db/client.js';
import { installKeyring } from '../src/lib/secretbox.js';
import { rekeyPersonalData, sealLegacyIdentifiers } from '../src/modules/identity/rekey.js';
import { resealLicences, resealSigningKeys } from '../src/modules/licences/service.js';
import { rekeyEntityRegistry, rekeyPopulationRegistry } from '../src/modules/registry/service.js';
import { loadConfig } from '../src/server/config.js';
import { ensureMasterKeys, retireOtherMasterKeys } from '../src/server/keyCheck.js';
import { loadKeyring } from '../src/server/keyring.js';

const config = loadConfig();
mkdirSync(config.DATA_DIR, { recursive: true });
const keyring = loadKeyring(config);
installKeyring(keyring);
const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
try {
  await migrateDatabase(database);
  const keyCheck = await ensureMasterKeys(database.db, keyring);
  if (!keyCheck.ok) throw new Error(keyCheck.message);
  const legacy = await sealLegacyIdentifiers(database.db);
  const { rekeyed } = await rekeyPersonalData(database.db);
  const { resealed } = await resealSigningKeys(database.db);
  const registry = await rekeyPopulationRegistry(database.db);
  const entities = await rekeyEntityRegistry(database.db);
  const certificates = await resealLicences(database.db);
  await retireOtherMasterKeys(database.db, keyring);
  console.log(`current master key: ${keyring.currentId}`);
  console.log(`  accounts re-sealed and re-indexed: ${rekeyed}${legacy ? ` (+${legacy} sealed from readable columns)` : ''}`);
  console.log(`  signing keys re-sealed: ${resealed}`);
  console.log(`  population registry rows re-sealed and re-indexed: ${registry.rekeyed}`);
  console.log(`  legal-entity registry rows re-sealed and re-indexed: ${entities.rekeyed}`);
  console.log(`  certificates with identifiers re-sealed: ${certificates.resealed}`);
  console.log(`Nothing is sealed under the other keys now; they can be removed from MASTER_KEYS (${[...keyring.keys.keys()].filter((k) => k !== keyring.currentId).join(', ') || 'none'}).`);
} finally {
  await database.close();
}
