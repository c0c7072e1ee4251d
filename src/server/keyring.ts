import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { newKeyringSpec, parseKeyring, type Keyring } from '../lib/secretbox.js';
import type { Config } from './config.js';

/**
 * The master keyring: from MASTER_KEYS, or for the embedded single-node database a key file
 * beside the data (created on first start, readable by the owner only). A PostgreSQL
 * deployment must bring its own key: a key generated on one instance would differ on the next.
 */
export function loadKeyring(config: Pick<Config, 'MASTER_KEYS' | 'DATABASE_URL' | 'DATA_DIR'>): Keyring {
  if (config.MASTER_KEYS) return parseKeyring(config.MASTER_KEYS);
  if (config.DATABASE_URL) {
    throw new Error(`MASTER_KEYS is required with DATABASE_URL. Generate one with:\n  node -e "console.log('k1:'+require('crypto').randomBytes(32).toString('base64'))"`);
  }
  const file = path.join(config.DATA_DIR, 'master.key');
  if (!existsSync(file)) {
    writeFileSync(file, `${newKeyringSpec()}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return parseKeyring(readFileSync(file, 'utf8').trim());
}
