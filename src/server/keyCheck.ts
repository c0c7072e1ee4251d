import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { masterKeyCanaries } from '../db/platformTables.js';
import { open, seal, type Keyring } from '../lib/secretbox.js';

/**
 * Is MASTER_KEYS the keyring this database was sealed with? With a wrong key the platform would
 * start and answer /healthz while every sealed read (ID and phone numbers, signing keys, client
 * secrets) fails. Each key the database has used leaves a canary (master_key_canaries); every
 * canary must open. A database from before canaries is checked on one issuer signing key instead.
 */
export type KeyCheck =
  | { ok: true }
  | { ok: false; problem: 'master_key_missing' | 'master_key_wrong'; keyId: string; message: string };

const canaryAad = (keyId: string) => `master-key-canary:${keyId}`;

function missing(keyId: string): KeyCheck {
  return {
    ok: false,
    problem: 'master_key_missing',
    keyId,
    message:
      `This database was sealed with master key "${keyId}", which is not in the configured keys (MASTER_KEYS, or DATA_DIR/master.key with PGlite). ` +
      `Every sealed value would fail to open. Start with the key this database was created with: restore master.key from your backup, or put "${keyId}:…" back into MASTER_KEYS ` +
      `(while rotating keep the old key after the new one until npm run keys:rekey reports nothing left).`,
  };
}

function wrong(keyId: string): KeyCheck {
  return {
    ok: false,
    problem: 'master_key_wrong',
    keyId,
    message:
      `Master key "${keyId}" is configured but is not the key this database was sealed with: a value sealed under "${keyId}" does not open. ` +
      `Check MASTER_KEYS (or DATA_DIR/master.key) against your secret store or backup; do not start with a new key under an old name.`,
  };
}

function opens(keyring: Keyring, sealed: string, aad: string): boolean {
  try {
    open(keyring, sealed, aad);
    return true;
  } catch {
    return false;
  }
}

/** Checks without writing (for /healthz). */
export async function checkMasterKeys(db: Executor, keyring: Keyring): Promise<KeyCheck> {
  const canaries = await db.select().from(masterKeyCanaries);
  for (const c of canaries) {
    if (!keyring.keys.has(c.keyId)) return missing(c.keyId);
    if (!opens(keyring, c.sealed, canaryAad(c.keyId))) return wrong(c.keyId);
  }
  if (canaries.length > 0) return { ok: true };
  // No canary yet (a database from an older release): try one issuer signing key, sealed with AAD
  // `signing-key:<id>` by the licences module. A database without any is not sealed under anything.
  const rows = (await db.execute(sql`SELECT id::text AS id, private_key FROM signing_keys ORDER BY created_at LIMIT 1`)) as unknown as {
    rows: { id: string; private_key: string }[];
  };
  const key = rows.rows[0];
  if (!key) return { ok: true };
  const keyId = key.private_key.split('.')[1] ?? '';
  if (!keyring.keys.has(keyId)) return missing(keyId);
  if (!opens(keyring, key.private_key, `signing-key:${key.id}`)) return wrong(keyId);
  return { ok: true };
}

/** At start-up: checks, then leaves a canary for every configured key that has none yet. */
export async function ensureMasterKeys(db: Executor, keyring: Keyring): Promise<KeyCheck> {
  const check = await checkMasterKeys(db, keyring);
  if (!check.ok) return check;
  for (const keyId of keyring.keys.keys()) {
    const sealed = seal({ currentId: keyId, keys: keyring.keys }, randomBytes(16).toString('hex'), canaryAad(keyId));
    await db.insert(masterKeyCanaries).values({ keyId, sealed }).onConflictDoNothing();
  }
  return check;
}

/** After `npm run keys:rekey` has moved everything to the current key: the older keys may go. */
export async function retireOtherMasterKeys(db: Executor, keyring: Keyring): Promise<void> {
  await db.execute(sql`DELETE FROM master_key_canaries WHERE key_id <> ${keyring.currentId}`);
}
