import { createHmac, hkdfSync } from 'node:crypto';
import { installedKeyring, open, seal, type Keyring } from './secretbox.js';

/**
 * Personal identifiers at rest (accounts, the population registry): sealed (AES-256-GCM under the master keyring, bound to
 * the account and field), plus a keyed blind index (HMAC-SHA256) so sign-in and uniqueness can
 * find a value without storing it readable. Both name the master key they were made with
 * (`<keyId>.…`), so MASTER_KEYS can rotate: lookups try every configured key, and
 * `rekeyPersonalData` moves rows to the current one.
 */
export type PiiField = 'id_number' | 'phone';

// Blind-index keys derived from a master key, per keyring object and key id: derived from the
// key material, immutable, dropped with the keyring.
const indexKeys = new WeakMap<Keyring, Map<string, Buffer>>();

function indexKey(keyring: Keyring, keyId: string): Buffer {
  let byId = indexKeys.get(keyring);
  if (!byId) indexKeys.set(keyring, (byId = new Map()));
  let key = byId.get(keyId);
  if (!key) {
    const master = keyring.keys.get(keyId);
    if (!master) throw new Error(`master key "${keyId}" is not configured`);
    // A separate key per purpose: the index key never encrypts, the master key never indexes.
    key = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'yiwang/blind-index/v1', 32));
    byId.set(keyId, key);
  }
  return key;
}

export function normalise(field: PiiField, value: string): string {
  const v = value.trim();
  return field === 'id_number' ? v.toUpperCase() : v;
}

export function blindIndex(field: PiiField, value: string, keyring = installedKeyring(), keyId = keyring.currentId): string {
  const mac = createHmac('sha256', indexKey(keyring, keyId)).update(`${field}:${normalise(field, value)}`).digest('base64url');
  return `${keyId}.${mac}`;
}

/** The value's index under every configured key: what a lookup must match during a rotation. */
export function blindIndexes(field: PiiField, value: string, keyring = installedKeyring()): string[] {
  return [...keyring.keys.keys()].map((keyId) => blindIndex(field, value, keyring, keyId));
}

/** Which row a sealed value belongs to: `account:<id>` by default, e.g. `population:<id>` elsewhere. */
const aad = (owner: string, field: PiiField | 'name') => `${owner.includes(':') ? owner : `account:${owner}`}:${field}`;

export function sealPii(owner: string, field: PiiField | 'name', value: string, keyring = installedKeyring()): string {
  return seal(keyring, field === 'name' ? value.trim() : normalise(field, value), aad(owner, field));
}

export function openPii(owner: string, field: PiiField | 'name', sealed: string, keyring = installedKeyring()): string {
  return open(keyring, sealed, aad(owner, field));
}

/** Column values for an account's identifiers (absent ones stay null). */
export function protectedIdentifiers(accountId: string, v: { idNumber?: string | null; phone?: string | null }, keyring = installedKeyring()) {
  return {
    idNumberEnc: v.idNumber ? sealPii(accountId, 'id_number', v.idNumber, keyring) : null,
    idNumberBidx: v.idNumber ? blindIndex('id_number', v.idNumber, keyring) : null,
    phoneEnc: v.phone ? sealPii(accountId, 'phone', v.phone, keyring) : null,
    phoneBidx: v.phone ? blindIndex('phone', v.phone, keyring) : null,
  };
}

/** Whether a sealed value or index was made with the keyring's current key. */
export function isCurrent(value: string | null, keyring = installedKeyring()): boolean {
  if (value === null) return true;
  const keyId = value.startsWith('sb1.') ? value.split('.')[1] : value.split('.')[0];
  return keyId === keyring.currentId;
}
